import Database from 'better-sqlite3';

/**
 * Every SQLite handle and prepared statement, kept reachable until the process exits.
 *
 * On Node 24, better-sqlite3 12 aborts the process ("Assertion failed: (env) != nullptr" in
 * RemoveEnvironmentCleanupHook) when the garbage collector destroys a Statement at a moment when no
 * Node environment is current. Objects that stay reachable are only destroyed at teardown, which is
 * safe. A scan opens the database once and prepares a handful of statements, so the cost is small.
 */
const retained: object[] = [];

/** Open a database whose handle and statements are never collected before exit (see above). */
export function openSqlite(path: string, options?: Database.Options): Database.Database {
  const db = new Database(path, options);
  retained.push(db);
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    retained.push(statement);
    return statement;
  }) as typeof db.prepare;
  // better-sqlite3's own pragma() prepares a statement natively and drops it, which is exactly the
  // garbage the collector must not destroy (it aborted `rampart db import` on Node 24): prepare it here.
  db.pragma = (source: string, options?: Database.PragmaOptions): unknown => {
    const statement = db.prepare(`PRAGMA ${source}`);
    if (!statement.reader) {
      statement.run();
      return options?.simple ? undefined : [];
    }
    return options?.simple ? statement.pluck().get() : statement.all();
  };
  return db;
}
