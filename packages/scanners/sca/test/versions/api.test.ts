/**
 * The public API of src/versions: errors, ecosystem names, sorting, the parse cache, and speed.
 */
import { describe, expect, it } from 'vitest';
import type { OsvAffected } from '../../src/osv.js';
import {
  compareVersions,
  fixedVersions,
  hasVersionOrdering,
  InvalidVersionError,
  isOrderable,
  isAffected,
  isValidVersion,
  nearestFixed,
  sortVersions,
  UnknownEcosystemError,
} from '../../src/versions/index.js';
import { SUPPORTED_ECOSYSTEMS, schemeFor } from '../../src/versions/registry.js';
import { CachedScheme } from '../../src/versions/scheme.js';
import { npmScheme } from '../../src/versions/npm.js';
import { ECOSYSTEMS } from '../../src/model.js';

describe('ecosystem names', () => {
  it('has an ordering for every ecosystem of the dependency model', () => {
    for (const e of ECOSYSTEMS) expect(() => schemeFor(e)).not.toThrow();
    for (const e of SUPPORTED_ECOSYSTEMS) expect(() => schemeFor(e)).not.toThrow();
  });

  it('ignores an OSV release suffix and letter case', () => {
    expect(compareVersions('Debian:12', '1.0-1', '1.0-2')).toBe(-1);
    expect(compareVersions('Alpine:v3.20', '1.0-r1', '1.0')).toBe(1);
    expect(compareVersions('Ubuntu:22.04:LTS', '1:1.0', '2.0')).toBe(1);
    expect(compareVersions('pypi', '1.0', '1.0.0')).toBe(0);
    expect(compareVersions('GO', 'v1.2.3', '1.2.3')).toBe(0);
  });

  it('tells which ecosystems have an ordering', () => {
    expect(hasVersionOrdering('npm')).toBe(true);
    expect(hasVersionOrdering('Debian:11')).toBe(true);
    expect(hasVersionOrdering('Hackage')).toBe(false);
    expect(hasVersionOrdering('')).toBe(false);
  });

  it('throws UnknownEcosystemError for an ecosystem with no ordering', () => {
    for (const call of [
      () => compareVersions('Hackage', '1.0', '1.1'),
      () => isValidVersion('', '1.0'),
      () => sortVersions('OSS-Fuzz', ['1']),
      () => fixedVersions('Nope', []),
      () => nearestFixed('Nope', '1.0', []),
    ]) {
      expect(call).toThrow(UnknownEcosystemError);
    }
    expect(() => compareVersions('Hackage', '1.0', '1.1')).toThrow(
      'No version ordering for ecosystem "Hackage"',
    );
  });
});

describe('compareVersions', () => {
  it('returns -1, 0 or 1', () => {
    expect(compareVersions('npm', '1.0.0', '2.0.0')).toBe(-1);
    expect(compareVersions('npm', '2.0.0', '1.0.0')).toBe(1);
    expect(compareVersions('npm', '1.0.0', '1.0.0+build')).toBe(0);
    expect(compareVersions('Maven', '1.0.0', '1.0.0.0.0.0.1')).toBe(-1);
  });

  it('throws InvalidVersionError naming the version it cannot order', () => {
    expect(() => compareVersions('npm', '1.0.0', 'latest')).toThrow(InvalidVersionError);
    expect(() => compareVersions('npm', 'latest', '1.0.0')).toThrow(
      '"latest" is not a version npm can order',
    );
    expect(() => compareVersions('npm', 'latest', 'latest')).toThrow(InvalidVersionError);
    expect(() => compareVersions('Alpine', '1.0', '1.0bc')).toThrow(InvalidVersionError);
  });

  it('tells which strings it can order', () => {
    expect(isOrderable('PyPI', '2004d')).toBe(true);
    expect(isOrderable('npm', 'latest')).toBe(false);
    expect(isOrderable('Maven', 'anything-at-all')).toBe(true);
  });

  it('orders a PyPI legacy version without throwing, before every PEP 440 version', () => {
    expect(isValidVersion('PyPI', '2004d')).toBe(false);
    expect(compareVersions('PyPI', '2004d', '0.0.1')).toBe(-1);
    expect(compareVersions('PyPI', '0.0.1.dev0', '2004d')).toBe(1);
  });

  it('never throws a TypeError on odd input', () => {
    const odd = [
      '',
      ' ',
      '\u0000',
      '-',
      '.',
      '+',
      '~',
      '_',
      'v',
      '0',
      '1'.repeat(400),
      '1.'.repeat(300),
      '💥',
      '1.0\n',
    ];
    for (const e of SUPPORTED_ECOSYSTEMS) {
      for (const a of odd) {
        expect(() => isValidVersion(e, a)).not.toThrow();
        for (const b of ['1.0', a]) {
          try {
            compareVersions(e, a, b);
          } catch (err) {
            expect(err, `${e} ${JSON.stringify(a)} ${JSON.stringify(b)}`).toBeInstanceOf(InvalidVersionError);
          }
        }
      }
    }
  });
});

describe('hostile input', () => {
  it('refuses over-long strings quickly in every ecosystem', () => {
    const inputs = [
      ' '.repeat(50_000) + 'x',
      '1'.repeat(50_000) + '!',
      '1.'.repeat(25_000) + 'x',
      '1-' + 'a-'.repeat(25_000),
    ];
    const start = performance.now();
    for (const e of SUPPORTED_ECOSYSTEMS) {
      for (const v of inputs) {
        expect(isValidVersion(e, v)).toBe(false);
        expect(() => compareVersions(e, v, '1.0')).toThrow(InvalidVersionError);
      }
    }
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe('sortVersions', () => {
  it('sorts ascending without touching its input', () => {
    const input = ['1.10.0', '1.2.0', '1.9.0'];
    expect(sortVersions('npm', input)).toEqual(['1.2.0', '1.9.0', '1.10.0']);
    expect(input).toEqual(['1.10.0', '1.2.0', '1.9.0']);
  });

  it('orders equal versions by their text, and strings it cannot order first', () => {
    expect(sortVersions('Maven', ['1.0.0', '1', '1.0', '1-SNAPSHOT'])).toEqual([
      '1-SNAPSHOT',
      '1',
      '1.0',
      '1.0.0',
    ]);
    expect(sortVersions('npm', ['2.0.0', 'zzz', '1.0.0', 'aaa'])).toEqual(['aaa', 'zzz', '1.0.0', '2.0.0']);
  });
});

describe('the parse cache', () => {
  it('stays within its bound', () => {
    const cache = new CachedScheme(npmScheme, 100);
    for (let i = 0; i < 1000; i++) cache.parse(`1.0.${i}`);
    expect(cache.size).toBe(100);
    // Still correct after evictions.
    const a = cache.parse('1.0.5')!;
    const b = cache.parse('1.0.999')!;
    expect(cache.compare(a, b)).toBeLessThan(0);
  });

  it('remembers unparsable strings too', () => {
    const cache = new CachedScheme(npmScheme, 10);
    expect(cache.parse('nope')).toBeUndefined();
    expect(cache.parse('nope')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});

describe('speed', () => {
  it('evaluates 200k version/range pairs in well under the time a scan allows', () => {
    // 2,000 synthetic advisories with four-event ranges, 100 installed versions each.
    const affected: OsvAffected[] = [];
    for (let i = 0; i < 2000; i++) {
      affected.push({
        ranges: [
          {
            type: 'SEMVER',
            events: [
              { introduced: `${i % 7}.0.0` },
              { fixed: `${i % 7}.${i % 13}.1` },
              { introduced: `${(i % 7) + 1}.1.0-0` },
              { fixed: `${(i % 7) + 1}.5.${i % 5}` },
            ],
          },
        ],
      });
    }
    const versions = Array.from({ length: 100 }, (_, k) => `${k % 9}.${k % 11}.${k % 3}`);
    const start = performance.now();
    let hits = 0;
    for (const a of affected) for (const v of versions) if (isAffected('npm', v, a)) hits++;
    const ms = performance.now() - start;
    expect(hits).toBeGreaterThan(0);
    // Typically well under a second; the bound only catches a pathological slowdown.
    expect(ms).toBeLessThan(10_000);
  });
});
