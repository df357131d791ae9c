import { mkdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openAdvisoryDb, type SourceInfo } from './database.js';
import { download, type FetchLike } from './download.js';
import { AdvisoryDbError } from './errors.js';
import { acquireLock } from './lock.js';
import { buildDatabase, type ImportProgress, type ImportResult, type ImportSource } from './import.js';
import { OSV_ECOSYSTEMS } from './validate.js';

/** Google's public OSV bucket: `<mirror>/<ecosystem>/all.zip` holds every record of an ecosystem. */
export const DEFAULT_MIRROR = 'https://osv-vulnerabilities.storage.googleapis.com';

export interface UpdateOptions {
  /** Base URL serving `<ecosystem>/all.zip` (default: DEFAULT_MIRROR). */
  mirror?: string;
  /** OSV ecosystem names, as OSV spells them (`PyPI`, `crates.io`). */
  ecosystems: readonly string[];
  /** Where downloads are kept while in progress (default: `<database>.downloads/`, removed when empty). */
  cacheDir?: string;
  /** Replace the HTTP client (tests, proxies); the global `fetch` by default. */
  fetch?: FetchLike;
  /** Largest archive accepted, in bytes (default 2 GiB). */
  maxBytes?: number;
  /** Abort a request when no data arrives for this long (default 60 s). */
  timeoutMs?: number;
  /** Further attempts per archive after a network error, a timeout or a 5xx (default 3). */
  retries?: number;
  /** Base delay between attempts, multiplied by the attempt number (default 1 s). */
  retryDelayMs?: number;
  onProgress?: (progress: UpdateProgress) => void;
}

export type UpdateProgress =
  | { phase: 'download'; ecosystem: string; bytes: number; total?: number }
  | { phase: 'not-modified'; ecosystem: string }
  | { phase: 'downloaded'; ecosystem: string; bytes: number; verified: string[] }
  | ImportProgress;

export interface EcosystemUpdate {
  ecosystem: string;
  url: string;
  /** `updated`: a new archive was imported; `unchanged`: the server said the stored copy is current. */
  status: 'updated' | 'unchanged';
  bytes?: number;
  /** Checks the download passed ('md5', 'crc32c', 'sha256-file'). */
  verified?: string[];
  /** Valid records the archive held. */
  records?: number;
  /** The download continued an interrupted one (`Range` request). */
  resumed?: boolean;
}

export interface UpdateResult {
  path: string;
  ecosystems: EcosystemUpdate[];
  /** The import of the new archives; absent when nothing changed. */
  import?: ImportResult;
}

/** Metadata kept beside a complete download that has not been imported yet. */
interface CachedArchive {
  url: string;
  etag?: string;
  lastModified?: string;
  sha256: string;
  verified: string[];
}

/**
 * Bring the database up to date with OSV: for each ecosystem, download `<mirror>/<ecosystem>/all.zip`
 * unless the server says the stored copy is current (`If-None-Match` / `If-Modified-Since` from the
 * previous download), then import every new archive in one build that replaces what each ecosystem's
 * previous archive contributed. Downloads resume after an interruption and are verified (see
 * `download.ts`); any failure throws before the database is touched, and the import itself is
 * atomic, so the database is either the old one or the complete new one. Another import or update of
 * the same database at the same time fails with kind `busy`.
 */
export async function updateDatabase(dbPath: string, options: UpdateOptions): Promise<UpdateResult> {
  const ecosystems = checkEcosystems(options.ecosystems);
  const mirror = checkMirror(options.mirror ?? DEFAULT_MIRROR);
  const cacheDir = options.cacheDir ?? `${dbPath}.downloads`;
  const release = acquireLock(dbPath);
  try {
    await mkdir(cacheDir, { recursive: true });
    return await update(dbPath, ecosystems, mirror, cacheDir, options);
  } finally {
    release();
  }
}

async function update(
  dbPath: string,
  ecosystems: string[],
  mirror: string,
  cacheDir: string,
  options: UpdateOptions,
): Promise<UpdateResult> {
  const stored = storedSources(dbPath);
  const result: UpdateResult = { path: dbPath, ecosystems: [] };
  const toImport: (ImportSource & { ecosystem: string })[] = [];

  for (const ecosystem of ecosystems) {
    const url = `${mirror}/${encodeURIComponent(ecosystem)}/all.zip`;
    const dest = join(cacheDir, `${ecosystem}.zip`);
    const cached = await readCached(dest, url);
    const previous = stored.get(`osv:${ecosystem}`);
    const current = cached ?? (previous?.url === url ? previous : undefined);
    const outcome = await download({
      url,
      dest,
      fetch: options.fetch ?? fetch,
      current: { etag: current?.etag, lastModified: current?.lastModified },
      maxBytes: options.maxBytes ?? 2 * 1024 ** 3,
      timeoutMs: options.timeoutMs ?? 60_000,
      retries: options.retries ?? 3,
      retryDelayMs: options.retryDelayMs ?? 1000,
      onProgress: (bytes, total) =>
        options.onProgress?.(
          total === undefined
            ? { phase: 'download', ecosystem, bytes }
            : { phase: 'download', ecosystem, bytes, total },
        ),
    });
    let archive: CachedArchive | undefined;
    let bytes: number | undefined;
    let resumed = false;
    if (outcome.status === 'downloaded') {
      resumed = outcome.resumed;
      archive = { url, sha256: outcome.sha256, verified: outcome.verified };
      if (outcome.etag) archive.etag = outcome.etag;
      if (outcome.lastModified) archive.lastModified = outcome.lastModified;
      bytes = outcome.size;
      // Remembered so that a later run can import this archive if this one fails before the end.
      await writeFile(`${dest}.json`, JSON.stringify(archive));
      options.onProgress?.({ phase: 'downloaded', ecosystem, bytes, verified: outcome.verified });
    } else if (cached) {
      archive = cached;
      bytes = (await stat(dest)).size;
    } else {
      options.onProgress?.({ phase: 'not-modified', ecosystem });
      result.ecosystems.push({ ecosystem, url, status: 'unchanged' });
      continue;
    }
    const entry: EcosystemUpdate = { ecosystem, url, status: 'updated', verified: archive.verified };
    if (bytes !== undefined) entry.bytes = bytes;
    if (resumed) entry.resumed = true;
    result.ecosystems.push(entry);
    const source: ImportSource & { ecosystem: string } = {
      path: dest,
      kind: 'zip',
      key: `osv:${ecosystem}`,
      url,
      ecosystem,
      sha256: archive.sha256,
    };
    if (archive.etag) source.etag = archive.etag;
    if (archive.lastModified) source.lastModified = archive.lastModified;
    toImport.push(source);
  }

  if (toImport.length === 0) return result;
  const imported = await buildDatabase(dbPath, toImport, 'merge', options.onProgress);
  result.import = imported;
  const built = storedSources(dbPath);
  for (const entry of result.ecosystems) {
    const records = built.get(`osv:${entry.ecosystem}`)?.records;
    if (entry.status === 'updated' && records !== undefined) entry.records = records;
  }
  for (const source of toImport) {
    await rm(source.path, { force: true });
    await rm(`${source.path}.json`, { force: true });
  }
  await rmdir(cacheDir).catch(() => undefined);
  return result;
}

function checkEcosystems(requested: readonly string[]): string[] {
  if (requested.length === 0) throw new AdvisoryDbError('no ecosystems to update', 'usage');
  const known = new Set(OSV_ECOSYSTEMS);
  for (const ecosystem of requested) {
    if (known.has(ecosystem)) continue;
    const suggestion = OSV_ECOSYSTEMS.find((name) => name.toLowerCase() === ecosystem.toLowerCase());
    throw new AdvisoryDbError(
      `unknown OSV ecosystem '${ecosystem}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      'usage',
    );
  }
  return [...new Set(requested)];
}

function checkMirror(mirror: string): string {
  let url: URL;
  try {
    url = new URL(mirror);
  } catch {
    throw new AdvisoryDbError(`the advisory mirror '${mirror}' is not a URL`, 'usage');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AdvisoryDbError(`the advisory mirror '${mirror}' must be an http(s) URL`, 'usage');
  let end = mirror.length;
  while (end > 0 && mirror[end - 1] === '/') end--;
  return mirror.slice(0, end);
}

/** The sources of the current database, or none when it is missing or unusable (it is rebuilt). */
function storedSources(dbPath: string): Map<string, SourceInfo> {
  try {
    const db = openAdvisoryDb(dbPath, { readonly: true });
    try {
      return new Map(db.sources().map((source) => [source.key, source]));
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof AdvisoryDbError) return new Map();
    throw error;
  }
}

async function readCached(dest: string, url: string): Promise<CachedArchive | undefined> {
  try {
    const meta = JSON.parse(await readFile(`${dest}.json`, 'utf8')) as CachedArchive;
    await stat(dest);
    if (meta.url === url && typeof meta.sha256 === 'string') return meta;
  } catch {
    // No complete download waiting to be imported.
  }
  await rm(dest, { force: true });
  await rm(`${dest}.json`, { force: true });
  return undefined;
}
