/**
 * The databases a bench runs on: PGlite always (a temporary data directory, as `npm start` runs it), and a throwaway database on the
 * PostgreSQL server named by BENCH_DATABASE_URL when it is set. The throwaway database is dropped
 * on close, so a bench never touches real data on that server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import { createThrowawayPostgres } from './throwaway-postgres';

export interface BenchDatabase {
  name: string;
  /** A new, empty, migrated database; closing the handle throws it away. */
  create(): Promise<DatabaseHandle>;
}

/** PGlite as `npm start` runs it: a data directory, on a thread of its own; a temporary one here. */
const pgliteDataDirectory: BenchDatabase = {
  name: 'PGlite',
  async create() {
    const dataDir = await mkdtemp(join(tmpdir(), 'cs-bot-bench-'));
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(handle.db);
    return {
      ...handle,
      async close() {
        try {
          await handle.close();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  },
};

function postgresServer(adminUrl: string): BenchDatabase {
  return {
    name: `PostgreSQL (${new URL(adminUrl).host})`,
    async create() {
      const throwaway = await createThrowawayPostgres(adminUrl);
      return { ...throwaway.handle, close: throwaway.close };
    },
  };
}

/**
 * PGlite, and the PostgreSQL server at `url` (BENCH_DATABASE_URL unless a bench names another) when
 * set; BENCH_SKIP_PGLITE=1 leaves PGlite out (profiling one engine).
 */
export function benchDatabases(url = process.env.BENCH_DATABASE_URL): BenchDatabase[] {
  const engines = url ? [pgliteDataDirectory, postgresServer(url)] : [pgliteDataDirectory];
  return process.env.BENCH_SKIP_PGLITE === '1' && url ? engines.slice(1) : engines;
}
