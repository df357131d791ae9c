import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openSqlite } from './native.js';
import type { OsvAffected, OsvRecord } from '../osv.js';
import { compare, UnionFind } from './aliases.js';
import { RecordCodec } from './codec.js';
import { AdvisoryDbError } from './errors.js';
import { normalizeName, splitEcosystem } from './names.js';
import { decodeRanges, isCompact, rangesAffect } from './ranges.js';
import { APPLICATION_ID, migrate, SCHEMA_VERSION, schemaVersion } from './schema.js';

/**
 * An advisory that names a package, with only its affected entries for that package: decoded when
 * first read, and for most advisories (`compact`) evaluated without decoding.
 */
export class AdvisoryCandidate {
  private decoded: OsvAffected[] | undefined;

  /** @internal made by `AdvisoryDb.candidates` */
  constructor(
    readonly id: string,
    /** The OSV ecosystem the entries name (`npm`, `Debian:12`). */
    readonly ecosystem: string,
    /** The package's normalised name. */
    private readonly name: string,
    private readonly stored: string,
    private readonly path: string,
  ) {}

  /** The entries (package, ranges, versions). */
  get affected(): OsvAffected[] {
    if (this.decoded === undefined) {
      try {
        this.decoded = decodeRanges(this.stored, this.ecosystem, this.name);
      } catch (error) {
        throw this.damaged(error);
      }
    }
    return this.decoded;
  }

  /**
   * True when every entry names the package in `ecosystem` (as the lookup found it), so that `affects`
   * decides for all of them; false for entries stored as JSON, which the caller decodes and checks.
   */
  get compact(): boolean {
    return isCompact(this.stored);
  }

  /**
   * Whether a version of the package in `ecosystem` (its base name) is affected by one of the
   * entries, as `isAffected` on each would say (one whose evaluation throws is not). Compact only.
   */
  affects(ecosystem: string, version: string): boolean {
    try {
      return rangesAffect(this.stored, ecosystem, version);
    } catch (error) {
      throw this.damaged(error);
    }
  }

  private damaged(error: unknown): AdvisoryDbError {
    return AdvisoryDbError.unusable(this.path, `has damaged entries for ${this.id}`, 'corrupt', error);
  }
}

export interface OpenAdvisoryDbOptions {
  /** Open read-only (the default). A writable handle also migrates an older schema in place. */
  readonly?: boolean;
  /**
   * Also run `PRAGMA quick_check`, which reads every page (about a second per few hundred MB). The
   * default checks are cheap: the SQLite header against the file size, the schema version and the
   * completion mark that only a finished import or update writes.
   */
  verify?: boolean;
}

export interface SourceInfo {
  /** `osv:<ecosystem>` for an OSV download, `file:<absolute path>` for an import. */
  key: string;
  /** The ecosystem of a download; for an import, the ecosystems it contained, comma-separated. */
  ecosystem?: string;
  url: string;
  etag?: string;
  lastModified?: string;
  sha256?: string;
  importedAt: string;
  records: number;
}

export interface EcosystemInfo {
  /** Base ecosystem (`Debian`, not `Debian:12`). */
  ecosystem: string;
  /** Advisories naming at least one package of the ecosystem, withdrawn ones included. */
  advisories: number;
  withdrawn: number;
  /** Distinct package names with an advisory. */
  packages: number;
}

export interface AdvisoryDbInfo {
  path: string;
  schemaVersion: number;
  sizeBytes: number;
  /** When the last import or update finished (ISO 8601). */
  updatedAt?: string;
  advisories: number;
  withdrawn: number;
  ecosystems: EcosystemInfo[];
  sources: SourceInfo[];
}

/** Names per `IN (...)` list: well under SQLite's bound-parameter limit, and few round trips. */
const CHUNK = 500;
/** An alias component larger than this stops growing (guards against pathological alias chains). */
const MAX_ALIAS_COMPONENT = 5000;

/**
 * Read access to a built advisory database. Lookups load only the advisories of the package names
 * asked for; nothing is cached between calls. Not safe to share across worker threads (open one per
 * thread).
 */
export class AdvisoryDb {
  private readonly statements = new Map<string, Database.Statement>();
  private loaded = 0;

  /** @internal use `openAdvisoryDb` */
  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly codec: RecordCodec,
  ) {}

  /**
   * Advisories affecting the given package names in one ecosystem, keyed by normalised name (see
   * `normalizeName`); names without advisories are absent from the map. `Debian:12` finds records
   * for `Debian:12` and for plain `Debian`; a plain ecosystem finds only plain records. Withdrawn
   * advisories are left out. Records are sorted by id; one record affecting several of the names is
   * parsed once and shared.
   */
  lookup(ecosystem: string, names: Iterable<string>): Map<string, OsvRecord[]> {
    const { base, full } = splitEcosystem(ecosystem);
    const wanted = [...new Set(Array.from(names, (name) => normalizeName(ecosystem, name)))].sort(compare);
    const idsByName = new Map<string, string[]>();
    const allIds = new Set<string>();
    this.guard(() => {
      for (let i = 0; i < wanted.length; i += CHUNK) {
        const chunk = wanted.slice(i, i + CHUNK);
        const rows = this.prepared(
          'names',
          chunk.length,
          (list) =>
            `SELECT DISTINCT name, advisory_id FROM affected WHERE ecosystem = ? AND variant IN (?, ?) AND name IN (${list})`,
        ).all(base, full, base, ...chunk) as { name: string; advisory_id: string }[];
        for (const row of rows) {
          allIds.add(row.advisory_id);
          const ids = idsByName.get(row.name);
          if (ids) ids.push(row.advisory_id);
          else idsByName.set(row.name, [row.advisory_id]);
        }
      }
    });
    const records = this.records([...allIds]);
    const result = new Map<string, OsvRecord[]>();
    for (const name of wanted) {
      const found = (idsByName.get(name) ?? []).flatMap((id) => records.get(id) ?? []);
      if (found.length > 0)
        result.set(
          name,
          found.sort((a, b) => compare(a.id, b.id)),
        );
    }
    return result;
  }

  /**
   * The affected entries (package, ranges, versions) of every non-withdrawn advisory naming one of
   * the given packages, keyed by normalised name: enough to decide which advisories apply without
   * decoding whole records. Then `records(ids)` loads only those that do.
   */
  candidates(ecosystem: string, names: Iterable<string>): Map<string, AdvisoryCandidate[]> {
    const { base, full } = splitEcosystem(ecosystem);
    const wanted = [...new Set(Array.from(names, (name) => normalizeName(ecosystem, name)))].sort(compare);
    const result = new Map<string, AdvisoryCandidate[]>();
    this.guard(() => {
      for (let i = 0; i < wanted.length; i += CHUNK) {
        const chunk = wanted.slice(i, i + CHUNK);
        // Rows as arrays (name, advisory_id, ranges, whether the variant is the full ecosystem): a
        // hundred thousand rows build faster than as objects.
        const rows = this.prepared(
          'candidates',
          chunk.length,
          (list) =>
            `SELECT name, advisory_id, ranges, variant <> ecosystem FROM affected WHERE withdrawn = 0 AND ecosystem = ? AND variant IN (?, ?) AND name IN (${list}) ORDER BY name, advisory_id`,
          true,
        ).all(base, full, base, ...chunk) as [string, string, string, number][];
        let list: AdvisoryCandidate[] = [];
        let listName: string | undefined;
        for (const [name, id, stored, release] of rows) {
          // Rows come by name: one string and one list per name.
          if (name !== listName) {
            listName = name;
            let found = result.get(name);
            if (!found) result.set(name, (found = []));
            list = found;
          }
          list.push(new AdvisoryCandidate(id, release ? full : base, listName, stored, this.path));
        }
      }
    });
    return result;
  }

  /** Whole records by id (withdrawn ones left out). */
  recordsById(ids: Iterable<string>): Map<string, OsvRecord> {
    return this.records([...new Set(ids)].sort(compare));
  }

  /** One advisory by id (withdrawn ones included), or undefined. */
  get(id: string): OsvRecord | undefined {
    return this.guard(() => {
      const row = this.prepared('get', 0, () => 'SELECT record FROM advisories WHERE id = ?').get(id) as
        { record: Buffer } | undefined;
      return row ? this.decode(row.record, id) : undefined;
    });
  }

  /**
   * Connected groups of ids across the stored aliases: the ids given, the advisories that alias them
   * and the ids those advisories list, transitively. Each group holds every id of the component
   * (sorted); every id given appears in exactly one group; groups are sorted by their first id.
   * Withdrawn advisories do not link ids.
   */
  aliasGroups(ids: Iterable<string>): string[][] {
    const sets = new UnionFind();
    const given = [...new Set(ids)];
    const seen = new Set(given);
    let frontier = given;
    this.guard(() => {
      while (frontier.length > 0 && seen.size < MAX_ALIAS_COMPONENT * Math.max(1, given.length)) {
        const next: string[] = [];
        for (let i = 0; i < frontier.length; i += CHUNK) {
          const chunk = frontier.slice(i, i + CHUNK);
          for (const column of ['advisory_id', 'alias'] as const) {
            const rows = this.prepared(
              `alias-${column}`,
              chunk.length,
              (list) =>
                `SELECT a.advisory_id, a.alias FROM aliases a JOIN advisories v ON v.id = a.advisory_id WHERE v.withdrawn = 0 AND a.${column} IN (${list})`,
            ).all(...chunk) as { advisory_id: string; alias: string }[];
            for (const row of rows) {
              sets.union(row.advisory_id, row.alias);
              for (const id of [row.advisory_id, row.alias])
                if (!seen.has(id)) {
                  seen.add(id);
                  next.push(id);
                }
            }
          }
        }
        frontier = next;
      }
    });
    const groups = new Map<string, string[]>();
    for (const id of seen) {
      const root = sets.find(id);
      const group = groups.get(root);
      if (group) group.push(id);
      else groups.set(root, [id]);
    }
    const wantedRoots = new Set(given.map((id) => sets.find(id)));
    return [...wantedRoots]
      .map((root) => groups.get(root)!.sort(compare))
      .sort((a, b) => compare(a[0]!, b[0]!));
  }

  /** Counts per ecosystem, the sources and when the database was last built. */
  info(): AdvisoryDbInfo {
    return this.guard(() => {
      const totals = this.db
        .prepare('SELECT COUNT(*) AS advisories, COALESCE(SUM(withdrawn), 0) AS withdrawn FROM advisories')
        .get() as { advisories: number; withdrawn: number };
      const ecosystems = this.db
        .prepare(
          `SELECT a.ecosystem, COUNT(DISTINCT a.advisory_id) AS advisories,
             COUNT(DISTINCT CASE WHEN v.withdrawn = 1 THEN a.advisory_id END) AS withdrawn,
             COUNT(DISTINCT a.name) AS packages
           FROM affected a JOIN advisories v ON v.id = a.advisory_id
           GROUP BY a.ecosystem ORDER BY a.ecosystem`,
        )
        .all() as EcosystemInfo[];
      const info: AdvisoryDbInfo = {
        path: this.path,
        schemaVersion: schemaVersion(this.db),
        sizeBytes:
          (this.db.pragma('page_count', { simple: true }) as number) *
          (this.db.pragma('page_size', { simple: true }) as number),
        advisories: totals.advisories,
        withdrawn: totals.withdrawn,
        ecosystems,
        sources: this.sources(),
      };
      const updatedAt = this.meta('updated_at');
      if (updatedAt) info.updatedAt = updatedAt;
      return info;
    });
  }

  /** The sources the database was built from, sorted by key. */
  sources(): SourceInfo[] {
    return this.guard(() =>
      (
        this.db
          .prepare(
            'SELECT key, ecosystem, url, etag, last_modified, sha256, imported_at, record_count FROM sources ORDER BY key',
          )
          .all() as SourceRow[]
      ).map(toSourceInfo),
    );
  }

  /** Run `PRAGMA quick_check` (reads the whole file); throws AdvisoryDbError when damage is found. */
  verify(): void {
    const result = this.guard(() => this.db.pragma('quick_check') as { quick_check: string }[]);
    const problems = result.map((row) => row.quick_check).filter((text) => text !== 'ok');
    if (problems.length > 0)
      throw AdvisoryDbError.unusable(this.path, `is damaged (${problems.slice(0, 3).join('; ')})`, 'corrupt');
  }

  /** How many records lookups and `get` have decoded since the database was opened. */
  get recordsLoaded(): number {
    return this.loaded;
  }

  close(): void {
    this.db.close();
  }

  private records(ids: string[]): Map<string, OsvRecord> {
    const out = new Map<string, OsvRecord>();
    this.guard(() => {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const rows = this.prepared(
          'records',
          chunk.length,
          (list) => `SELECT id, record FROM advisories WHERE withdrawn = 0 AND id IN (${list})`,
        ).all(...chunk) as { id: string; record: Buffer }[];
        for (const row of rows) out.set(row.id, this.decode(row.record, row.id));
      }
    });
    return out;
  }

  private decode(blob: Buffer, id: string): OsvRecord {
    let record: OsvRecord;
    try {
      record = JSON.parse(this.codec.decode(blob)) as OsvRecord;
    } catch (error) {
      throw AdvisoryDbError.unusable(this.path, `has a damaged record for ${id}`, 'corrupt', error);
    }
    this.loaded++;
    return record;
  }

  private meta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: unknown } | undefined;
    return row === undefined ? undefined : String(row.value);
  }

  /**
   * A statement with `count` placeholders in its `IN (...)` list, prepared once per size; `raw`
   * statements return rows as arrays.
   */
  private prepared(
    kind: string,
    count: number,
    sql: (list: string) => string,
    raw = false,
  ): Database.Statement {
    const key = `${kind}:${count}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql(Array.from({ length: count }, () => '?').join(', ')));
      if (raw) statement.raw(true);
      this.statements.set(key, statement);
    }
    return statement;
  }

  /** Turn SQLite's corruption and I/O errors into an AdvisoryDbError that tells the user what to do. */
  private guard<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw asDbError(error, this.path);
    }
  }
}

interface SourceRow {
  key: string;
  ecosystem: string | null;
  url: string;
  etag: string | null;
  last_modified: string | null;
  sha256: string | null;
  imported_at: string;
  record_count: number;
}

function toSourceInfo(row: SourceRow): SourceInfo {
  const info: SourceInfo = {
    key: row.key,
    url: row.url,
    importedAt: row.imported_at,
    records: row.record_count,
  };
  if (row.ecosystem) info.ecosystem = row.ecosystem;
  if (row.etag) info.etag = row.etag;
  if (row.last_modified) info.lastModified = row.last_modified;
  if (row.sha256) info.sha256 = row.sha256;
  return info;
}

const DAMAGE_CODES = /^SQLITE_(?:CORRUPT|NOTADB|IOERR|CANTOPEN|FORMAT|RANGE)/;

export function asDbError(error: unknown, path: string): unknown {
  if (error instanceof AdvisoryDbError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && DAMAGE_CODES.test(code))
    return AdvisoryDbError.unusable(path, `cannot be read (${(error as Error).message})`, 'corrupt', error);
  if (
    error instanceof Error &&
    error.name === 'SqliteError' &&
    /no such (?:table|column)/.test(error.message)
  )
    return AdvisoryDbError.unusable(
      path,
      `is not a complete Rampart advisory database (${error.message})`,
      'corrupt',
      error,
    );
  return error;
}

/** What the first 100 bytes of an SQLite file say (https://www.sqlite.org/fileformat.html). */
export interface SqliteHeader {
  pageSize: number;
  applicationId: number;
  userVersion: number;
  fileSize: number;
}

const MAGIC = 'SQLite format 3\0';

/**
 * Cheap structural checks without SQLite: the magic string, a sane page size, and a file at least as
 * long as the page count in the header says (a truncated copy fails here instead of mid-scan).
 */
export function readSqliteHeader(path: string): SqliteHeader {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new AdvisoryDbError(
        `no advisory database at ${path}: run \`rampart db update\` (or \`rampart db import <dir|zip|jsonl>\` offline) first`,
        'missing',
        { cause: error },
      );
    throw AdvisoryDbError.unusable(path, `cannot be opened (${(error as Error).message})`, 'corrupt', error);
  }
  try {
    const fileSize = fstatSync(fd).size;
    const header = Buffer.alloc(100);
    let read: number;
    try {
      read = readSync(fd, header, 0, 100, 0);
    } catch (error) {
      throw AdvisoryDbError.unusable(path, `cannot be read (${(error as Error).message})`, 'corrupt', error);
    }
    if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC)
      throw AdvisoryDbError.unusable(
        path,
        'is not an SQLite database (empty, damaged or another file)',
        'corrupt',
      );
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0)
      throw AdvisoryDbError.unusable(path, 'has a damaged header (page size)', 'corrupt');
    const changeCounter = header.readUInt32BE(24);
    const pageCount = header.readUInt32BE(28);
    const validFor = header.readUInt32BE(92);
    if (
      fileSize % pageSize !== 0 ||
      (pageCount > 0 && changeCounter === validFor && fileSize < pageCount * pageSize)
    )
      throw AdvisoryDbError.unusable(
        path,
        `is truncated (${fileSize} bytes, the header says ${pageCount * pageSize})`,
        'corrupt',
      );
    return {
      pageSize,
      applicationId: header.readUInt32BE(68),
      userVersion: header.readUInt32BE(60),
      fileSize,
    };
  } finally {
    closeSync(fd);
  }
}

/**
 * Open a database built by `importAdvisories` or `updateDatabase`. A missing, foreign, truncated,
 * damaged or unfinished file, or one of another schema version, throws AdvisoryDbError (whose message
 * says to run `rampart db update` or `rampart db import`); it is never used half-way.
 */
export function openAdvisoryDb(path: string, options: OpenAdvisoryDbOptions = {}): AdvisoryDb {
  const readonly = options.readonly ?? true;
  const header = readSqliteHeader(path);
  if (header.applicationId !== APPLICATION_ID)
    throw AdvisoryDbError.unusable(path, 'is an SQLite file but not a Rampart advisory database', 'corrupt');
  if (header.userVersion > SCHEMA_VERSION)
    throw new AdvisoryDbError(
      `advisory database ${path} has schema version ${header.userVersion}, written by a newer Rampart (this one reads version ${SCHEMA_VERSION}): upgrade Rampart, or run \`rampart db update\` to rebuild it`,
      'version',
    );
  if (header.userVersion < SCHEMA_VERSION && readonly)
    throw AdvisoryDbError.unusable(
      path,
      `has schema version ${header.userVersion}, older than this Rampart's ${SCHEMA_VERSION}`,
      'version',
    );
  let db: Database.Database | undefined;
  try {
    db = openSqlite(path, { readonly, fileMustExist: true });
    if (!readonly && schemaVersion(db) < SCHEMA_VERSION) {
      const connection = db;
      connection.transaction(() => migrate(connection)).immediate();
    }
    const meta = new Map(
      (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: unknown }[]).map((row) => [
        row.key,
        row.value,
      ]),
    );
    if (meta.get('complete') !== '1')
      throw AdvisoryDbError.unusable(
        path,
        'was never finished (an import or update was interrupted)',
        'incomplete',
      );
    const dictionary = meta.get('record_dictionary');
    const codecName = meta.get('record_codec');
    const codec = new RecordCodec(
      typeof codecName === 'string' ? codecName : 'json',
      Buffer.isBuffer(dictionary) ? dictionary : Buffer.alloc(0),
    );
    const advisoryDb = new AdvisoryDb(db, path, codec);
    if (options.verify) advisoryDb.verify();
    return advisoryDb;
  } catch (error) {
    db?.close();
    throw asDbError(error, path);
  }
}
