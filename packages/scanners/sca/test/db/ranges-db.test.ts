/**
 * Matching reads most stored entries in the compact form without decoding them, and the rest as JSON
 * (what databases of schema version 1 held). Both must find the same advisories: the same database is
 * matched as built and with every value turned back into JSON. A version 1 database is refused when
 * read, with the hint to rebuild it, and migrated when opened for writing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdvisoryDbError, importAdvisories, openAdvisoryDb, SCHEMA_VERSION } from '../../src/db/index.js';
import { decodeRanges, isCompact } from '../../src/db/ranges.js';
import { matchComponents } from '../../src/match.js';
import type { Component, Ecosystem } from '../../src/model.js';
import type { OsvAffected } from '../../src/osv.js';
import { fixture } from './support/temp.js';

const SHARED_ADVISORIES = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../../../../shared/data/advisories',
);

let dir: string;
let dbPath: string;
let components: Component[];
let expected: unknown[];

/** Versions to try for a package: each version its entries name, and neighbours. */
function versionsFor(entries: readonly OsvAffected[]): string[] {
  const out = new Set<string>(['0.0.1']);
  for (const entry of entries) {
    for (const v of entry.versions ?? []) out.add(v);
    for (const range of entry.ranges ?? [])
      for (const event of range.events)
        for (const v of Object.values(event)) {
          if (typeof v !== 'string' || v === '0') continue;
          out.add(v);
          out.add(v.replace(/\d+$/, (d) => String(Math.max(0, Number(d) - 1))));
        }
  }
  return [...out].slice(0, 3);
}

/** The matches, with each component as its ref (comparing whole components is slow). */
function match(): unknown[] {
  const db = openAdvisoryDb(dbPath);
  try {
    return matchComponents(components, db).map((m) => ({ ...m, component: m.component.ref }));
  } finally {
    db.close();
  }
}

/** Every stored value back to JSON, as a version 1 database held them. */
function storeAsJson(raw: Database.Database, column: string): void {
  raw.function('as_json', (stored, variant, name) =>
    JSON.stringify(decodeRanges(String(stored), String(variant), String(name))),
  );
  raw.exec(`UPDATE affected SET ${column} = as_json(${column}, variant, name)`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-ranges-'));
  dbPath = join(dir, 'osv.db');
  await importAdvisories(dbPath, fixture('records'));
  await importAdvisories(dbPath, fixture('debian.jsonl'));
  if (existsSync(SHARED_ADVISORIES))
    for (const file of readdirSync(SHARED_ADVISORIES).filter((f) => f.endsWith('.jsonl.gz')))
      await importAdvisories(dbPath, join(SHARED_ADVISORIES, file));
  const raw = new Database(dbPath, { readonly: true });
  const rows = raw
    .prepare('SELECT ecosystem, variant, name, ranges FROM affected ORDER BY ecosystem, variant, name')
    .raw(true)
    .all() as [string, string, string, string][];
  raw.close();
  components = [];
  const seen = new Set<string>();
  const perPackage = new Map<string, number>();
  for (const [ecosystem, variant, name, stored] of rows) {
    for (const version of versionsFor(decodeRanges(stored, variant, name))) {
      // Each package and version once, and a few versions per package.
      const pkg = `${variant}\0${name}`;
      const count = perPackage.get(pkg) ?? 0;
      if (count >= 4 || seen.has(`${pkg}\0${version}`)) continue;
      seen.add(`${pkg}\0${version}`);
      perPackage.set(pkg, count + 1);
      const component: Component = {
        ref: `lock#${ecosystem}:${name}@${version}`,
        name,
        version,
        ecosystem: ecosystem as Ecosystem,
        purl: '',
        direct: false,
        scope: 'prod',
        depGroups: [],
        paths: [],
        dependsOn: [],
        source: 'lock',
      };
      if (variant !== ecosystem) component.ecosystemVariant = variant;
      components.push(component);
      if (variant !== ecosystem) {
        // The same package seen from another release of a distribution: only plain entries apply.
        components.push({ ...component, ecosystemVariant: `${ecosystem}:other` });
        // A component whose ecosystem is not its variant's: no entry applies.
        components.push({ ...component, ecosystem: 'npm' });
      }
    }
  }
  expected = match();
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('matching the stored entries', () => {
  it('stores nearly every entry in the compact form', () => {
    const raw = new Database(dbPath, { readonly: true });
    const values = raw.prepare('SELECT ranges FROM affected').pluck().all() as string[];
    raw.close();
    expect(values.filter(isCompact).length).toBeGreaterThan(values.length * 0.95);
    expect(expected.length).toBeGreaterThan(20);
  });

  it('finds what it finds in the same entries stored as JSON', () => {
    const raw = new Database(dbPath);
    storeAsJson(raw, 'ranges');
    raw.close();
    expect(match()).toEqual(expected);
  });

  it('refuses a version 1 database when reading, and migrates it when writing', () => {
    const raw = new Database(dbPath);
    raw.exec('ALTER TABLE affected RENAME COLUMN ranges TO entries');
    storeAsJson(raw, 'entries');
    raw.pragma('user_version = 1');
    raw.close();
    let error: unknown;
    try {
      openAdvisoryDb(dbPath).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AdvisoryDbError);
    expect((error as AdvisoryDbError).kind).toBe('version');
    expect((error as Error).message).toMatch(
      /schema version 1, older than this Rampart's 2: run `rampart db update` \(or `rampart db import/,
    );

    openAdvisoryDb(dbPath, { readonly: false }).close();
    const migrated = new Database(dbPath, { readonly: true });
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const values = migrated.prepare('SELECT ranges FROM affected').pluck().all() as string[];
    migrated.close();
    expect(values.filter((v) => !isCompact(v)).length).toBeLessThan(values.length * 0.05);
    expect(match()).toEqual(expected);
  });
});
