import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import * as schema from '../../src/db/schema';
import { accounts, notifications, tasks } from '../../src/db/schema';
import { reminderKeysOf } from '../../src/reminders/dispatch';
import { type Started, startBot } from '../support/bot-process';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { createPostgresDatabaseUrl, migratedPgliteDump } from '../support/test-databases';

const CHANNELS = ['C0CRASH001', 'C0CRASH002', 'C0CRASH003'];
const PER_CHANNEL = 5;

/**
 * Due task reminders, queued as the planner queues them, on accounts the planner leaves alone
 * (no replan instant), so that what reaches Slack is exactly these.
 */
async function seedOutbox(db: Database, now: Date): Promise<string[]> {
  const keys: string[] = [];
  for (const [index, channelId] of CHANNELS.entries()) {
    const name = `Crash ${index}`;
    const [account] = await db
      .insert(accounts)
      .values({ name, nameKey: name.toLowerCase(), channelId, replanAt: null })
      .returning();
    if (!account) throw new Error('account insert returned nothing');
    for (let n = 0; n < PER_CHANNEL; n += 1) {
      const key = `crash-${index}-${n}`;
      const [task] = await db
        .insert(tasks)
        .values({
          accountId: account.id,
          ruleId: 'crash-test',
          periodKey: String(n),
          title: `Crash test task ${n}`,
          forRole: 'CSM',
          opensAt: new Date(now.getTime() - 60_000),
          dueAt: new Date(now.getTime() + 86_400_000),
        })
        .returning();
      if (!task) throw new Error('task insert returned nothing');
      await db.insert(notifications).values({
        key,
        kind: 'task_opened',
        accountId: account.id,
        channelId,
        taskIds: [task.id],
        dueAt: new Date(now.getTime() - 1000 + n),
        createdAt: new Date(now.getTime() - 1000 + n),
      });
      keys.push(key);
    }
  }
  return keys;
}

/** How many applied posts carried each key. */
function postsPerKey(fake: FakeSlack): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of fake.callsTo('chat.postMessage')) {
    if ((call.response as { ok?: boolean }).ok !== true) continue;
    for (const key of reminderKeysOf(call.args)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

interface Opened {
  db: Database;
  close(): Promise<void>;
}

interface Engine {
  name: string;
  /** The database the bot's environment names, and how the test opens it (never while the bot runs). */
  prepare(): Promise<{ env: Record<string, string>; open(): Promise<Opened>; drop(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'a PGlite data directory',
    async prepare() {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-bot-crash-')), 'pglite');
      // The first open starts from the migrated template: initialising a data directory takes long.
      let template: Blob | undefined = await migratedPgliteDump();
      return {
        env: { PGLITE_DATA_DIR: dataDir },
        async open() {
          const client = await PGlite.create(dataDir, template ? { loadDataDir: template } : {});
          template = undefined;
          return { db: drizzle(client, { schema }) as unknown as Database, close: () => client.close() };
        },
        drop: async () => {},
      };
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: 'PostgreSQL',
          async prepare() {
            const shared = await createPostgresDatabaseUrl(process.env.TEST_DATABASE_URL ?? '');
            return {
              env: { DATABASE_URL: shared.url },
              open: () => openDatabase({ kind: 'postgres', url: shared.url, maxConnections: 2 }),
              drop: shared.drop,
            };
          },
        },
      ]
    : []),
];

// Cold starts of tsx (and PGlite) in child processes; on PostgreSQL a gone holder's grace (35 s)
// comes on top. The limits are a safety net on a busy machine, not a speed target.
describe.each(engines)('the bot killed mid-dispatch on $name', { timeout: 240_000 }, (engine) => {
  let fake: FakeSlack | null = null;
  const bots: Started[] = [];

  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await fake?.close();
  });

  it('sends everything within a minute of the restart, none lost and none twice', async () => {
    fake = await startFakeSlack();
    // Slow answers: the kill lands while lanes have rows claimed, and one post may reach Slack after it.
    fake.delay('chat.postMessage', 150);
    const database = await engine.prepare();
    const seeding = await database.open();
    await migrate(seeding.db);
    const keys = await seedOutbox(seeding.db, new Date());
    await seeding.close();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-crash-test',
      SLACK_SIGNING_SECRET: 'crash-secret',
      SLACK_API_URL: fake.url,
      PORT: '0',
      ...database.env,
    };

    const killed = startBot(env);
    bots.push(killed);
    const current = fake;
    const posting = await waitUntil(() => current.callsTo('chat.postMessage').length >= 2, 120_000);
    killed.child.kill('SIGKILL');
    await killed.exited;
    await new Promise((r) => setTimeout(r, 300)); // the post in flight at the kill lands in Slack
    const postedBeforeRestart = postsPerKey(current).size;

    const restarted = startBot(env);
    bots.push(restarted);
    const restartedAt = Date.now();
    const allSent = await waitUntil(() => postsPerKey(current).size === keys.length, 60_000);
    const sentWithin = Date.now() - restartedAt;
    const log = restarted.output();
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);

    const check = await database.open();
    const rows = await check.db.select().from(notifications);
    await check.close();
    await database.drop();

    expect(posting).toBe(true);
    expect(postedBeforeRestart).toBeGreaterThan(0);
    expect(postedBeforeRestart).toBeLessThan(keys.length);
    expect(log).toContain('whose dispatcher did not finish');
    expect(allSent, `not all sent ${sentWithin} ms after the restart:\n${log}`).toBe(true);
    expect(sentWithin).toBeLessThanOrEqual(60_000);
    expect(postsPerKey(current)).toEqual(new Map(keys.map((key) => [key, 1])));
    expect(rows.map((row) => [row.key, row.status]).sort()).toEqual(keys.map((key) => [key, 'sent']).sort());
  });
});
