import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A column of a bulk statement; its type names the PostgreSQL array the values travel in. */
export interface BulkColumn {
  name: string;
  type: 'bigint' | 'text';
}

/** Rows per statement: each column travels as one array parameter, so this only bounds memory. */
const ROWS_PER_STATEMENT = 20_000;

function arrays(
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
): RawBuilder<unknown>[] {
  // Column types come from the fixed lists in store.ts, never from input.
  return columns.map((c) => sql`${rows.map((r) => r[c.name] ?? null)}::${sql.raw(c.type)}[]`);
}

/**
 * PostgreSQL: insert many rows with one statement per 20,000 rows, each column as an array parameter
 * expanded by `unnest` (far faster than multi-row VALUES with one parameter per value). Values are
 * always parameters.
 */
export async function unnestInsert<R = Record<string, unknown>>(
  trx: Transaction<Database>,
  table: keyof Database,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
  options: { returning?: readonly string[]; onConflict?: RawBuilder<unknown> } = {},
): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const batch = rows.slice(start, start + ROWS_PER_STATEMENT);
    const names = sql.join(columns.map((c) => sql.ref(c.name)));
    const returning =
      options.returning && options.returning.length > 0
        ? sql` returning ${sql.join(options.returning.map((name) => sql.ref(name)))}`
        : sql``;
    const result =
      await sql<R>`insert into ${sql.table(table)} (${names}) select * from unnest(${sql.join(arrays(columns, batch))})${options.onConflict ?? sql``}${returning}`.execute(
        trx,
      );
    out.push(...result.rows);
  }
  return out;
}

/**
 * PostgreSQL: `update <table> set <columns> = v.<columns> from unnest(...) as v(id, ...) where id = v.id`,
 * one statement per 20,000 rows.
 */
export async function unnestUpdate(
  trx: Transaction<Database>,
  table: keyof Database,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const all: BulkColumn[] = [{ name: 'id', type: 'bigint' }, ...columns];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const batch = rows.slice(start, start + ROWS_PER_STATEMENT);
    const sets = sql.join(columns.map((c) => sql`${sql.ref(c.name)} = ${sql.ref(`v.${c.name}`)}`));
    const alias = sql.join(all.map((c) => sql.ref(c.name)));
    await sql`update ${sql.table(table)} as t set ${sets} from unnest(${sql.join(arrays(all, batch))}) as v(${alias}) where t.id = v.id`.execute(
      trx,
    );
  }
}
