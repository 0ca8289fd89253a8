import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, queryRows } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import { accounts } from '../../src/db/schema';

/** The nice value of each thread of this process (Linux's /proc; field 19 of a task's stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((task) => {
    const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('PGlite on its own thread, as npm start opens a data directory', () => {
  let dataDir: string;
  let handle: DatabaseHandle;
  const niceBeforeOpening = getPriority();
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cs-bot-thread-'));
    handle = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(handle.db);
  });
  afterAll(async () => {
    await handle.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers queries with the types drizzle expects and reports PostgreSQL errors with their code', async () => {
    const [created] = await handle.db.insert(accounts).values({ name: 'Thread Co', nameKey: 'thread co' }).returning();
    expect(created?.createdAt).toBeInstanceOf(Date);
    const duplicate = await handle.db
      .insert(accounts)
      .values({ name: 'Thread Co', nameKey: 'thread co' })
      .then(
        () => null,
        (error: unknown) => error as { cause?: { code?: string; constraint?: string } },
      );
    expect(duplicate?.cause).toMatchObject({ code: '23505', constraint: 'accounts_name_key_unique' });
    const rows = await queryRows<{ n: number; tags: string[] }>(
      handle.db,
      sql`select 2::int as n, array['a','b'] as tags`,
    );
    expect(rows).toEqual([{ n: 2, tags: ['a', 'b'] }]);
  });

  it('commits a transaction with a nested savepoint whole, and rolls back one that throws', async () => {
    await handle.db.transaction(async (tx) => {
      await tx.insert(accounts).values({ name: 'Outer Co', nameKey: 'outer co' });
      await tx.transaction(async (inner) => {
        await inner.insert(accounts).values({ name: 'Inner Co', nameKey: 'inner co' });
      });
    });
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(accounts).values({ name: 'Lost Co', nameKey: 'lost co' });
        throw new Error('the use-case failed half-way');
      }),
    ).rejects.toThrow('the use-case failed half-way');

    const names = (await handle.db.select({ name: accounts.name }).from(accounts)).map((row) => row.name).sort();
    expect(names).toEqual(['Inner Co', 'Outer Co', 'Thread Co']);
    expect(await handle.db.select().from(accounts).where(eq(accounts.name, 'Lost Co'))).toEqual([]);
  });

  it.runIf(process.platform === 'linux')(
    'runs the database nicer than the thread that acks, and leaves that one as it was',
    () => {
      expect(getPriority()).toBe(niceBeforeOpening);
      expect(threadNiceValues()).toContain(Math.min(19, niceBeforeOpening + 10));
    },
  );
});
