import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importAdvisories, openAdvisoryDb, type ImportProgress } from '../../src/db/index.js';
import type { OsvRecord } from '../../src/osv.js';
import { fixture, useTempDirs } from './support/temp.js';
import { writeZip } from './support/zip.js';

const tempDir = useTempDirs();

function fixtureRecords(): OsvRecord[] {
  return readFileSync(fixture('records.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OsvRecord);
}

/** OSV's all.zip layout: one pretty-printed `<id>.json` per entry. */
function allZip(records: readonly OsvRecord[]): Buffer {
  return writeZip(records.map((r) => ({ name: `${r.id}.json`, data: JSON.stringify(r, null, 2) })));
}

async function imported(source: string) {
  const dbPath = join(tempDir(), 'osv.db');
  const result = await importAdvisories(dbPath, source);
  return { dbPath, result, db: openAdvisoryDb(dbPath) };
}

describe('importAdvisories: sources', () => {
  const expectFixtureDb = (result: Awaited<ReturnType<typeof imported>>) => {
    expect(result.result).toMatchObject({
      imported: 14,
      withdrawn: 1,
      duplicates: 0,
      skipped: 0,
      advisories: 14,
    });
    const jinja = result.db.lookup('PyPI', ['Jinja2']).get('jinja2')!;
    expect(jinja.map((r) => r.id)).toEqual(['PYSEC-2014-8', 'PYSEC-2019-217', 'PYSEC-2021-66']);
    expect(jinja[0]).toEqual(fixtureRecords().find((r) => r.id === 'PYSEC-2014-8'));
    result.db.close();
  };

  it('reads a directory of OSV files recursively', async () => {
    expectFixtureDb(await imported(fixture('records')));
  });

  it('reads a zip in the all.zip layout', async () => {
    const zip = join(tempDir(), 'all.zip');
    writeFileSync(zip, allZip(fixtureRecords()));
    expectFixtureDb(await imported(zip));
  });

  it('reads JSONL and gzipped JSONL', async () => {
    expectFixtureDb(await imported(fixture('records.jsonl')));
    expectFixtureDb(await imported(fixture('records.jsonl.gz')));
  });

  it('reads one JSON file', async () => {
    const { result, db } = await imported(fixture('records', 'npm', 'x_NSWG-ECO-368.json'));
    expect(result.imported).toBe(1);
    expect(
      db
        .lookup('npm', ['lodash'])
        .get('lodash')
        ?.map((r) => r.id),
    ).toEqual(['x_NSWG-ECO-368']);
    db.close();
  });

  it('skips zip entries that are not JSON records or are damaged, and names them', async () => {
    const [first, second] = fixtureRecords();
    const zip = join(tempDir(), 'all.zip');
    writeFileSync(
      zip,
      writeZip([
        { name: 'README.txt', data: 'not a record' },
        { name: 'dir/', data: '', store: true },
        { name: `${first!.id}.json`, data: JSON.stringify(first), store: true },
        { name: `${second!.id}.json`, data: JSON.stringify(second), crc: 1234 },
        { name: 'latin1.json', data: Buffer.from([0x7b, 0xe9, 0x7d]), store: true },
      ]),
    );
    const { result, db } = await imported(zip);
    expect(result.imported).toBe(1);
    expect(result.problems).toEqual([
      {
        where: `${second!.id}.json`,
        reason: 'entry is damaged (size or CRC-32 does not match the zip directory)',
      },
      { where: 'latin1.json', reason: 'entry is not valid UTF-8' },
    ]);
    db.close();
  });

  it('refuses an unknown kind of source and a file that is not a zip', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'data.csv'), 'a,b');
    await expect(importAdvisories(join(dir, 'osv.db'), join(dir, 'data.csv'))).rejects.toThrow(
      /expected a directory of OSV \.json files, a \.zip/,
    );
    writeFileSync(join(dir, 'bad.zip'), 'PK but not really a zip file at all');
    await expect(importAdvisories(join(dir, 'osv.db'), join(dir, 'bad.zip'))).rejects.toMatchObject({
      name: 'AdvisoryDbError',
      kind: 'source',
      message: expect.stringMatching(/^cannot read zip .*bad\.zip: /) as unknown,
    });
    await expect(importAdvisories(join(dir, 'osv.db'), join(dir, 'missing'))).rejects.toThrow(
      /cannot read import source .*missing/,
    );
    expect(readdirSync(dir).sort()).toEqual(['bad.zip', 'data.csv']);
  });

  it('refuses a truncated zip and keeps the database it had', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'osv.db');
    await importAdvisories(dbPath, fixture('records', 'npm'));
    const zip = allZip(fixtureRecords());
    writeFileSync(join(dir, 'cut.zip'), zip.subarray(0, Math.floor(zip.length * 0.7)));
    await expect(importAdvisories(dbPath, join(dir, 'cut.zip'))).rejects.toMatchObject({
      kind: 'source',
      message: expect.stringMatching(
        /^cannot read zip .*cut\.zip: End of central directory record signature not found/,
      ) as unknown,
    });
    const db = openAdvisoryDb(dbPath);
    expect(db.info().advisories).toBe(2);
    db.close();
  });

  it('reports progress', async () => {
    const records = fixtureRecords();
    const many = Array.from({ length: 2100 }, (_, i) => ({
      ...records[i % records.length]!,
      id: `GHSA-test-${i}`,
    }));
    const file = join(tempDir(), 'many.jsonl');
    writeFileSync(file, many.map((r) => JSON.stringify(r)).join('\n'));
    const events: ImportProgress[] = [];
    const dbPath = join(tempDir(), 'osv.db');
    const result = await importAdvisories(dbPath, file, { onProgress: (p) => events.push(p) });
    expect(result.imported).toBe(2100);
    // Full batches are compressed by the worker thread, the last partial one in-thread: both read back.
    const db = openAdvisoryDb(dbPath);
    for (const i of [0, 255, 256, 1500, 2099]) expect(db.get(`GHSA-test-${i}`)).toEqual(many[i]);
    db.close();
    expect(events).toEqual([
      { phase: 'import', source: file, records: 1000, skipped: 0 },
      { phase: 'import', source: file, records: 2000, skipped: 0 },
      { phase: 'commit', records: 2100 },
    ]);
  });
});

describe('importAdvisories: invalid records', () => {
  it('skips schema-invalid files with the file and the schema error, and imports the rest', async () => {
    const { result, db } = await imported(fixture('invalid'));
    expect(result.imported).toBe(1);
    expect(result.skipped).toBe(4);
    expect(result.problems).toEqual([
      {
        where: 'bad-prefix.json',
        id: 'FOO-2024-1',
        reason: 'id "FOO-2024-1" does not start with a known OSV database prefix (or x_)',
      },
      {
        where: 'no-modified.json',
        id: 'GHSA-aaaa-bbbb-cccc',
        reason: "record must have required property 'modified'",
      },
      // A directory's files come before its subdirectories.
      { where: 'truncated.json', reason: expect.stringMatching(/^invalid JSON: /) as unknown },
      {
        where: 'nested/bad-ecosystem.json',
        id: 'GHSA-gggg-hhhh-jjjj',
        reason: 'affected.0.package.ecosystem "Pypi" is not an OSV ecosystem',
      },
    ]);
    expect([...db.lookup('PyPI', ['flask-login']).keys()]).toEqual(['flask-login']);
    db.close();
  });

  it('gives the line of each bad JSONL record', async () => {
    const { result } = await imported(fixture('invalid.jsonl'));
    expect(result.imported).toBe(1);
    expect(result.problems.map((p) => [p.line, p.id, p.reason])).toEqual([
      [3, 'GHSA-tttt-vvvv-wwww', 'modified "yesterday" is not an RFC 3339 UTC timestamp'],
      [4, 'GHSA-xxxx-yyyy-zzzz', 'references.0.url "https://example.com/a b" is not a valid uri'],
      [5, undefined, 'record must be object'],
      [6, 'GHSA-2222-3333-4444', expect.stringMatching(/^affected\.0\.ranges\.0 /) as unknown],
      [7, undefined, expect.stringMatching(/^invalid JSON: /) as unknown],
    ]);
    expect(result.problems.every((p) => p.where === fixture('invalid.jsonl'))).toBe(true);
  });

  it('skips a line that is not UTF-8 and goes on', async () => {
    const [record] = fixtureRecords();
    const file = join(tempDir(), 'mixed.jsonl.gz');
    const body = Buffer.concat([
      Buffer.from('{"id":"\xff"}\n', 'latin1'),
      Buffer.from(`${JSON.stringify(record)}\r\n`),
    ]);
    writeFileSync(file, gzipSync(body));
    const { result } = await imported(file);
    expect(result.imported).toBe(1);
    expect(result.problems).toEqual([{ where: file, line: 1, reason: 'line is not valid UTF-8' }]);
  });

  it('aborts on a truncated gzip file without creating a database', async () => {
    const dir = tempDir();
    const whole = readFileSync(fixture('records.jsonl.gz'));
    writeFileSync(join(dir, 'cut.jsonl.gz'), whole.subarray(0, whole.length - 200));
    await expect(importAdvisories(join(dir, 'osv.db'), join(dir, 'cut.jsonl.gz'))).rejects.toMatchObject({
      kind: 'source',
      message: expect.stringMatching(
        /^cannot read .*cut\.jsonl\.gz \(after line \d+\): unexpected end of file/,
      ) as unknown,
    });
    expect(readdirSync(dir)).toEqual(['cut.jsonl.gz']);
  });
});

describe('importAdvisories: duplicates and merging', () => {
  const variant = (record: OsvRecord, modified: string, summary: string): OsvRecord => ({
    ...record,
    modified,
    summary,
  });

  it('keeps the copy with the newest modified, whatever the order', async () => {
    const base = fixtureRecords().find((r) => r.id === 'PYSEC-2014-8')!;
    const older = variant(base, '2020-01-01T00:00:00Z', 'older');
    const newer = variant(base, '2030-01-01T00:00:00.5Z', 'newer');
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const file = join(tempDir(), 'dups.jsonl');
      writeFileSync(file, order.map((r) => JSON.stringify(r)).join('\n'));
      const { result, db } = await imported(file);
      expect(result).toMatchObject({
        imported: order[0] === older ? 2 : 1,
        duplicates: order[0] === older ? 0 : 1,
      });
      expect(result.advisories).toBe(1);
      expect(db.get('PYSEC-2014-8')?.summary).toBe('newer');
      expect(db.lookup('PyPI', ['jinja2']).get('jinja2')).toHaveLength(1);
      db.close();
    }
  });

  it('replaces the affected packages and aliases of a record that changed', async () => {
    const dir = tempDir();
    const base = fixtureRecords().find((r) => r.id === 'PYSEC-2014-8')!;
    const moved: OsvRecord = {
      ...base,
      modified: '2030-01-01T00:00:00Z',
      aliases: ['CVE-2099-0001'],
      affected: [{ package: { ecosystem: 'PyPI', name: 'markupsafe' }, versions: ['1.0'] }],
    };
    writeFileSync(join(dir, 'a.jsonl'), JSON.stringify(base));
    writeFileSync(join(dir, 'b.jsonl'), JSON.stringify(moved));
    const dbPath = join(dir, 'osv.db');
    await importAdvisories(dbPath, join(dir, 'a.jsonl'));
    await importAdvisories(dbPath, join(dir, 'b.jsonl'));
    const db = openAdvisoryDb(dbPath);
    expect(db.lookup('PyPI', ['jinja2', 'markupsafe'])).toEqual(new Map([['markupsafe', [moved]]]));
    expect(db.aliasGroups(['PYSEC-2014-8'])).toEqual([['CVE-2099-0001', 'PYSEC-2014-8']]);
    db.close();
  });

  it('merges imports of different sources, and re-importing a source replaces what it gave before', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'osv.db');
    const records = fixtureRecords();
    const pypi = records.filter((r) => r.id.startsWith('PYSEC-'));
    writeFileSync(join(dir, 'pypi.jsonl'), pypi.map((r) => JSON.stringify(r)).join('\n'));
    await importAdvisories(dbPath, fixture('records', 'npm'));
    const first = await importAdvisories(dbPath, join(dir, 'pypi.jsonl'));
    expect(first.advisories).toBe(7);
    // The same file now without two records: they leave the database, npm's stay.
    writeFileSync(
      join(dir, 'pypi.jsonl'),
      pypi
        .slice(2)
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const second = await importAdvisories(dbPath, join(dir, 'pypi.jsonl'));
    expect(second).toMatchObject({ imported: 0, duplicates: 3, advisories: 5 });
    const db = openAdvisoryDb(dbPath);
    expect(db.get(pypi[0]!.id)).toBeUndefined();
    expect(db.lookup('npm', ['lodash']).get('lodash')).toHaveLength(2);
    const info = db.info();
    expect(info.sources.map((s) => [s.key, s.ecosystem, s.records]).sort()).toEqual(
      [
        [`file:${fixture('records', 'npm')}`, 'npm', 2],
        [`file:${join(dir, 'pypi.jsonl')}`, 'PyPI', 3],
      ].sort(),
    );
    db.close();
  });

  it('replace mode keeps only the new source', async () => {
    const dbPath = join(tempDir(), 'osv.db');
    await importAdvisories(dbPath, fixture('records', 'npm'));
    const result = await importAdvisories(dbPath, fixture('records', 'go'), { mode: 'replace' });
    expect(result.advisories).toBe(4);
    const db = openAdvisoryDb(dbPath);
    expect(db.lookup('npm', ['lodash']).size).toBe(0);
    expect(db.info().sources).toHaveLength(1);
    db.close();
  });
});
