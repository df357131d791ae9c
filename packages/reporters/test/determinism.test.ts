import type { ScanResult } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { FORMAT_IDS, REPORTERS } from '../src/index.js';
import { emptyResult, sampleResult } from './fixtures/sample-result.js';

/** A seeded shuffle (mulberry32), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function shuffleResult(result: ScanResult, seed: number): ScanResult {
  return {
    ...result,
    scanners: shuffled(result.scanners, seed),
    rules: shuffled(result.rules, seed + 1),
    findings: shuffled(result.findings, seed + 2),
    suppressed: shuffled(result.suppressed, seed + 3),
    diagnostics: shuffled(result.diagnostics, seed + 4),
  };
}

describe.each(FORMAT_IDS)('%s reporter is deterministic', (format) => {
  const { render } = REPORTERS[format];

  it('renders the same bytes twice', () => {
    expect(render(sampleResult())).toBe(render(sampleResult()));
  });

  it.each([1, 2, 3, 42])('renders the same bytes when the input arrays are shuffled (seed %i)', (seed) => {
    expect(render(shuffleResult(sampleResult(), seed))).toBe(render(sampleResult()));
  });

  it('does not modify its input', () => {
    const result = sampleResult();
    render(result);
    expect(result).toEqual(sampleResult());
  });

  it('renders an empty result', () => {
    expect(render(emptyResult()).length).toBeGreaterThan(0);
  });
});
