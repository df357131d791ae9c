import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawFinding } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { SecretEngine } from '../src/engine.js';
import type { SecretRule } from '../src/secret-rule.js';
import { keywordStarts, maxLookaround, maxMatchLength } from '../src/match-bound.js';
import { RULES } from '../src/rules/index.js';

// The engine runs a rule only on windows around its keywords. That is exact when every match of a
// rule contains one of its keywords and is at most maxMatchLength long; these tests hold both.

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const BOUNDS = fileURLToPath(new URL('../src/rule-bounds.ts', import.meta.url));
const texts = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => {
    const dir = join(FIXTURES, entry.name);
    const file = readdirSync(dir).find((name) => name !== 'expected.json')!;
    return { name: entry.name, text: readFileSync(join(dir, file), 'utf8') };
  });

/** Real-looking code that holds many keywords (key, token, auth, secret, pass) but no secret. */
const FILLER = Array.from(
  { length: 400 },
  (_, i) =>
    `  const tokenizer${i} = createKey(options.auth, { secretName: name${i}, passThrough: true }); // https://example.com/${i}`,
).join('\n');

/** Code without any keyword: windows stay small. */
const PLAIN = Array.from({ length: 400 }, (_, i) => `  const value${i} = compute(${i}, other${i});`).join(
  '\n',
);

function scanAll(engine: SecretEngine, text: string, windows: boolean): RawFinding[] {
  const out: RawFinding[] = [];
  engine.scan(text, (finding) => out.push(finding), { windows });
  return out;
}

describe('maxMatchLength', () => {
  it.each([
    [/abc/, 3],
    [/a{2,5}b?/, 6],
    [/(?:ab|c{10})d/, 11],
    [/(?<=x)y(?!z)\b/, 1],
    [/(?<t>ab)-\k<t>/, 5],
    [/a+/, Infinity],
    [/a{3,}/, Infinity],
    [/[\s\S]{0,40}?/, 40],
    [/\u{1F600}/u, 2],
    [/./u, 2],
  ])('%s is at most %d long', (pattern, expected) => {
    expect(maxMatchLength(pattern)).toBe(expected);
  });

  it('rule-bounds.ts holds the bounds of every shipped rule (UPDATE_SNAPSHOT=1 regenerates it)', () => {
    const entries = RULES.map(
      (rule) =>
        `  '${rule.id}': [${maxMatchLength(rule.pattern)}, ${maxLookaround(rule.pattern)}, ${JSON.stringify(keywordStarts(rule.pattern, rule.keywords) ?? null)}],`,
    );
    const expected = `${readFileSync(BOUNDS, 'utf8').split('export const')[0]!}export const SHIPPED_BOUNDS: Readonly<Record<string, readonly [number, number, Readonly<Record<string, readonly number[]>> | null]>> = {\n${entries.join('\n')}\n};\n`;
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(BOUNDS, expected);
    expect(readFileSync(BOUNDS, 'utf8')).toBe(expected);
  });

  it('every shipped rule is bounded', () => {
    expect(RULES.filter((rule) => maxMatchLength(rule.pattern) === Infinity).map((r) => r.id)).toEqual([]);
  });
});

describe('keywordStarts', () => {
  it.each([
    [
      /(?:password|api[_.-]?key|token)\s*=/i,
      ['pass', 'key', 'token'],
      { key: [3, 4], pass: [0], token: [0] },
    ],
    [/(?<![a-z])(?:(?:git\+)?https?|ftp):\/\/[^@]+@/, ['://'], { '://': [3, 4, 5, 8, 9] }],
    [/ghp_[A-Za-z0-9]{36}/, ['ghp_'], { ghp_: [0] }],
    [/[A-Z]{2}key/, ['key'], undefined], // a repeated part before the keyword
    [/(?:token|secret)=|auth/, ['token', 'secret'], undefined], // one alternative holds no keyword
    [/x?[ab]-key/i, ['key'], { key: [2, 3] }],
    [/key/iu, ['key'], undefined], // Unicode case folding: K (Kelvin sign) matches k
  ])('%s with keywords %j', (pattern, keywords, expected) => {
    expect(keywordStarts(pattern, keywords)).toEqual(expected);
  });
});

describe('keyword windows', () => {
  it('every match of every rule on every fixture contains one of the rule keywords', () => {
    const misses: string[] = [];
    for (const rule of RULES) {
      const pattern = new RegExp(rule.pattern.source, `${rule.pattern.flags}g`);
      for (const { name, text } of texts) {
        for (const match of text.matchAll(pattern)) {
          const lower = match[0].toLowerCase();
          if (!rule.keywords.some((k) => lower.includes(k))) misses.push(`${rule.id} on ${name}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it('find exactly what scanning the whole text finds, with secrets between long stretches of code', () => {
    const engine = new SecretEngine(RULES);
    for (const { name, text } of texts) {
      for (const big of [
        `${FILLER}\n${text}\n${FILLER}\n${text}${FILLER}`,
        `${PLAIN}\n${text}\n${PLAIN}${text}\n${PLAIN}`,
      ]) {
        const full = scanAll(engine, big, false);
        const windowed = scanAll(engine, big, true);
        expect(windowed, name).toEqual(full);
        if (name.startsWith('ng.')) expect(full.length, name).toBeGreaterThan(0);
      }
    }
  });

  it('handle keywords at the very start and end of a text and secrets on its first and last line', () => {
    const engine = new SecretEngine(RULES);
    const key = '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';
    for (const big of [
      `${key}\n${FILLER}`,
      `${FILLER}\n${key}`,
      `${FILLER} ${key}`,
      `${key}${FILLER}\n${key}`,
    ]) {
      const windowed = scanAll(engine, big, true);
      expect(windowed).toEqual(scanAll(engine, big, false));
      expect(windowed.length).toBeGreaterThan(0);
    }
  });
});

describe('window margins', () => {
  const rule = (pattern: RegExp): SecretRule => ({
    id: 'secrets/test-margin',
    title: 'Test',
    severity: 'high',
    precision: 'high',
    cwe: [],
    description: 'test',
    help: { bad: 'x', good: 'y' },
    references: [],
    keywords: ['key'],
    pattern,
  });

  it.each([
    [/(?<![a-z])(?<secret>[0-9]{4}key)/, 'x1234key'],
    [/(?<secret>key[0-9]{4})(?![a-z])/, 'key1234z'],
    [/^(?<secret>[0-9]{4}key)$/m, 'x 1234key'],
  ])('let lookarounds and anchors of %s see the text next to a longest match', (pattern, secret) => {
    const engine = new SecretEngine([rule(pattern)]);
    const text = `${PLAIN}\n${secret}\n${PLAIN}`;
    expect(scanAll(engine, text, true)).toEqual([]);
    expect(scanAll(engine, text, false)).toEqual([]);
  });
});

describe('maxLookaround', () => {
  it.each([
    [/abc/, 0],
    [/^abc$/m, 1],
    [/\bkey/, 1],
    [/(?<![A-Za-z0-9])x(?=["'])/, 1],
    [/(?<!hash(?:ed)?[_.-]?)x/, 7],
    [/x(?![A-Za-z]{0,30}(?:hash|md5))/, 34],
    [/x(?<=a+x)/, Infinity],
  ])('%s reads at most %d characters around a match', (pattern, expected) => {
    expect(maxLookaround(pattern)).toBe(expected);
  });
});
