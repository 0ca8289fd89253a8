import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database, DatabaseHandle } from './database';
import { lockDataDirectory } from './pglite-lock';
import type { PgliteThreadClient } from './pglite-thread';
import { withDeadlines } from './request-timeouts';
import * as schema from './schema';

export type DatabaseLocation =
  | { kind: 'postgres'; url: string; maxConnections?: number }
  | { kind: 'pglite'; dataDir: string }
  /** In memory; `loadDataDir` starts from a dump (tests clone one migrated database this way). */
  | { kind: 'pglite-memory'; loadDataDir?: Blob };

async function ping(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}

/**
 * PGlite's modules cost the process about 45 MB once loaded, so a bot on PostgreSQL never loads
 * them; they are imported when a PGlite database is opened.
 */
const pgliteModules = async () => ({
  ...(await import('@electric-sql/pglite')),
  drizzlePglite: (await import('drizzle-orm/pglite')).drizzle,
});

export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  if (location.kind === 'postgres') {
    const client = postgres(location.url, {
      max: location.maxConnections ?? 10,
      onnotice: () => {},
      // Seconds. Within a Slack request's deadline (src/db/request-timeouts.ts), so a connection
      // that never comes gives up before the person is told, not after; 2 s is ample on a working network.
      connect_timeout: 2,
    });
    const db = drizzlePostgres(withDeadlines(client), { schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      ping: () => ping(db),
      close: () => client.end({ timeout: 5 }),
    };
  }

  if (location.kind === 'pglite') {
    const dataDir = resolve(location.dataDir);
    const release = lockDataDirectory(dataDir);
    let client: PgliteThreadClient;
    try {
      mkdirSync(dataDir, { recursive: true });
      client = await (await import('./pglite-thread')).startPgliteThread(dataDir);
    } catch (error) {
      release();
      throw error;
    }
    const { drizzlePglite } = await pgliteModules();
    // drizzle asks only query() and transaction() of its client, which the thread's client answers.
    const db = drizzlePglite(client as unknown as PGlite, { schema }) as unknown as Database;
    return {
      db,
      kind: 'pglite',
      ping: () => ping(db),
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  }

  const { PGlite, drizzlePglite } = await pgliteModules();
  const client = await PGlite.create(location.loadDataDir ? { loadDataDir: location.loadDataDir } : {});
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    ping: () => ping(db),
    close: () => client.close(),
  };
}
