import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  importAdvisories,
  isDateTime,
  isUri,
  openAdvisoryDb,
  validateOsvRecord,
} from '../../src/db/index.js';
import { useTempDirs } from './support/temp.js';

const require = createRequire(import.meta.url);
// ajv-formats is a development dependency: the reference the run-time formats are checked against.
const { fullFormats } = require('ajv-formats/dist/formats.js') as {
  fullFormats: { uri: (s: string) => boolean; 'date-time': { validate: (s: string) => boolean } };
};

const tempDir = useTempDirs();

const URIS = [
  'https://github.com/advisories/GHSA-8r7q-cvjq-x353',
  'https://example.org/a?b=c&d=%41#frag',
  'http://[::1]:8080/x',
  'http://[v1.fe]/',
  'mailto:security@example.org',
  'urn:cve:CVE-2024-1',
  'https://user:pw@host:1/x',
  'http://a.b:8x/',
  'http://a@b@c/',
  'http://',
  'http:///x',
  'ftp://x',
  'https://x.org/ä',
  'https://a.b/c d',
  'https://a/%zz',
  'https://a/%4',
  'https://a/b#c#d',
  'https://a/b[1]',
  'https://a/b?c=[1]',
  'https://a/b|c',
  'https://a/b{c}',
  'https://a/b\\c',
  'https://a/b"c',
  'https://a/b<c>',
  'http://[::1',
  'relative/path',
  '/absolute/path',
  '1http://x',
  '',
];

const DATES = [
  '2021-01-01T00:00:00Z',
  '2021-01-01T00:00:00.123456Z',
  '2020-02-29T12:00:00Z',
  '2021-02-29T12:00:00Z',
  '2021-04-31T00:00:00Z',
  '2021-13-01T00:00:00Z',
  '2021-01-01T24:00:00Z',
  '2021-01-01T23:59:60Z',
  '2021-01-01T22:59:60Z',
  '2021-01-01T23:59:60+01:00',
  '2021-01-01T22:59:60-01:00',
  '2021-01-01T00:00:00+01:00',
  '2021-01-01T00:00:00+24:00',
  '2021-01-01T00:00:00',
  '2021-01-01t00:00:00z',
  '2021-01-01 00:00:00Z',
  '2021-1-01T00:00:00Z',
  'yesterday',
];

describe('formats', () => {
  it.each(URIS)('uri %j agrees with ajv-formats', (value) => {
    expect(isUri(value)).toBe(fullFormats.uri(value));
  });

  it.each(DATES)('date-time %j agrees with ajv-formats', (value) => {
    expect(isDateTime(value)).toBe(fullFormats['date-time'].validate(value));
  });
});

describe('validateOsvRecord', () => {
  it('accepts a minimal record and explains failures', () => {
    expect(validateOsvRecord({ id: 'GHSA-1', modified: '2024-01-01T00:00:00Z' }).ok).toBe(true);
    expect(validateOsvRecord({ id: 'GHSA-1', modified: '2024-01-01T00:00:00Z', extra: 1 })).toEqual({
      ok: false,
      error: 'record has a property the OSV schema does not allow: extra',
    });
    expect(
      validateOsvRecord({
        id: 'GHSA-1',
        modified: '2024-01-01T00:00:00Z',
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:Q' }],
      }),
    ).toEqual({
      ok: false,
      error: 'severity.0.score "CVSS:3.1/AV:Q" is not a valid score for its severity type',
    });
    expect(
      validateOsvRecord({
        id: 'GHSA-1',
        modified: '2024-01-01T00:00:00Z',
        affected: [{ ranges: [{ type: 'GIT', repo: 'r', events: [{ introduced: '0' }, { fixed: 'abc' }] }] }],
      }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^affected\.0\.ranges\.0\.events\.1/) as unknown,
    });
  });
});

const SHARED = '/work/shared/data/advisories';
const shared = existsSync(SHARED) ? readdirSync(SHARED).filter((f) => f.endsWith('.jsonl.gz')) : [];

describe.skipIf(shared.length === 0)('the shared advisory corpus (skipped: /work/shared is absent)', () => {
  it('agrees with ajv + ajv-formats on every record, and every record is valid', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const addFormats = require('ajv-formats') as (ajv: InstanceType<typeof Ajv2020>) => void;
    const reference = new Ajv2020({ strict: false });
    addFormats(reference);
    const check = reference.compile(
      JSON.parse(
        readFileSync(new URL('../../src/db/schemas/osv-schema.json', import.meta.url), 'utf8'),
      ) as object,
    );
    let count = 0;
    for (const file of shared) {
      for (const line of gunzipSync(readFileSync(join(SHARED, file)))
        .toString('utf8')
        .split('\n')) {
        if (!line) continue;
        const record = JSON.parse(line) as unknown;
        expect(validateOsvRecord(record).ok).toBe(check(record));
        count++;
      }
    }
    expect(count).toBe(11442);
  });

  it('imports the whole corpus', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'osv.db');
    for (const file of shared) {
      const result = await importAdvisories(dbPath, join(SHARED, file));
      expect(result.skipped).toBe(0);
    }
    const db = openAdvisoryDb(dbPath, { verify: true });
    const info = db.info();
    expect(info.advisories).toBe(11442);
    expect(Object.fromEntries(info.ecosystems.map((e) => [e.ecosystem, e.advisories]))).toMatchObject({
      Go: 4291,
      'crates.io': 1206,
      PyPI: 2654,
      npm: 467,
      RubyGems: 1232,
      Packagist: 1592,
    });
    expect(db.lookup('PyPI', ['Django']).get('django')!.length).toBeGreaterThan(100);
    db.close();
  });
});
