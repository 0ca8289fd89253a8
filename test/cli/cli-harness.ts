import { count } from 'drizzle-orm';
import { type RunCliDeps, runCli } from '../../src/cli/run-cli';
import type { Database, DatabaseHandle } from '../../src/db/database';
import { openDatabase } from '../../src/db/open-database';
import { accounts, activities } from '../../src/db/schema';
import { createPostgresDatabaseUrl, type TestDatabase } from '../support/test-databases';

export const NOW = new Date('2026-03-15T10:00:00Z');
export const TIME_ZONE = 'Europe/Berlin';

export interface CliRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

/**
 * Runs the CLI against a database the test owns: runCli closes what it opens, so it gets a handle
 * whose close does nothing and the test can look at the data afterwards.
 */
export async function runAgainst(
  handle: DatabaseHandle,
  argv: string[],
  options: { files?: Record<string, string> } & Partial<RunCliDeps> = {},
): Promise<CliRun> {
  const { files = {}, ...overrides } = options;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, {
    openDatabase: async () => ({ ...handle, close: async () => {} }),
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    now: () => NOW,
    timeZone: TIME_ZONE,
    ...overrides,
  });
  return { code, stdout, stderr };
}

/** A database with no tables yet, on the same engine, for the one test that needs to see migrations run. */
export async function createUnmigratedDatabase(engine: TestDatabase): Promise<DatabaseHandle> {
  if (engine.name === 'pglite') return openDatabase({ kind: 'pglite-memory' });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('The postgres engine runs only when TEST_DATABASE_URL is set.');
  const target = await createPostgresDatabaseUrl(adminUrl);
  const handle = await openDatabase({ kind: 'postgres', url: target.url });
  return {
    ...handle,
    async close() {
      await handle.close();
      await target.drop();
    },
  };
}

export async function countAccounts(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(accounts);
  return row?.n ?? 0;
}

export async function countActivities(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(activities);
  return row?.n ?? 0;
}

/** A fresh database on `engine` for one test, closed after it whatever happens. */
export async function withDatabase(engine: TestDatabase, test: (handle: DatabaseHandle) => Promise<void>) {
  const handle = await engine.create();
  try {
    await test(handle);
  } finally {
    await handle.close();
  }
}

/** The bytes a run put on stdout: each line there is one console.log, which adds "\n". */
export function stdoutText(run: CliRun): string {
  return run.stdout.map((line) => `${line}\n`).join('');
}
