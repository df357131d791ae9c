import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AdvisoryDbError,
  crc32c,
  DownloadError,
  openAdvisoryDb,
  updateDatabase,
  type UpdateOptions,
} from '../../src/db/index.js';
import type { OsvRecord } from '../../src/osv.js';
import { FakeMirror } from './support/server.js';
import { fixture, useTempDirs } from './support/temp.js';
import { writeZip } from './support/zip.js';

const tempDir = useTempDirs();
let mirror: FakeMirror;
let base: string;

beforeEach(async () => {
  mirror = new FakeMirror();
  base = await mirror.start();
});
afterEach(() => mirror.stop());

const records = readFileSync(fixture('records.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as OsvRecord);

function zipOf(filter: (r: OsvRecord) => boolean): Buffer {
  return writeZip(
    records.filter(filter).map((r) => ({ name: `${r.id}.json`, data: JSON.stringify(r, null, 2) })),
  );
}

const npmZip = zipOf((r) => r.id.startsWith('x_NSWG'));
const pypiZip = zipOf((r) => r.id.startsWith('PYSEC'));

function setup() {
  const dir = tempDir();
  const dbPath = join(dir, 'osv.db');
  const options = (extra: Partial<UpdateOptions> = {}): UpdateOptions => ({
    mirror: base,
    ecosystems: ['npm'],
    retryDelayMs: 5,
    timeoutMs: 2000,
    ...extra,
  });
  return { dir, dbPath, options, cache: `${dbPath}.downloads` };
}

function lodash(dbPath: string): string[] {
  const db = openAdvisoryDb(dbPath);
  try {
    return (db.lookup('npm', ['lodash']).get('lodash') ?? []).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('updateDatabase', () => {
  it('downloads and imports, then sends the ETag and keeps the database on 304', async () => {
    const { dbPath, options, cache } = setup();
    mirror.files.set('/npm/all.zip', {
      body: npmZip,
      etag: '"v1"',
      lastModified: 'Tue, 01 Oct 2024 10:00:00 GMT',
    });
    const first = await updateDatabase(dbPath, options());
    expect(first.ecosystems).toEqual([
      {
        ecosystem: 'npm',
        url: `${base}/npm/all.zip`,
        status: 'updated',
        bytes: npmZip.length,
        verified: ['md5'],
        records: 2,
      },
    ]);
    expect(first.import).toMatchObject({ imported: 2, skipped: 0, advisories: 2 });
    expect(lodash(dbPath)).toEqual(['x_NSWG-ECO-368', 'x_NSWG-ECO-493']);
    expect(existsSync(cache)).toBe(false);
    const db = openAdvisoryDb(dbPath);
    expect(db.sources()).toEqual([
      expect.objectContaining({
        key: 'osv:npm',
        ecosystem: 'npm',
        url: `${base}/npm/all.zip`,
        etag: '"v1"',
        lastModified: 'Tue, 01 Oct 2024 10:00:00 GMT',
        sha256: createHash('sha256').update(npmZip).digest('hex'),
        records: 2,
      }),
    ]);
    db.close();

    const before = readFileSync(dbPath);
    const second = await updateDatabase(dbPath, options());
    expect(second).toEqual({
      path: dbPath,
      ecosystems: [{ ecosystem: 'npm', url: `${base}/npm/all.zip`, status: 'unchanged' }],
    });
    const conditional = mirror.requestsFor('/npm/all.zip')[1]!;
    expect(conditional.headers['if-none-match']).toBe('"v1"');
    expect(conditional.headers['if-modified-since']).toBe('Tue, 01 Oct 2024 10:00:00 GMT');
    expect(conditional.status).toBe(304);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('replaces an ecosystem when its archive changes, keeping the other ecosystems', async () => {
    const { dbPath, options } = setup();
    mirror.files.set('/npm/all.zip', { body: npmZip, etag: '"v1"' });
    mirror.files.set('/PyPI/all.zip', { body: pypiZip, etag: '"p1"' });
    await updateDatabase(dbPath, options({ ecosystems: ['npm', 'PyPI'] }));
    mirror.files.set('/npm/all.zip', { body: zipOf((r) => r.id === 'x_NSWG-ECO-493'), etag: '"v2"' });
    const result = await updateDatabase(dbPath, options({ ecosystems: ['npm', 'PyPI'] }));
    expect(result.ecosystems.map((e) => [e.ecosystem, e.status, e.records])).toEqual([
      ['npm', 'updated', 1],
      ['PyPI', 'unchanged', undefined],
    ]);
    expect(lodash(dbPath)).toEqual(['x_NSWG-ECO-493']);
    const db = openAdvisoryDb(dbPath);
    expect(db.lookup('PyPI', ['jinja2']).get('jinja2')).toHaveLength(3);
    db.close();
  });

  it('resumes with Range and If-Range after the server cuts the connection mid-body', async () => {
    const { dbPath, options } = setup();
    const half = Math.floor(npmZip.length / 2);
    mirror.files.set('/npm/all.zip', { body: npmZip, etag: '"v1"', cutAfter: half, cuts: 1 });
    const result = await updateDatabase(dbPath, options());
    expect(result.ecosystems[0]).toMatchObject({ status: 'updated', resumed: true, verified: ['md5'] });
    const [first, second] = mirror.requestsFor('/npm/all.zip');
    expect(first).toMatchObject({ status: 200 });
    expect(first!.headers.range).toBeUndefined();
    expect(second).toMatchObject({ status: 206, headers: { range: `bytes=${half}-`, 'if-range': '"v1"' } });
    expect(lodash(dbPath)).toHaveLength(2);
  });

  it('keeps the partial download when every attempt fails, and resumes it on the next run', async () => {
    const { dbPath, options, cache } = setup();
    mirror.files.set('/npm/all.zip', {
      body: npmZip,
      lastModified: 'Tue, 01 Oct 2024 10:00:00 GMT',
      cutAfter: 100,
      cuts: 2,
    });
    const error = await updateDatabase(dbPath, options({ retries: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(
      new RegExp(`^cannot download ${base}/npm/all\\.zip from 127\\.0\\.0\\.1:\\d+ after 2 attempt\\(s\\): `),
    );
    expect(existsSync(dbPath)).toBe(false);
    expect(readdirSync(cache).sort()).toEqual(['npm.zip.part', 'npm.zip.part.json']);
    expect(readFileSync(join(cache, 'npm.zip.part'))).toHaveLength(200);

    const result = await updateDatabase(dbPath, options());
    expect(result.ecosystems[0]).toMatchObject({ status: 'updated', resumed: true });
    expect(mirror.requestsFor('/npm/all.zip').at(-1)).toMatchObject({
      status: 206,
      headers: { range: 'bytes=200-', 'if-range': 'Tue, 01 Oct 2024 10:00:00 GMT' },
    });
    expect(lodash(dbPath)).toHaveLength(2);
    expect(existsSync(cache)).toBe(false);
  });

  it('starts over when the server answers a Range request with the whole file', async () => {
    const { dbPath, options } = setup();
    mirror.files.set('/npm/all.zip', { body: npmZip, etag: '"v1"', cutAfter: 50, cuts: 1, noRanges: true });
    const result = await updateDatabase(dbPath, options());
    expect(result.ecosystems[0]).toMatchObject({ status: 'updated', verified: ['md5'] });
    expect(result.ecosystems[0]!.resumed).toBeUndefined();
    expect(mirror.requestsFor('/npm/all.zip').map((r) => [r.status, r.headers.range])).toEqual([
      [200, undefined],
      [200, 'bytes=50-'],
    ]);
    expect(lodash(dbPath)).toHaveLength(2);
  });

  it('discards a partial download the server cannot resume (416)', async () => {
    const { dbPath, options, cache } = setup();
    mirror.files.set('/npm/all.zip', { body: npmZip, etag: '"v1"' });
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'npm.zip.part'), Buffer.alloc(npmZip.length + 10));
    writeFileSync(
      join(cache, 'npm.zip.part.json'),
      JSON.stringify({ url: `${base}/npm/all.zip`, etag: '"v1"' }),
    );
    expect((await updateDatabase(dbPath, options())).ecosystems[0]!.status).toBe('updated');
    expect(mirror.requestsFor('/npm/all.zip').map((r) => r.status)).toEqual([416, 200]);
  });

  it('downloads afresh when a resumed body does not match its checksum', async () => {
    const { dbPath, options } = setup();
    // The file changed under the same ETag between the two requests: the spliced body fails the MD5.
    const before = Buffer.from(npmZip);
    before[10] = before[10]! ^ 0xff;
    const half = Math.floor(npmZip.length / 2);
    mirror.files.set('/npm/all.zip', {
      body: npmZip,
      bodies: [before, npmZip],
      etag: '"v1"',
      cutAfter: half,
      cuts: 1,
    });
    const result = await updateDatabase(dbPath, options());
    expect(result.ecosystems[0]).toMatchObject({ status: 'updated', verified: ['md5'] });
    expect(mirror.requestsFor('/npm/all.zip').map((r) => [r.status, r.headers.range])).toEqual([
      [200, undefined],
      [206, `bytes=${half}-`],
      [200, undefined],
    ]);
    expect(lodash(dbPath)).toHaveLength(2);
  });

  it('refuses a download whose MD5 does not match x-goog-hash, and leaves nothing behind', async () => {
    const { dbPath, options, cache } = setup();
    mirror.files.set('/npm/all.zip', {
      body: npmZip,
      etag: '"v1"',
      md5: createHash('md5').update('other').digest('base64'),
    });
    const error = await updateDatabase(dbPath, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(
      /^refusing .*\/npm\/all\.zip from 127\.0\.0\.1:\d+: MD5 \(x-goog-hash\) mismatch/,
    );
    expect(existsSync(dbPath)).toBe(false);
    expect(readdirSync(cache)).toEqual([]);
    expect(existsSync(`${dbPath}.lock`)).toBe(false);
  });

  it('verifies CRC32C when x-goog-hash has no MD5', async () => {
    const { dbPath, options } = setup();
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32c(npmZip));
    mirror.files.set('/npm/all.zip', { body: npmZip, crc32cOnly: crc.toString('base64') });
    expect((await updateDatabase(dbPath, options())).ecosystems[0]!.verified).toEqual(['crc32c']);
    mirror.files.set('/npm/all.zip', { body: npmZip, crc32cOnly: 'AAAAAA==' });
    await expect(updateDatabase(dbPath, options())).rejects.toThrow(/CRC32C \(x-goog-hash\) mismatch/);
  });

  it('checks a .sha256 file published beside the archive', async () => {
    const { dbPath, options } = setup();
    const sha = createHash('sha256').update(npmZip).digest('hex');
    mirror.files.set('/npm/all.zip', { body: npmZip, md5: null });
    mirror.files.set('/npm/all.zip.sha256', { body: Buffer.from(`${sha}  all.zip\n`) });
    expect((await updateDatabase(dbPath, options())).ecosystems[0]!.verified).toEqual(['sha256-file']);
    mirror.files.set('/npm/all.zip.sha256', { body: Buffer.from(`${'0'.repeat(64)}\n`) });
    await expect(updateDatabase(dbPath, options())).rejects.toThrow(/SHA-256 \(.*\.sha256\) mismatch/);
    mirror.files.set('/npm/all.zip.sha256', { body: Buffer.from('<html>not found</html>') });
    await expect(updateDatabase(dbPath, options())).rejects.toThrow(/is not a SHA-256/);
    expect(lodash(dbPath)).toHaveLength(2);
  });

  it('reports a 404 at once, naming the status, host and URL', async () => {
    const { dbPath, options } = setup();
    const error = (await updateDatabase(dbPath, options({ ecosystems: ['Hex'] })).catch(
      (e: unknown) => e,
    )) as DownloadError;
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ kind: 'download', status: 404, url: `${base}/Hex/all.zip` });
    expect(error.message).toBe(
      `cannot download advisories: HTTP 404 Not Found from ${new URL(base).host} for ${base}/Hex/all.zip`,
    );
    expect(mirror.requestsFor('/Hex/all.zip')).toHaveLength(1);
  });

  it('retries a 500, then reports it; the database is untouched', async () => {
    const { dbPath, options } = setup();
    mirror.files.set('/npm/all.zip', { body: npmZip, etag: '"v1"' });
    await updateDatabase(dbPath, options());
    const before = readFileSync(dbPath);
    mirror.files.set('/npm/all.zip', { body: npmZip, etag: '"v2"', status: 500 });
    const error = (await updateDatabase(dbPath, options({ retries: 2 })).catch(
      (e: unknown) => e,
    )) as DownloadError;
    expect(error).toMatchObject({ name: 'DownloadError', status: 500 });
    expect(error.message).toMatch(
      /after 3 attempt\(s\): HTTP 500 Internal Server Error from 127\.0\.0\.1:\d+ for /,
    );
    expect(
      mirror
        .requestsFor('/npm/all.zip')
        .slice(1)
        .map((r) => r.status),
    ).toEqual([500, 500, 500]);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('succeeds when a 503 clears up within the retries', async () => {
    const { dbPath, options } = setup();
    mirror.files.set('/npm/all.zip', { body: npmZip, status: 503, failures: 1 });
    expect((await updateDatabase(dbPath, options())).ecosystems[0]!.status).toBe('updated');
  });

  it('enforces the size limit and the timeout', async () => {
    const { dbPath, options } = setup();
    mirror.files.set('/npm/all.zip', { body: npmZip });
    await expect(updateDatabase(dbPath, options({ maxBytes: 100 }))).rejects.toThrow(
      `refusing to download ${base}/npm/all.zip: ${npmZip.length} bytes is over the limit of 100`,
    );
    mirror.files.set('/npm/all.zip', { body: npmZip, stall: true });
    await expect(updateDatabase(dbPath, options({ timeoutMs: 150, retries: 1 }))).rejects.toThrow(
      /after 2 attempt\(s\): no data for 150 ms \(timed out\)/,
    );
  });

  it('imports an archive that was downloaded by a run that failed later', async () => {
    const { dbPath, options, cache } = setup();
    mirror.files.set('/PyPI/all.zip', { body: pypiZip, etag: '"p1"' });
    mirror.files.set('/npm/all.zip', { body: npmZip, status: 500 });
    await expect(
      updateDatabase(dbPath, options({ ecosystems: ['PyPI', 'npm'], retries: 0 })),
    ).rejects.toThrow(/HTTP 500/);
    expect(existsSync(dbPath)).toBe(false);
    expect(readdirSync(cache).sort()).toEqual(['PyPI.zip', 'PyPI.zip.json']);
    mirror.files.set('/npm/all.zip', { body: npmZip });
    const result = await updateDatabase(dbPath, options({ ecosystems: ['PyPI', 'npm'] }));
    expect(mirror.requestsFor('/PyPI/all.zip').at(-1)).toMatchObject({
      status: 304,
      headers: { 'if-none-match': '"p1"' },
    });
    expect(result.ecosystems.map((e) => [e.ecosystem, e.status, e.records])).toEqual([
      ['PyPI', 'updated', 5],
      ['npm', 'updated', 2],
    ]);
    expect(existsSync(cache)).toBe(false);
  });

  it('rebuilds a damaged database without conditional headers', async () => {
    const { dbPath, options } = setup();
    mirror.files.set('/npm/all.zip', { body: npmZip, etag: '"v1"' });
    await updateDatabase(dbPath, options());
    writeFileSync(dbPath, randomBytes(4096));
    const result = await updateDatabase(dbPath, options());
    expect(result.import?.discarded).toMatch(/is not an SQLite database/);
    expect(mirror.requestsFor('/npm/all.zip')[1]!.headers['if-none-match']).toBeUndefined();
    expect(lodash(dbPath)).toHaveLength(2);
  });

  it('refuses to run while another process holds the lock, and takes over a stale lock', async () => {
    const { dbPath, options } = setup();
    mirror.files.set('/npm/all.zip', { body: npmZip });
    // The parent of this test process is alive and is not this process.
    writeFileSync(`${dbPath}.lock`, `${process.ppid} 0123456789abcdef`);
    const error = (await updateDatabase(dbPath, options()).catch((e: unknown) => e)) as AdvisoryDbError;
    expect(error).toMatchObject({ name: 'AdvisoryDbError', kind: 'busy' });
    expect(error.message).toMatch(
      new RegExp(`^another Rampart process \\(pid ${process.ppid}\\) is importing into or updating`),
    );
    expect(mirror.requests).toEqual([]);
    // Same pid as this process but a token it does not hold: left by an earlier run in a reused pid.
    writeFileSync(`${dbPath}.lock`, `${process.pid} 0123456789abcdef`);
    expect((await updateDatabase(dbPath, options())).ecosystems[0]!.status).toBe('updated');
    expect(existsSync(`${dbPath}.lock`)).toBe(false);
  });

  it('rejects unknown ecosystems and bad mirrors before any request', async () => {
    const { dbPath, options } = setup();
    await expect(updateDatabase(dbPath, options({ ecosystems: ['pypi'] }))).rejects.toThrow(
      new AdvisoryDbError("unknown OSV ecosystem 'pypi' (did you mean 'PyPI'?)", 'usage'),
    );
    await expect(updateDatabase(dbPath, options({ ecosystems: [] }))).rejects.toThrow(
      'no ecosystems to update',
    );
    await expect(updateDatabase(dbPath, options({ mirror: 'ftp://example.org' }))).rejects.toThrow(
      "the advisory mirror 'ftp://example.org' must be an http(s) URL",
    );
    expect(mirror.requests).toEqual([]);
  });
});
