/**
 * The compact form of the stored affected entries (`ranges.ts`): it must decode to the entries that
 * were stored, and `rangesAffect` must say of every version what `isAffected` on the decoded entries
 * says. Checked on the fixtures, on the shared advisory corpus when present, and on generated entries
 * with every kind of range, event and ecosystem.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DamagedRanges, decodeRanges, encodeRanges, isCompact, rangesAffect } from '../../src/db/ranges.js';
import { affectedRows } from '../../src/db/writer.js';
import type { OsvAffected, OsvRecord } from '../../src/osv.js';
import { isAffected } from '../../src/versions/index.js';
import { fixture } from './support/temp.js';

const SHARED_ADVISORIES = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../../../../shared/data/advisories',
);

function fixtureRecords(): OsvRecord[] {
  const records: OsvRecord[] = [];
  for (const file of ['records.jsonl', 'debian.jsonl'])
    for (const line of readFileSync(fixture(file), 'utf8').split('\n'))
      if (line.trim()) records.push(JSON.parse(line) as OsvRecord);
  for (const dir of readdirSync(fixture('records')))
    for (const file of readdirSync(fixture('records', dir)))
      records.push(JSON.parse(readFileSync(fixture('records', dir, file), 'utf8')) as OsvRecord);
  if (existsSync(SHARED_ADVISORIES))
    for (const file of readdirSync(SHARED_ADVISORIES).filter((f) => f.endsWith('.jsonl.gz')))
      for (const line of gunzipSync(readFileSync(join(SHARED_ADVISORIES, file)))
        .toString('utf8')
        .split('\n'))
        if (line.trim()) records.push(JSON.parse(line) as OsvRecord);
  return records;
}

/** What `matchComponents` concluded from the entries before they were stored compactly. */
function reference(entries: readonly OsvAffected[], ecosystem: string, version: string): boolean {
  return entries.some((a) => {
    try {
      return isAffected(ecosystem, version, a);
    } catch {
      return false;
    }
  });
}

/** Versions worth asking about for some entries: every version they name, and its neighbours. */
function probes(entries: readonly OsvAffected[]): string[] {
  const out = new Set(['0', '0.0.0', '1.0.0', 'not a version', '']);
  const around = (v: string) => {
    out.add(v);
    out.add(`${v}.1`);
    out.add(`${v}-rc.1`);
    out.add(v.replace(/\d+$/, (d) => String(Number(d) + 1)));
    out.add(v.replace(/\d+$/, (d) => String(Math.max(0, Number(d) - 1))));
  };
  for (const entry of entries) {
    for (const v of entry.versions ?? []) around(v);
    for (const range of entry.ranges ?? [])
      for (const event of range.events)
        for (const v of Object.values(event)) if (typeof v === 'string') around(v);
  }
  return [...out];
}

/** A small deterministic PRNG (xorshift32). */
function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

const ECOSYSTEMS = [
  'npm',
  'PyPI',
  'Maven',
  'Go',
  'crates.io',
  'RubyGems',
  'Debian:12',
  'Alpine:v3.20',
  'Nope',
];

/** Random entries for one package, with every shape the stored form must keep or leave to JSON. */
function randomEntries(random: () => number, ecosystem: string): OsvAffected[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const version = () =>
    pick([
      '0',
      '1.0.0',
      '1.2.3',
      '1.2.3-beta.1',
      '2.0.0',
      '2.0',
      '1:2.3-4',
      '3.0.0+build',
      'v1.5.0',
      '10.0.0',
      'garbage version',
      '*',
      '1.0.0.Final',
    ]);
  const entries: OsvAffected[] = [];
  for (let n = 1 + Math.floor(random() * 2); n > 0; n--) {
    const entry: OsvAffected = { package: { ecosystem, name: 'pkg' } };
    if (random() < 0.4) entry.versions = Array.from({ length: Math.floor(random() * 3) }, version);
    if (random() < 0.85) {
      entry.ranges = Array.from({ length: Math.floor(random() * 3) }, () => ({
        type: pick(['SEMVER', 'ECOSYSTEM', 'ECOSYSTEM', 'GIT'] as const),
        events: Array.from({ length: Math.floor(random() * 5) }, () => {
          const kind = pick(['introduced', 'introduced', 'fixed', 'last_affected', 'limit']);
          return { [kind]: version() } as OsvAffected['ranges'] extends (infer R)[] | undefined
            ? R extends { events: (infer E)[] }
              ? E
              : never
            : never;
        }),
      }));
    }
    entries.push(entry);
  }
  return entries;
}

describe('the compact stored form', () => {
  const records = fixtureRecords();

  it('decodes to the entries stored, for every record (mostly in the compact form)', () => {
    let rows = 0;
    let compact = 0;
    for (const record of records) {
      for (const row of affectedRows(record)) {
        const stored = encodeRanges(row.entries, row.full, row.name);
        rows++;
        if (isCompact(stored)) compact++;
        expect(decodeRanges(stored, row.full, row.name), record.id).toEqual(
          JSON.parse(JSON.stringify(row.entries)),
        );
      }
    }
    expect(compact).toBeGreaterThan(rows * 0.95);
  });

  it('evaluates every version as isAffected does, for every record', () => {
    const differences: string[] = [];
    let checked = 0;
    for (const record of records) {
      for (const row of affectedRows(record)) {
        const stored = encodeRanges(row.entries, row.full, row.name);
        if (!isCompact(stored)) continue;
        for (const version of probes(row.entries)) {
          checked++;
          if (rangesAffect(stored, row.base, version) !== reference(row.entries, row.base, version))
            differences.push(`${record.id} ${version}`);
        }
      }
    }
    expect(differences).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('evaluates generated entries as isAffected does, in every ecosystem', () => {
    const random = prng(20261203);
    const differences: string[] = [];
    let compact = 0;
    for (let i = 0; i < 3000; i++) {
      const ecosystem = ECOSYSTEMS[i % ECOSYSTEMS.length] as string;
      const base = ecosystem.split(':')[0] as string;
      const entries = randomEntries(random, ecosystem);
      const stored = encodeRanges(entries, ecosystem, 'pkg');
      expect(decodeRanges(stored, ecosystem, 'pkg')).toEqual(JSON.parse(JSON.stringify(entries)));
      if (!isCompact(stored)) continue;
      compact++;
      for (const version of probes(entries))
        if (rangesAffect(stored, base, version) !== reference(entries, base, version))
          differences.push(`${JSON.stringify(entries)} ${version}`);
    }
    expect(differences).toEqual([]);
    expect(compact).toBe(3000);
  });

  it('keeps as JSON what it cannot hold, and reads it back', () => {
    const pkg = { ecosystem: 'npm', name: 'pkg' };
    const odd: Array<[string, unknown[]]> = [
      [
        'an event with two members',
        [{ package: pkg, ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1' }] }] }],
      ],
      [
        'an event with another member',
        [{ package: pkg, ranges: [{ type: 'SEMVER', events: [{ introduced: '0', note: 1 }] }] }],
      ],
      [
        'an event of another kind',
        [{ package: pkg, ranges: [{ type: 'SEMVER', events: [{ unknown: '1' }] }] }],
      ],
      [
        'a number for a version',
        [{ package: pkg, ranges: [{ type: 'SEMVER', events: [{ introduced: 0 }] }] }],
      ],
      ['another range type', [{ package: pkg, ranges: [{ type: 'OTHER', events: [{ introduced: '0' }] }] }]],
      ['a range without events', [{ package: pkg, ranges: [{ type: 'SEMVER' }] }]],
      ['a range with a repo', [{ package: pkg, ranges: [{ type: 'GIT', repo: 'x', events: [] }] }]],
      ['a control character', [{ package: pkg, versions: ['1.0.0\n'] }]],
      ['a lone surrogate', [{ package: pkg, versions: ['1.0.0\ud800'] }]],
      ['another ecosystem', [{ package: { ecosystem: 'PyPI', name: 'pkg' }, versions: ['1'] }]],
      ['another name', [{ package: { ecosystem: 'npm', name: 'other' }, versions: ['1'] }]],
      ['versions not a list', [{ package: pkg, versions: '1.0.0' }]],
      ['no entries', []],
    ];
    for (const [label, entries] of odd) {
      const stored = encodeRanges(entries as OsvAffected[], 'npm', 'pkg');
      expect(isCompact(stored), label).toBe(false);
      expect(decodeRanges(stored, 'npm', 'pkg'), label).toEqual(entries);
    }
  });

  it('keeps names that differ from the normalised one, and empty lists', () => {
    const entries: OsvAffected[] = [
      { package: { ecosystem: 'PyPI', name: 'Flask_Login' }, versions: [], ranges: [] },
      {
        package: { ecosystem: 'PyPI', name: 'flask-login' },
        versions: [''],
        ranges: [{ type: 'GIT', events: [] }],
      },
    ];
    const stored = encodeRanges(entries, 'PyPI', 'flask-login');
    expect(isCompact(stored)).toBe(true);
    expect(decodeRanges(stored, 'PyPI', 'flask-login')).toEqual(entries);
    expect(rangesAffect(stored, 'PyPI', '')).toBe(reference(entries, 'PyPI', ''));
  });

  it('reports a damaged value', () => {
    const good = encodeRanges(
      [
        {
          package: { ecosystem: 'npm', name: 'a' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
        },
      ],
      'npm',
      'a',
    );
    for (const bad of [
      '',
      '7\x1f\x1f',
      '2\x1f',
      good.replace('S', 'X'),
      good.replace('\x1ci', '\x1cz'),
      `${good}\x1d`,
    ])
      expect(() => rangesAffect(bad, 'npm', '1.0.0'), JSON.stringify(bad)).toThrow(DamagedRanges);
    expect(() => decodeRanges('[{', 'npm', 'a')).toThrow(SyntaxError);
  });
});
