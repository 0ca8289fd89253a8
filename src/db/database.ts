import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

/** The drizzle database, whichever driver is behind it (PGlite or postgres.js). */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open transaction on it: drizzle's `tx`, which also nests (savepoints). */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What a query module runs on: the database itself, or a transaction a caller opened around several modules. */
export type DbOrTx = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Resolves when the database answers a trivial query; used by /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs raw SQL and returns its rows whichever driver answers: postgres.js yields an array of
 * rows, PGlite an object with `rows`.
 */
export async function queryRows<Row>(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}

/**
 * Many rows as one bind parameter: `insert … select … from ${jsonRecordset(rows)} as t(col type, …)`.
 * Drizzle builds a multi-row VALUES list in time that grows with every bound value, which made a
 * first pass over a bulk import spend more time building SQL than running it; one JSON text is
 * read alike by both drivers and by PostgreSQL's json_to_recordset (nulls, arrays, dates as ISO).
 */
export function jsonRecordset(rows: readonly object[]): SQL {
  return sql`json_to_recordset(${JSON.stringify(rows)}::json)`;
}
