import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { StoreConfigError } from '../errors.js';

const INT8_OID = 20;

/**
 * pg returns 64-bit integers as strings (they may exceed 2^53). Ours are ids, counts and millisecond
 * timestamps, far below that, and must read as numbers exactly as on SQLite; a value that does not fit
 * fails loudly instead of losing precision.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`64-bit integer ${text} exceeds the safe integer range`);
  return value;
}

function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID && format !== 'binary') return parseInt8;
  // pg's own parsers for every other type (its typings give the binary ones as `any`).
  const parser = (format === 'binary'
    ? pg.types.getTypeParser(oid, 'binary')
    : pg.types.getTypeParser(oid, 'text')) as unknown as (value: string) => unknown;
  return parser;
}

const types = { getTypeParser: getTypeParser as typeof pg.types.getTypeParser };

/** A connection pool to `url` (postgres:// or postgresql://) for Kysely. */
export function postgresDialect(url: string, poolSize = 10): { dialect: PostgresDialect; pool: pg.Pool } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreConfigError(
      'the database URL is not a valid URL (expected postgres://user:password@host:port/database)',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new StoreConfigError(`unsupported database URL scheme "${parsed.protocol}" (expected postgres://)`);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // An idle client that loses its connection emits an error on the pool; without a listener it would
  // crash the process. The next query gets a new connection.
  pool.on('error', () => undefined);
  return { dialect: new PostgresDialect({ pool }), pool };
}
