import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from './native.js';
import type { OsvAffected, OsvRecord } from '../osv.js';
import { DEFAULT_DICTIONARY, RECORD_CODEC, RecordCodec } from './codec.js';
import { openAdvisoryDb } from './database.js';
import { AdvisoryDbError } from './errors.js';
import { isRunning } from './lock.js';
import { normalizeName, splitEcosystem } from './names.js';
import { encodeRanges } from './ranges.js';
import { migrate } from './schema.js';

/** How the new database starts: from a copy of the current one, or empty. */
export type BuildMode = 'merge' | 'replace';

export interface SourceRecordInfo {
  key: string;
  ecosystem?: string;
  url: string;
  etag?: string;
  lastModified?: string;
  sha256?: string;
  records: number;
}

export type AddOutcome = 'added' | 'replaced' | 'kept';

/**
 * Builds a new database file next to the target and swaps it in at the end. All writes go to
 * `<db>.<pid>.<random>.tmp` inside one transaction; `commit` marks the database complete, syncs it to
 * disk and renames it over the target, so readers see either the old file or the new one, and an
 * interrupted build (error, kill, power loss) leaves the old database as it was.
 */
export class DbBuilder {
  private readonly statements;
  private sourcesReplaced = false;
  private closed = false;

  private constructor(
    readonly target: string,
    readonly tempPath: string,
    private readonly db: Database.Database,
    /** How records are encoded in this database (`add` takes records already encoded with it). */
    readonly codec: RecordCodec,
    /** Why the existing database was not carried over, when it existed but could not be used. */
    readonly discarded: string | undefined,
  ) {
    this.statements = {
      modified: db.prepare('SELECT modified FROM advisories WHERE id = ?'),
      insert: db.prepare('INSERT INTO advisories (id, modified, withdrawn, record) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE advisories SET modified = ?, withdrawn = ?, record = ? WHERE id = ?'),
      deleteAffected: db.prepare('DELETE FROM affected WHERE advisory_id = ?'),
      deleteAliases: db.prepare('DELETE FROM aliases WHERE advisory_id = ?'),
      affected: db.prepare(
        'INSERT INTO affected (ecosystem, variant, name, advisory_id, withdrawn, ranges) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      alias: db.prepare('INSERT OR IGNORE INTO aliases (advisory_id, alias) VALUES (?, ?)'),
      provenance: db.prepare('INSERT OR IGNORE INTO provenance (source_id, advisory_id) VALUES (?, ?)'),
      dropSource: db.prepare('DELETE FROM provenance WHERE source_id = ?'),
      newSource: db.prepare(
        `INSERT INTO sources (key, url, imported_at, record_count) VALUES (?, '', '', 0)
         ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id`,
      ),
      source: db.prepare(
        `UPDATE sources SET ecosystem = ?, url = ?, etag = ?, last_modified = ?, sha256 = ?, imported_at = ?,
           record_count = ? WHERE key = ?`,
      ),
      meta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
  }

  /**
   * Start a build. In `merge` mode the current database is copied first when it is intact; a
   * missing, damaged or foreign one is replaced by a new database (`discarded` says why).
   */
  static start(target: string, mode: BuildMode): DbBuilder {
    try {
      mkdirSync(dirname(target), { recursive: true });
    } catch (error) {
      throw asWriteError(error, dirname(target));
    }
    removeStaleTemps(target);
    const tempPath = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    let discarded: string | undefined;
    if (mode === 'merge' && existsSync(target)) {
      let usable = false;
      try {
        openAdvisoryDb(target, { readonly: true }).close();
        usable = true;
      } catch (error) {
        if (!(error instanceof AdvisoryDbError)) throw error;
        discarded = error.message;
      }
      if (usable) {
        try {
          copyFileSync(target, tempPath, constants.COPYFILE_FICLONE);
        } catch (error) {
          rmSync(tempPath, { force: true });
          throw new AdvisoryDbError(
            `cannot copy ${target} to ${tempPath} to build the new database: ${(error as Error).message}`,
            'io',
            { cause: error },
          );
        }
      }
    }
    let db: Database.Database | undefined;
    try {
      db = openSqlite(tempPath);
      // A private file that is renamed into place only when complete: no journal needed.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('cache_size = -65536');
      db.pragma('temp_store = MEMORY');
      db.exec('BEGIN');
      migrate(db);
      const get = (key: string): unknown =>
        (db!.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: unknown } | undefined)
          ?.value;
      let codecName = get('record_codec');
      let dictionary = get('record_dictionary');
      if (codecName === undefined) {
        codecName = RECORD_CODEC;
        dictionary = DEFAULT_DICTIONARY;
        const meta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
        meta.run('record_codec', codecName);
        meta.run('record_dictionary', dictionary);
        meta.run('created_at', new Date().toISOString());
      }
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('complete', '0')").run();
      const codec = new RecordCodec(
        String(codecName),
        Buffer.isBuffer(dictionary) ? dictionary : Buffer.alloc(0),
      );
      return new DbBuilder(target, tempPath, db, codec, discarded);
    } catch (error) {
      db?.close();
      rmSync(tempPath, { force: true });
      throw asWriteError(error, tempPath);
    }
  }

  /**
   * Start (again) a source: forget what it contributed before, so that advisories no other source
   * holds are dropped by `prune`. Returns the id to pass to `add`.
   */
  replaceSource(key: string): number {
    const { id } = this.statements.newSource.get(key) as { id: number };
    this.statements.dropSource.run(id);
    this.sourcesReplaced = true;
    return id;
  }

  /**
   * Store a validated record for a source, optionally already encoded with `codec` (from the minified
   * JSON). An advisory already stored keeps the copy with the newest `modified` (the stored one on a tie).
   */
  add(record: OsvRecord, source: number, encoded?: Buffer): AddOutcome {
    const s = this.statements;
    const existing = s.modified.get(record.id) as { modified: string } | undefined;
    s.provenance.run(source, record.id);
    if (existing && !(Date.parse(record.modified) > Date.parse(existing.modified))) return 'kept';
    const blob = encoded ?? this.codec.encode(JSON.stringify(record));
    const withdrawn = record.withdrawn === undefined ? 0 : 1;
    if (existing) {
      s.deleteAffected.run(record.id);
      s.deleteAliases.run(record.id);
      s.update.run(record.modified, withdrawn, blob, record.id);
    } else s.insert.run(record.id, record.modified, withdrawn, blob);
    for (const row of affectedRows(record))
      s.affected.run(
        row.base,
        row.full,
        row.name,
        record.id,
        withdrawn,
        encodeRanges(row.entries, row.full, row.name),
      );
    for (const alias of record.aliases ?? []) if (alias !== record.id) s.alias.run(record.id, alias);
    return existing ? 'replaced' : 'added';
  }

  recordSource(info: SourceRecordInfo): void {
    this.statements.source.run(
      info.ecosystem ?? null,
      info.url,
      info.etag ?? null,
      info.lastModified ?? null,
      info.sha256 ?? null,
      new Date().toISOString(),
      info.records,
      info.key,
    );
  }

  /** Total advisories in the database being built. */
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM advisories').get() as { n: number }).n;
  }

  /** Drop the advisories no source holds any more (after `replaceSource`). */
  prune(): void {
    if (!this.sourcesReplaced) return;
    this.db.exec(`
      DELETE FROM advisories WHERE id NOT IN (SELECT advisory_id FROM provenance);
      DELETE FROM affected WHERE advisory_id NOT IN (SELECT id FROM advisories);
      DELETE FROM aliases WHERE advisory_id NOT IN (SELECT id FROM advisories);
    `);
    this.sourcesReplaced = false;
  }

  /** Finish: prune, mark complete, commit, sync, and rename over the target. */
  commit(): void {
    try {
      this.prune();
      this.statements.meta.run('updated_at', new Date().toISOString());
      this.statements.meta.run('complete', '1');
      this.db.exec('COMMIT');
      const free = this.db.pragma('freelist_count', { simple: true }) as number;
      const pages = this.db.pragma('page_count', { simple: true }) as number;
      if (free > 1024 && free * 4 > pages) this.db.exec('VACUUM');
      this.db.close();
      this.closed = true;
      syncFile(this.tempPath);
      replaceFile(this.tempPath, this.target);
    } catch (error) {
      this.abort();
      throw asWriteError(error, this.tempPath);
    }
  }

  /** Throw the build away; the target is untouched. Safe to call more than once. */
  abort(): void {
    if (!this.closed) {
      this.closed = true;
      try {
        this.db.close();
      } catch {
        // Closing a connection in a failed state can throw; the file is deleted below anyway.
      }
    }
    rmSync(this.tempPath, { force: true });
  }
}

/** One `affected` row: a record's entries for one package of one ecosystem variant. */
export interface AffectedRow {
  /** Base ecosystem (`Debian`), full OSV string (`Debian:12`), normalised package name. */
  base: string;
  full: string;
  name: string;
  /** The entries for that package: `package`, `ranges` (type and events) and `versions` only. */
  entries: OsvAffected[];
}

/** The rows of a record: one per (variant, name), holding every affected entry for that package. */
export function affectedRows(record: OsvRecord): AffectedRow[] {
  const rows = new Map<string, AffectedRow>();
  for (const affected of record.affected ?? []) {
    if (!affected.package) continue;
    const { base, full } = splitEcosystem(affected.package.ecosystem);
    const name = normalizeName(base, affected.package.name);
    const key = `${full}\0${name}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { base, full, name, entries: [] }));
    row.entries.push({
      package: { ecosystem: affected.package.ecosystem, name: affected.package.name },
      ...(affected.ranges
        ? { ranges: affected.ranges.map((r) => ({ type: r.type, events: r.events })) }
        : {}),
      ...(affected.versions ? { versions: affected.versions } : {}),
    });
  }
  return [...rows.values()];
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Atomic rename over the target, then sync the directory so the rename itself is durable. */
function replaceFile(from: string, to: string): void {
  // Journals left beside the target by some other tool would be applied to the new file on open.
  for (const suffix of ['-journal', '-wal', '-shm']) rmSync(to + suffix, { force: true });
  for (let attempt = 0; ; attempt++) {
    try {
      renameSync(from, to);
      break;
    } catch (error) {
      // Windows refuses to replace a file another process has open; readers close quickly.
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 20 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) {
        throw new AdvisoryDbError(
          `cannot replace ${to} with the new advisory database: ${(error as Error).message}`,
          'io',
          { cause: error },
        );
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    const fd = openSync(dirname(to), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be opened or synced on every platform (Windows); the rename is still atomic.
  }
}

const TEMP_NAME = /^\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Delete temporary files left by builds whose process is gone (killed mid-import). */
function removeStaleTemps(target: string): void {
  const name = basename(target);
  let entries: string[];
  try {
    entries = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(name)) continue;
    const match = TEMP_NAME.exec(entry.slice(name.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    rmSync(join(dirname(target), entry), { force: true });
  }
}

/**
 * File-system and SQLite write failures (permissions, disk full) as AdvisoryDbError; other errors
 * (a source that cannot be read, a bug) pass through.
 */
export function asWriteError(error: unknown, path: string): unknown {
  if (error instanceof AdvisoryDbError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const sqlite = error instanceof Error && error.name === 'SqliteError';
  if (sqlite || (typeof code === 'string' && /^E[A-Z]+$/.test(code)))
    return new AdvisoryDbError(`cannot write ${path}: ${(error as Error).message}`, 'io', { cause: error });
  return error;
}
