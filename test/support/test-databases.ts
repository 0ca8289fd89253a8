import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { DatabaseHandle } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';

export interface TestDatabase {
  /** "pglite" or "postgres": used in describe titles so a failure names its engine. */
  name: 'pglite' | 'postgres';
  /** A new, empty, fully migrated database; closing it throws the database away. */
  create(): Promise<DatabaseHandle>;
}

function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

let migratedTemplate: Promise<Blob> | null = null;

/**
 * A dump of a freshly migrated PGlite, made once per test worker: loading it takes well under a
 * second, where initialising and migrating a new PGlite takes several.
 */
export function migratedPgliteDump(): Promise<Blob> {
  migratedTemplate ??= (async () => {
    const template = await openDatabase({ kind: 'pglite-memory' });
    await migrate(template.db);
    const client = (template.db as unknown as { $client: { dumpDataDir(compression: 'none'): Promise<Blob> } }).$client;
    const dump = await client.dumpDataDir('none');
    await template.close();
    return dump;
  })();
  return migratedTemplate;
}

const pglite: TestDatabase = {
  name: 'pglite',
  async create() {
    const handle = await openDatabase({ kind: 'pglite-memory', loadDataDir: await migratedPgliteDump() });
    // The dump already holds every migration; this proves it and costs one query.
    await migrate(handle.db);
    return handle;
  },
};

function postgresServer(adminUrl: string): TestDatabase {
  return {
    name: 'postgres',
    async create() {
      const database = `cs_bot_test_${randomBytes(6).toString('hex')}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`create database ${database}`);
      } finally {
        await admin.end();
      }
      const handle = await openDatabase({ kind: 'postgres', url: withDatabaseName(adminUrl, database) });
      await migrate(handle.db);
      return {
        ...handle,
        async close() {
          await handle.close();
          const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
          try {
            await dropper.unsafe(`drop database if exists ${database} with (force)`);
          } finally {
            await dropper.end();
          }
        },
      };
    },
  };
}

/**
 * The engines every database test runs on: PGlite always, and the PostgreSQL server named by
 * TEST_DATABASE_URL when it is set (as in CI).
 */
export function testDatabases(): TestDatabase[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [pglite, postgresServer(url)] : [pglite];
}

/** The URL a test can give a second process so that it shares one PostgreSQL database. */
export async function createPostgresDatabaseUrl(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const database = `cs_bot_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  await admin.end();
  return {
    url: withDatabaseName(adminUrl, database),
    async drop() {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${database} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
