/**
 * A new, migrated database on the PostgreSQL server at `adminUrl`, with its URL (for a bench that
 * hands the database to another process) and a handle of the bench's own. Dropped on close, so a
 * bench never touches real data on that server.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { DatabaseHandle } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';

export interface ThrowawayPostgres {
  /** postgres:// URL of the throwaway database, for DATABASE_URL. */
  url: string;
  /** The bench's own connection to it. */
  handle: DatabaseHandle;
  /** Closes the handle and drops the database, whatever is still connected to it. */
  close(): Promise<void>;
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end();
  }
}

/**
 * Has the server write out what earlier work left dirty, so a bench that follows a heavy one is not
 * timed against that work's checkpoint. Needs a superuser or pg_checkpoint; without, it is skipped.
 */
export async function settlePostgres(adminUrl: string): Promise<void> {
  await asAdmin(adminUrl, 'checkpoint').catch(() => {});
}

export async function createThrowawayPostgres(
  adminUrl: string,
  options: { maxConnections?: number } = {},
): Promise<ThrowawayPostgres> {
  const database = `cs_bot_bench_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const drop = () => asAdmin(adminUrl, `drop database if exists ${database} with (force)`);
  let handle: DatabaseHandle | null = null;
  try {
    handle = await openDatabase({
      kind: 'postgres',
      url: url.toString(),
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
    });
    await migrate(handle.db);
  } catch (error) {
    await handle?.close();
    await drop();
    throw error;
  }
  const opened = handle;
  return {
    url: url.toString(),
    handle: opened,
    async close() {
      try {
        await opened.close();
      } finally {
        await drop();
      }
    },
  };
}
