import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OsvRecord } from '../osv.js';
import { compare } from './aliases.js';
import { createEncoder } from './encoder.js';
import { acquireLock } from './lock.js';
import { splitEcosystem } from './names.js';
import { detectSource, readSource, type SourceKind } from './sources.js';
import { validateOsvRecord } from './validate.js';
import { asWriteError, DbBuilder, type BuildMode } from './writer.js';

/** A record that was not imported, and why. */
export interface ImportProblem {
  /** File (relative to an imported directory), zip entry or JSONL file. */
  where: string;
  /** 1-based line, for JSONL sources. */
  line?: number;
  /** The record's id when it could be read. */
  id?: string;
  reason: string;
}

export interface ImportResult {
  /** The database file written. */
  path: string;
  /** Records stored: new advisories plus newer versions of stored ones. */
  imported: number;
  /** Of those, withdrawn advisories (kept for the record, never returned by lookups). */
  withdrawn: number;
  /** Records seen again with the same or an older `modified`: the stored copy was kept. */
  duplicates: number;
  /** Records not imported (invalid JSON or schema); `problems` lists the first MAX_PROBLEMS. */
  skipped: number;
  problems: ImportProblem[];
  /** Advisories in the database after the import. */
  advisories: number;
  /** Set when an existing database could not be used and was rebuilt from scratch: why. */
  discarded?: string;
}

export type ImportProgress =
  | { phase: 'import'; source: string; records: number; skipped: number }
  | { phase: 'commit'; records: number };

export interface ImportOptions {
  /**
   * `merge` (default): add to the current database, replacing what an earlier import of the same
   * path contributed. `replace`: the database afterwards holds only this source.
   */
  mode?: BuildMode;
  onProgress?: (progress: ImportProgress) => void;
}

/** Problems listed in a result; the count in `skipped` is always exact. */
export const MAX_PROBLEMS = 1000;

/** One source of a build: where to read records, and what to record about it in `sources`. */
export interface ImportSource {
  path: string;
  kind?: SourceKind;
  /** Provenance key: `osv:<ecosystem>` or `file:<absolute path>`. */
  key: string;
  url: string;
  ecosystem?: string;
  etag?: string;
  lastModified?: string;
  sha256?: string;
}

const PROGRESS_EVERY = 1000;
/** Records per compression batch. */
const BATCH = 256;

/**
 * Import OSV records from a directory of `*.json` files (recursive), a zip with one record per entry
 * (OSV's `all.zip`), a `.jsonl` or `.jsonl.gz` file (one record per line), or one `.json` file.
 *
 * Every record is validated against the OSV schema; an invalid one is skipped and listed in
 * `problems` (file or entry, line for JSONL, the schema error), never aborting the import. When an
 * advisory appears more than once, the copy with the newest `modified` is kept. A source that cannot
 * be read at all (missing, not a zip, truncated gzip) throws AdvisoryDbError and leaves the database
 * as it was: the import is built in a temporary file and renamed into place only when complete.
 * Another import or update of the same database at the same time fails with kind `busy`.
 */
export async function importAdvisories(
  dbPath: string,
  source: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const path = resolve(source);
  const kind = await detectSource(path);
  const release = acquireLock(dbPath);
  try {
    return await buildDatabase(
      dbPath,
      [{ path, kind, key: `file:${path}`, url: pathToFileURL(path).href }],
      options.mode ?? 'merge',
      options.onProgress,
    );
  } finally {
    release();
  }
}

/** @internal Build `dbPath` from sources in one transaction (shared by import and update). */
export async function buildDatabase(
  dbPath: string,
  sources: readonly ImportSource[],
  mode: BuildMode,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const builder = DbBuilder.start(dbPath, mode);
  const result: ImportResult = {
    path: dbPath,
    imported: 0,
    withdrawn: 0,
    duplicates: 0,
    skipped: 0,
    problems: [],
    advisories: 0,
  };
  if (builder.discarded) result.discarded = builder.discarded;
  const skip = (problem: ImportProblem): void => {
    result.skipped++;
    if (result.problems.length < MAX_PROBLEMS) result.problems.push(problem);
  };
  const encoder = createEncoder(builder.codec, BATCH);
  // The batch being compressed while the next is read; settled before the builder is closed.
  let inflight: Promise<void> | undefined;
  try {
    for (const source of sources) {
      const sourceId = builder.replaceSource(source.key);
      const ecosystems = new Set<string>();
      let records = 0;
      let seen = 0;
      // Records go to the encoder in batches and are stored when their batch comes back, while the
      // next batch is being read and validated: compression runs in parallel with everything else.
      let batch: OsvRecord[] = [];
      let texts: string[] = [];
      const store = async (records: OsvRecord[], encoded: Promise<Buffer[]>): Promise<void> => {
        const blobs = await encoded;
        records.forEach((record, index) => {
          const outcome = builder.add(record, sourceId, blobs[index]);
          if (outcome === 'kept') result.duplicates++;
          else {
            result.imported++;
            if (record.withdrawn !== undefined) result.withdrawn++;
          }
        });
      };
      const flush = async (): Promise<void> => {
        const encoded = encoder.encode(texts);
        const previous = inflight;
        const records = batch;
        batch = [];
        texts = [];
        // Keep the rejection handled until it is awaited, then store the batch before this one.
        encoded.catch(() => undefined);
        if (previous) await previous;
        inflight = store(records, encoded);
        // Handled here so that a failure surfaces where it is awaited, not as an unhandled rejection.
        inflight.catch(() => undefined);
      };
      for await (const item of readSource(source.path, source.kind ?? (await detectSource(source.path)))) {
        if (++seen % PROGRESS_EVERY === 0)
          onProgress?.({ phase: 'import', source: source.path, records: seen, skipped: result.skipped });
        const at = item.line === undefined ? { where: item.where } : { where: item.where, line: item.line };
        if (item.text === undefined) {
          skip({ ...at, reason: item.error });
          continue;
        }
        let data: unknown;
        try {
          data = JSON.parse(item.text);
        } catch (error) {
          skip({ ...at, reason: `invalid JSON: ${(error as Error).message}` });
          continue;
        }
        const checked = validateOsvRecord(data);
        if (!checked.ok) {
          const id = (data as { id?: unknown } | null)?.id;
          skip(
            typeof id === 'string' ? { ...at, id, reason: checked.error } : { ...at, reason: checked.error },
          );
          continue;
        }
        const record = checked.record;
        records++;
        for (const affected of record.affected ?? [])
          if (affected.package) ecosystems.add(splitEcosystem(affected.package.ecosystem).base);
        batch.push(record);
        texts.push(JSON.stringify(record));
        if (batch.length === BATCH) await flush();
      }
      if (batch.length > 0) await flush();
      await inflight;
      inflight = undefined;
      builder.recordSource({
        key: source.key,
        url: source.url,
        ecosystem: source.ecosystem ?? ([...ecosystems].sort(compare).join(',') || undefined),
        etag: source.etag,
        lastModified: source.lastModified,
        sha256: source.sha256,
        records,
      });
    }
    builder.prune();
    result.advisories = builder.count();
    onProgress?.({ phase: 'commit', records: result.advisories });
    builder.commit();
  } catch (error) {
    await inflight?.catch(() => undefined);
    builder.abort();
    throw asWriteError(error, builder.tempPath);
  } finally {
    await encoder.close();
  }
  return result;
}
