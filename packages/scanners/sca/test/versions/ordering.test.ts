/**
 * Version ordering per ecosystem, checked against vectors written from each ecosystem's published
 * specification (see the `source` of each file in ./vectors).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareVersions, isValidVersion, sortVersions } from '../../src/versions/index.js';
import { mavenCanonical, parseMaven } from '../../src/versions/maven.js';
import { normalizeComposer, phpVersionCompare } from '../../src/versions/packagist.js';
import { SEMVER } from '../../src/versions/registry.js';

const VECTORS = join(dirname(fileURLToPath(import.meta.url)), 'vectors');

interface VectorFile {
  source: string;
  ecosystems: string[];
  validityEcosystems?: string[];
  sorted?: string[][];
  equal?: [string, string][];
  less?: [string, string][];
  valid?: string[];
  invalid?: string[];
  canonical?: [string, string][];
  normalize?: [string, string][];
  phpVersionCompare?: [string, string, number][];
}

const files = readdirSync(VECTORS)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, data: JSON.parse(readFileSync(join(VECTORS, f), 'utf8')) as VectorFile }))
  .filter((f) => Array.isArray(f.data.ecosystems));

/** Compares in an ecosystem, or in OSV SEMVER-range order for the pseudo-ecosystem `SEMVER`. */
function cmp(ecosystem: string, a: string, b: string): number {
  if (ecosystem !== 'SEMVER') return compareVersions(ecosystem, a, b);
  const pa = SEMVER.parse(a);
  const pb = SEMVER.parse(b);
  if (pa === undefined || pb === undefined) throw new Error(`not SemVer: ${a} / ${b}`);
  return Math.sign(SEMVER.compare(pa, pb));
}

function valid(ecosystem: string, v: string): boolean {
  return ecosystem === 'SEMVER' ? SEMVER.isValid(v) : isValidVersion(ecosystem, v);
}

/** A small seeded PRNG (mulberry32), so shuffles are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  const rand = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe.each(files.map((f) => [f.file, f.data] as const))('vectors/%s', (_file, data) => {
  describe.each(data.ecosystems)('%s', (ecosystem) => {
    it.each((data.sorted ?? []).map((list, i) => ({ i, list })))(
      'sorted list #$i is strictly ascending',
      ({ list }) => {
        for (let i = 0; i < list.length; i++) {
          for (let j = i + 1; j < list.length; j++) {
            expect(cmp(ecosystem, list[i]!, list[j]!), `${list[i]} < ${list[j]}`).toBeLessThan(0);
            expect(cmp(ecosystem, list[j]!, list[i]!), `${list[j]} > ${list[i]}`).toBeGreaterThan(0);
          }
          expect(cmp(ecosystem, list[i]!, list[i]!)).toBe(0);
        }
      },
    );

    if (ecosystem !== 'SEMVER') {
      it.each((data.sorted ?? []).map((list, i) => ({ i, list })))(
        'sorted list #$i survives shuffle + sort',
        ({ list }) => {
          for (const seed of [1, 2, 3, 42, 2024]) {
            expect(sortVersions(ecosystem, shuffle(list, seed))).toEqual(list);
          }
        },
      );
    }

    if (data.equal?.length) {
      it('equal pairs compare equal', () => {
        for (const [a, b] of data.equal!) {
          expect(cmp(ecosystem, a, b), `${a} == ${b}`).toBe(0);
          expect(cmp(ecosystem, b, a), `${b} == ${a}`).toBe(0);
        }
      });
    }

    if (data.less?.length) {
      it('ordered pairs compare less', () => {
        for (const [a, b] of data.less!) {
          expect(cmp(ecosystem, a, b), `${a} < ${b}`).toBeLessThan(0);
          expect(cmp(ecosystem, b, a), `${b} > ${a}`).toBeGreaterThan(0);
        }
      });
    }

    if ((data.validityEcosystems ?? data.ecosystems).includes(ecosystem)) {
      if (data.valid?.length) {
        it('valid versions are valid', () => {
          for (const v of data.valid!) expect(valid(ecosystem, v), JSON.stringify(v)).toBe(true);
        });
      }
      if (data.invalid?.length) {
        it('invalid versions are rejected', () => {
          for (const v of data.invalid!) expect(valid(ecosystem, v), JSON.stringify(v)).toBe(false);
        });
      }
    }
  });
});

describe('Maven canonical form', () => {
  const data = files.find((f) => f.file === 'maven.json')!.data;
  it.each(data.canonical!)('%s -> %s', (input, canonical) => {
    expect(mavenCanonical(parseMaven(input))).toBe(canonical);
    // The canonical form reads back to itself.
    expect(mavenCanonical(parseMaven(canonical))).toBe(canonical);
  });
});

describe('Composer normalisation', () => {
  const data = files.find((f) => f.file === 'packagist.json')!.data;
  it.each(data.normalize!)('%j -> %s', (input, normalized) => {
    expect(normalizeComposer(input)?.normalized).toBe(normalized);
  });
});

describe('PHP version_compare', () => {
  const data = files.find((f) => f.file === 'packagist.json')!.data;
  it.each(data.phpVersionCompare!)('version_compare(%j, %j) = %i', (a, b, expected) => {
    expect(phpVersionCompare(a, b)).toBe(expected);
    expect(phpVersionCompare(b, a)).toBe(-expected || 0);
  });
});

/** Outputs of the reference implementations themselves on generated inputs (vectors/oracle-*.json). */
describe('agreement with the reference implementations', () => {
  const oracle = (name: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(VECTORS, name), 'utf8')) as Record<string, unknown>;

  it.each(['oracle-maven.json', 'oracle-debian.json', 'oracle-pypi.json'])('%s', (name) => {
    const data = oracle(name) as { ecosystem: string; pairs: [string, string, number][] };
    expect(data.pairs.length).toBeGreaterThan(100);
    const wrong = data.pairs.filter(([a, b, want]) => compareVersions(data.ecosystem, a, b) !== want);
    expect(wrong).toEqual([]);
  });

  it('oracle-php.json: version_compare', () => {
    const data = oracle('oracle-php.json') as { versionCompare: [string, string, number][] };
    const wrong = data.versionCompare.filter(([a, b, want]) => phpVersionCompare(a, b) !== want);
    expect(wrong).toEqual([]);
  });

  it('oracle-php.json: Composer normalisation', () => {
    const data = oracle('oracle-php.json') as { normalize: [string, string | null][] };
    const wrong = data.normalize.filter(([v, want]) => (normalizeComposer(v)?.normalized ?? null) !== want);
    expect(wrong).toEqual([]);
  });
});
