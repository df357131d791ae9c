import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { KeywordPrefilter, WASM_MIN } from '../src/prefilter.js';
import { PREFILTER_WASM } from '../src/prefilter-wasm.generated.js';
import { RULES } from '../src/rules/index.js';

const WAT = fileURLToPath(new URL('../src/prefilter.wat', import.meta.url));
const GENERATED = fileURLToPath(new URL('../src/prefilter-wasm.generated.ts', import.meta.url));

it('the embedded WebAssembly is prefilter.wat assembled (UPDATE_SNAPSHOT=1 regenerates it)', async () => {
  const wabt = await wabtInit();
  const module = wabt.parseWat('prefilter.wat', readFileSync(WAT, 'utf8'));
  const binary = Buffer.from(module.toBinary({}).buffer).toString('base64');
  module.destroy();
  const expected = [
    '// Generated from prefilter.wat by test/prefilter.test.ts (UPDATE_SNAPSHOT=1 regenerates it). Do not edit.',
    `export const PREFILTER_WASM = '${binary}';`,
    '',
  ].join('\n');
  if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(GENERATED, expected);
  expect(readFileSync(GENERATED, 'utf8')).toBe(expected);
  expect(PREFILTER_WASM).toBe(binary);
});

/** A small deterministic generator (tests must not depend on Math.random). */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pairs(hits: { count: number; keywords: Int32Array; ends: Int32Array }): string[] {
  return Array.from({ length: hits.count }, (_, i) => `${hits.keywords[i]}@${hits.ends[i]}`);
}

describe('the keyword prefilter', () => {
  const keywords = [...new Set(RULES.flatMap((rule) => rule.keywords))];
  const prefilter = new KeywordPrefilter(keywords);
  const filler = 'abc XYZ _-=:/"\'\n\t{}()é漢字😀0123456789';

  it('finds the same hits, in the same order, with and without WebAssembly', () => {
    const random = rng(42);
    const lengths = [0, 1, WASM_MIN - 1, WASM_MIN, WASM_MIN + 1, WASM_MIN + 3, 1000, 4096, 4099, 65_537];
    for (let round = 0; round < 40; round++) {
      const length = lengths[round % lengths.length]! + Math.floor(random() * 8);
      let text = '';
      while (text.length < length) {
        if (random() < 0.15) {
          const keyword = keywords[Math.floor(random() * keywords.length)]!;
          text += random() < 0.5 ? keyword.toUpperCase() : keyword;
        } else text += filler[Math.floor(random() * filler.length)];
      }
      const expected = pairs(prefilter.hitsWithoutWasm(text));
      expect(pairs(prefilter.hits(text))).toEqual(expected);
    }
    expect(prefilter.usesWasm).toBe(true);
  });

  it('finds a keyword that straddles the border of two stretches, and one at each end of the text', () => {
    for (const length of [WASM_MIN, 1024, 4097, 10_000]) {
      const quarter = Math.ceil(length / 4);
      for (let at = quarter - 12; at <= quarter + 2; at++) {
        const chars = Array.from({ length }, () => ' ');
        const put = (offset: number, word: string) => [...word].forEach((c, i) => (chars[offset + i] = c));
        put(0, 'ghp_');
        put(at, 'hooks.slack.com');
        put(length - 4, 'akia');
        const text = chars.join('');
        const expected = pairs(prefilter.hitsWithoutWasm(text));
        expect(expected.length).toBeGreaterThanOrEqual(3);
        expect(pairs(prefilter.hits(text))).toEqual(expected);
      }
    }
  });

  it('falls back to JavaScript when a text has more hits than the WebAssembly output holds', () => {
    const text = 'key '.repeat(100_000);
    const hits = prefilter.hits(text);
    expect(hits.count).toBe(100_000);
    expect(pairs(hits)).toEqual(pairs(prefilter.hitsWithoutWasm(text)));
  });
});

describe('keyword prefilter', () => {
  it('finds overlapping and nested keywords case-insensitively', () => {
    const pf = new KeywordPrefilter(['he', 'she', 'his', 'hers', 'ghp_', 'xoxb-']);
    expect([...pf.find('uSHErs')].sort()).toEqual([0, 1, 3]);
    expect([...pf.find('token=GHP_abc')]).toEqual([4]);
    expect([...pf.find('nothing here: XOXA-')]).toEqual([0]);
    expect(pf.find('')).toEqual(new Set());
  });

  it('resets on non-ASCII characters', () => {
    const pf = new KeywordPrefilter(['ghp_']);
    expect(pf.find('gh€p_').size).toBe(0);
    expect(pf.find('€ghp_€').size).toBe(1);
  });

  it('agrees with a naive search over every shipped keyword', () => {
    const keywords = [...new Set(RULES.flatMap((r) => r.keywords))];
    const pf = new KeywordPrefilter(keywords);
    const text = `prefix ${keywords
      .filter((_, i) => i % 3 === 0)
      .map((k) => k.toUpperCase())
      .join(' | ')} suffix`;
    const naive = keywords.flatMap((k, i) => (text.toLowerCase().includes(k) ? [i] : []));
    expect([...pf.find(text)].sort((a, b) => a - b)).toEqual(naive);
  });

  it('rejects keywords it cannot match', () => {
    expect(() => new KeywordPrefilter(['Upper'])).toThrow(/lower-case/);
    expect(() => new KeywordPrefilter([''])).toThrow();
  });
});
