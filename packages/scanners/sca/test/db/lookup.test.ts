import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAdvisories, openAdvisoryDb, SCHEMA_VERSION, type AdvisoryDb } from '../../src/db/index.js';
import { fixture } from './support/temp.js';

let db: AdvisoryDb;
let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-db-'));
  dbPath = join(dir, 'osv.db');
  await importAdvisories(dbPath, fixture('records'));
  await importAdvisories(dbPath, fixture('debian.jsonl'));
  await importAdvisories(dbPath, fixture('invalid', 'nested', 'valid.json'));
  db = openAdvisoryDb(dbPath);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (map: ReturnType<AdvisoryDb['lookup']>) =>
  Object.fromEntries([...map].map(([name, records]) => [name, records.map((r) => r.id)]));

describe('lookup', () => {
  it('loads only the advisories of the names asked for', () => {
    const before = db.recordsLoaded;
    const found = db.lookup('npm', ['lodash', 'express', 'left-pad']);
    expect(ids(found)).toEqual({ lodash: ['x_NSWG-ECO-368', 'x_NSWG-ECO-493'] });
    expect(db.recordsLoaded - before).toBe(2);
  });

  it('parses a record affecting several asked names once and shares it', () => {
    const names = ['github.com/pubnub/go/v5', 'github.com/pubnub/go/v6', 'github.com/pubnub/go'];
    const before = db.recordsLoaded;
    const found = db.lookup('Go', names);
    expect([...found.keys()]).toEqual([
      'github.com/pubnub/go',
      'github.com/pubnub/go/v5',
      'github.com/pubnub/go/v6',
    ]);
    expect(db.recordsLoaded - before).toBe(1);
    expect(found.get('github.com/pubnub/go')![0]).toBe(found.get('github.com/pubnub/go/v6')![0]);
  });

  it('leaves withdrawn advisories out', () => {
    expect(db.lookup('Go', ['k8s.io/kubernetes']).size).toBe(0);
    expect(db.get('GO-2022-0617')?.withdrawn).toBe('2024-08-21T16:25:56Z');
  });

  it('normalises PyPI names (PEP 503) on both sides', () => {
    expect(ids(db.lookup('PyPI', ['JW_Util', 'Jinja2', 'flask.login']))).toEqual({
      'flask-login': ['GHSA-kkkk-mmmm-pppp'],
      jinja2: ['PYSEC-2014-8', 'PYSEC-2019-217', 'PYSEC-2021-66'],
      'jw-util': ['PYSEC-2020-341'],
    });
  });

  it('is case-insensitive for Packagist and case-sensitive for Go and npm', () => {
    expect(db.lookup('Packagist', ['Symfony/HTTP-Kernel']).get('symfony/http-kernel')).toHaveLength(1);
    expect(db.lookup('Go', ['github.com/microcosm-cc/BlueMonday']).size).toBe(0);
    expect(db.lookup('npm', ['Lodash']).size).toBe(0);
  });

  it('keeps ecosystems apart', () => {
    expect(db.lookup('crates.io', ['lodash']).size).toBe(0);
    expect(
      db
        .lookup('RubyGems', ['pubnub'])
        .get('pubnub')
        ?.map((r) => r.id),
    ).toEqual(['x_RUBYSEC-pubnub-CVE-2023-26154']);
  });

  it('finds Debian:12 records and plain Debian ones for Debian:12, not other releases', () => {
    expect(ids(db.lookup('Debian:12', ['openssl']))).toEqual({
      openssl: ['DEBIAN-CVE-2099-0001', 'DSA-9001-1'],
    });
    expect(ids(db.lookup('Debian:11', ['openssl']))).toEqual({
      openssl: ['DEBIAN-CVE-2099-0001', 'DSA-9002-1'],
    });
    expect(ids(db.lookup('Debian', ['openssl']))).toEqual({ openssl: ['DEBIAN-CVE-2099-0001'] });
    expect(ids(db.lookup('Alpine:v3.20', ['openssl']))).toEqual({ openssl: ['ALPINE-CVE-2099-0002'] });
    expect(db.lookup('Alpine:v3.19', ['openssl']).size).toBe(0);
  });

  it('handles more names than one query takes, and duplicates among them', () => {
    const names = Array.from({ length: 1234 }, (_, i) => `pkg-${i}`);
    names.splice(700, 0, 'lodash', 'lodash');
    expect(ids(db.lookup('npm', names))).toEqual({ lodash: ['x_NSWG-ECO-368', 'x_NSWG-ECO-493'] });
    expect(db.lookup('npm', []).size).toBe(0);
  });

  it('binds names as parameters (quotes and SQL in names are just names)', () => {
    expect(db.lookup('npm', ["lodash' OR '1'='1", 'lodash"); DROP TABLE advisories; --']).size).toBe(0);
    expect(db.lookup('npm', ['lodash']).size).toBe(1);
  });
});

describe('aliasGroups', () => {
  it('joins ids that share an alias, across databases', () => {
    expect(db.aliasGroups(['GO-2022-0588', 'RUSTSEC-2024-0366', 'PYSEC-2021-849', 'x_NSWG-ECO-368'])).toEqual(
      [
        ['CVE-2021-42576', 'GHSA-x95h-979x-cf3j', 'GO-2022-0588', 'PYSEC-2021-849'],
        ['CVE-2018-3721', 'x_NSWG-ECO-368'],
        ['GHSA-75qh-gg76-p2w4', 'GO-2024-3101', 'RUSTSEC-2024-0366'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
  });

  it('starts from an alias too, and returns unknown ids alone', () => {
    expect(db.aliasGroups(['CVE-2023-26154', 'CVE-1999-0001'])).toEqual([
      ['CVE-1999-0001'],
      ['CVE-2023-26154', 'GHSA-5844-q3fc-56rh', 'GO-2023-2385', 'x_RUBYSEC-pubnub-CVE-2023-26154'],
    ]);
  });

  it('ignores the aliases of withdrawn advisories', () => {
    expect(db.aliasGroups(['GO-2022-0617'])).toEqual([['GO-2022-0617']]);
  });
});

describe('info', () => {
  it('counts per ecosystem and lists the sources', () => {
    const info = db.info();
    expect(info).toMatchObject({ path: dbPath, schemaVersion: SCHEMA_VERSION, advisories: 19, withdrawn: 1 });
    expect(info.sizeBytes).toBeGreaterThan(0);
    expect(Date.parse(info.updatedAt!)).toBeLessThanOrEqual(Date.now());
    expect(info.ecosystems).toEqual([
      { ecosystem: 'Alpine', advisories: 1, withdrawn: 0, packages: 1 },
      { ecosystem: 'Debian', advisories: 3, withdrawn: 0, packages: 1 },
      { ecosystem: 'Go', advisories: 4, withdrawn: 1, packages: 7 },
      { ecosystem: 'Packagist', advisories: 1, withdrawn: 0, packages: 1 },
      { ecosystem: 'PyPI', advisories: 6, withdrawn: 0, packages: 4 },
      { ecosystem: 'RubyGems', advisories: 1, withdrawn: 0, packages: 1 },
      { ecosystem: 'crates.io', advisories: 1, withdrawn: 0, packages: 1 },
      { ecosystem: 'npm', advisories: 2, withdrawn: 0, packages: 1 },
    ]);
    expect(info.sources.map((s) => [s.ecosystem, s.records])).toEqual([
      ['Alpine,Debian', 4],
      ['PyPI', 1],
      ['Go,Packagist,PyPI,RubyGems,crates.io,npm', 14],
    ]);
    expect(info.sources[0]!.url).toMatch(/^file:\/\/.*debian\.jsonl$/);
  });
});
