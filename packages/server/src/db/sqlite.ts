import Database from 'better-sqlite3';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

/**
 * Handles and prepared statements, kept reachable until the process exits (as in the SCA scanner's
 * `db/native.ts`): on Node 24, better-sqlite3 12 aborts when the garbage collector destroys a
 * statement at a moment when no Node environment is current (e.g. while a vitest fork tears down).
 * Statements are cached by SQL text, and batch sizes are powers of two (see `batchSizes`), so a store
 * prepares a bounded number of statements.
 */
const retained: object[] = [];

/**
 * Open (creating) a SQLite database file in WAL mode and wrap it for Kysely. `readonly` opens a second
 * connection to an existing database for reads: in WAL mode it sees the last committed state while the
 * writer's transaction is open.
 */
export function sqliteDialect(
  path: string,
  options: { readonly?: boolean } = {},
): { dialect: SqliteDialect; database: Database.Database } {
  const database = new Database(path, {
    readonly: options.readonly === true,
    fileMustExist: options.readonly === true,
  });
  retained.push(database);
  // `exec`, not `pragma()`: pragma() prepares a statement and drops it, and the garbage collector destroying
  // it is exactly the Node 24 abort described above. FULL keeps committed transactions through a power cut,
  // not only through a crash of the process.
  database.exec(
    options.readonly === true
      ? 'PRAGMA busy_timeout = 10000;'
      : 'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;',
  );
  const statements = new Map<string, SqliteStatement>();
  retained.push(statements);
  const wrapped: SqliteDatabase = {
    close: () => database.close(),
    prepare: (source) => {
      let statement = statements.get(source);
      if (statement === undefined) {
        statement = database.prepare(source);
        statements.set(source, statement);
      }
      return statement;
    },
  };
  return { dialect: new SqliteDialect({ database: wrapped }), database };
}
