import type Database from 'better-sqlite3';
import type { OsvAffected } from '../osv.js';
import { encodeRanges } from './ranges.js';

/**
 * The database layout. `PRAGMA user_version` holds the schema version; `MIGRATIONS[n]` takes a
 * database from version n to n + 1 (version 0 is an empty file). Writers migrate the copy they build
 * before changing it; readers refuse any other version with a message asking for a rebuild.
 */
export const SCHEMA_VERSION = 2;

/** `PRAGMA application_id`, stored in the SQLite header: 'RMPT'. Tells our files from other SQLite files. */
export const APPLICATION_ID = 0x524d5054;

type Migration = (db: Database.Database) => void;

const MIGRATIONS: readonly Migration[] = [
  (db) => {
    db.exec(`
      -- One row per advisory. record: the minified OSV JSON, encoded with meta.record_codec.
      CREATE TABLE advisories (
        id TEXT PRIMARY KEY,
        modified TEXT NOT NULL,
        withdrawn INTEGER NOT NULL DEFAULT 0,
        record BLOB NOT NULL
      );
      -- One row per (advisory, package): ecosystem is the base name ('Debian'), variant the full OSV
      -- string ('Debian:12', or 'Debian' when there is no suffix), name the normalised package name.
      -- entries: the record's affected[] entries for this package as JSON (package, ranges, versions
      -- only), so that a scan evaluates version ranges without decoding whole records. Version 2
      -- renames it to ranges and stores the entries in a compact form (ranges.ts).
      -- Clustered by name (WITHOUT ROWID): a scan's lookups read consecutive pages. withdrawn copies
      -- the advisory's flag so that lookups need no join.
      CREATE TABLE affected (
        ecosystem TEXT NOT NULL,
        name TEXT NOT NULL,
        advisory_id TEXT NOT NULL,
        variant TEXT NOT NULL,
        withdrawn INTEGER NOT NULL DEFAULT 0,
        entries TEXT NOT NULL,
        PRIMARY KEY (ecosystem, name, advisory_id, variant)
      ) WITHOUT ROWID;
      CREATE INDEX affected_by_advisory ON affected (advisory_id);
      CREATE TABLE aliases (
        advisory_id TEXT NOT NULL,
        alias TEXT NOT NULL,
        PRIMARY KEY (advisory_id, alias)
      ) WITHOUT ROWID;
      CREATE INDEX aliases_by_alias ON aliases (alias, advisory_id);
      -- Where the data came from: an OSV download ('osv:<ecosystem>') or an import ('file:<path>').
      -- The HTTP validators let the next update ask for changes only.
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        ecosystem TEXT,
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        sha256 TEXT,
        imported_at TEXT NOT NULL,
        record_count INTEGER NOT NULL
      );
      -- Which sources hold which advisories, so that updating one source drops what it no longer has
      -- without touching advisories that other sources also provide.
      CREATE TABLE provenance (
        source_id INTEGER NOT NULL,
        advisory_id TEXT NOT NULL,
        PRIMARY KEY (source_id, advisory_id)
      ) WITHOUT ROWID;
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value BLOB
      );
    `);
  },
  (db) => {
    // Version 2: affected.entries becomes affected.ranges, the same entries in the compact form of
    // ranges.ts (evaluated without parsing JSON). A value still in JSON reads as before.
    db.exec('ALTER TABLE affected RENAME COLUMN entries TO ranges');
    db.function('rampart_encode_ranges', { deterministic: true }, (json: unknown, variant, name) => {
      const text = String(json);
      let entries: unknown;
      try {
        entries = JSON.parse(text);
      } catch {
        return text; // damaged: left as it is, reported when read
      }
      return Array.isArray(entries)
        ? encodeRanges(entries as OsvAffected[], String(variant), String(name))
        : text;
    });
    db.exec('UPDATE affected SET ranges = rampart_encode_ranges(ranges, variant, name)');
  },
];

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring a writable database to SCHEMA_VERSION. Runs inside the caller's transaction. */
export function migrate(db: Database.Database): void {
  for (let version = schemaVersion(db); version < SCHEMA_VERSION; version++) {
    MIGRATIONS[version]!(db);
    db.pragma(`user_version = ${version + 1}`);
  }
  db.pragma(`application_id = ${APPLICATION_ID}`);
}
