import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, queryRows } from '../../src/db/database';
import { DatabaseDeadlineError, requestWrote, withRequestTimeouts } from '../../src/db/request-timeouts';
import { testDatabases } from '../support/test-databases';

const TIMEOUT_MS = 150;
const postgres = testDatabases().find((engine) => engine.name === 'postgres');

// The deadline guards postgres.js, the driver that talks to a server over a network; PGlite runs
// in the process. This needs a PostgreSQL server (CI sets TEST_DATABASE_URL).
describe.skipIf(!postgres)('database calls made for a Slack request, on postgres', () => {
  let database: DatabaseHandle;
  const rows = async () => (await queryRows<{ n: number }>(database.db, sql`select n from deadline_probe`)).length;

  beforeAll(async () => {
    database = (await postgres?.create()) as DatabaseHandle;
    await database.db.execute(sql`create table deadline_probe (n int)`);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.execute(sql`delete from deadline_probe`);
  });

  it('rolls back a transaction that is still open at the deadline instead of committing it late', async () => {
    const run = withRequestTimeouts(
      () =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into deadline_probe values (1)`);
          await sleep(TIMEOUT_MS + 100);
        }),
      TIMEOUT_MS,
    );
    await expect(run).rejects.toBeInstanceOf(DatabaseDeadlineError);
    // The transaction body goes on after the answer; give it time to reach its (refused) commit.
    await sleep(150);
    expect(await rows()).toBe(0);
  });

  it('refuses a statement that a transaction starts after the deadline', async () => {
    let late: unknown;
    const run = withRequestTimeouts(
      () =>
        database.db.transaction(async (tx) => {
          await sleep(TIMEOUT_MS + 50);
          await tx.execute(sql`insert into deadline_probe values (2)`).catch((error: unknown) => {
            late = error;
            throw error;
          });
        }),
      TIMEOUT_MS,
    );
    await expect(run).rejects.toBeInstanceOf(DatabaseDeadlineError);
    await sleep(150);
    // drizzle reports the refusal as its own error, caused by the deadline's.
    expect((late as Error).cause).toBeInstanceOf(DatabaseDeadlineError);
    expect(await rows()).toBe(0);
  });

  it('abandons a statement that does not answer by the deadline', async () => {
    const startedAt = Date.now();
    const run = withRequestTimeouts(() => database.db.execute(sql`select pg_sleep(2)`), TIMEOUT_MS);
    await expect(run).rejects.toSatisfy((error: Error) => error.cause instanceof DatabaseDeadlineError);
    expect(Date.now() - startedAt).toBeLessThan(1_500);
  });

  it('commits a transaction that finishes in time, and remembers that the request wrote', async () => {
    let wrote = false;
    await withRequestTimeouts(async () => {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into deadline_probe values (3)`);
      });
      wrote = requestWrote();
    }, TIMEOUT_MS);
    expect(wrote).toBe(true);
    expect(await rows()).toBe(1);
  });

  it('does not count a request that only read as one that wrote', async () => {
    let wrote = true;
    await withRequestTimeouts(async () => {
      await database.db.execute(sql`select count(*) from deadline_probe`);
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
      });
      wrote = requestWrote();
    }, TIMEOUT_MS);
    expect(wrote).toBe(false);
  });

  it('puts no deadline on work outside a Slack request (the planner, the CLI)', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into deadline_probe values (4)`);
      await sleep(TIMEOUT_MS + 50);
    });
    expect(await rows()).toBe(1);
  });

  it('keeps the deadline of a request still running when another request ends first', async () => {
    const shortOne = withRequestTimeouts(async () => {
      await database.db.execute(sql`select 1`);
    }, TIMEOUT_MS);
    const longOne = withRequestTimeouts(async () => {
      await shortOne;
      // The other request's scope has closed; this one's deadline still holds.
      await database.db.execute(sql`select pg_sleep(2)`);
    }, TIMEOUT_MS);
    await expect(longOne).rejects.toSatisfy((error: Error) => error.cause instanceof DatabaseDeadlineError);
  });

  it('gives a request that starts after every other has ended a deadline of its own', async () => {
    await withRequestTimeouts(() => database.db.execute(sql`select 1`), TIMEOUT_MS);
    const later = withRequestTimeouts(() => database.db.execute(sql`select pg_sleep(2)`), TIMEOUT_MS);
    await expect(later).rejects.toSatisfy((error: Error) => error.cause instanceof DatabaseDeadlineError);
  });
});
