import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '../../../src/db/database';
import { migrate } from '../../../src/db/migrate';
import { openDatabase } from '../../../src/db/open-database';
import { notifications } from '../../../src/db/schema';
import { DEFAULT_DISPATCHER_OPTIONS } from '../../../src/reminders/dispatch/options';
import { reminderKeysOf, reminderMetadata, slackMetadata } from '../../../src/reminders/dispatch/reminder-metadata';
import type { DispatchReport } from '../../../src/reminders/dispatch/types';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack';
import { createPostgresDatabaseUrl } from '../../support/test-databases';
import {
  allNotifications,
  at,
  clearTables,
  dispatcherFor,
  hours,
  insertAccount,
  insertNotifications,
  minutes,
  type NotificationInput,
  postsPerKey,
  slackClientFor,
} from './dispatch-fixtures';

const CHANNELS = Array.from({ length: 25 }, (_, index) => `CSHARE${String(index).padStart(2, '0')}`);

async function seedOutbox(db: Database, now: Date, count: number): Promise<string[]> {
  const accountIds = new Map<string, string>();
  for (const channel of CHANNELS) accountIds.set(channel, await insertAccount(db, channel));
  const rows: NotificationInput[] = Array.from({ length: count }, (_, index) => {
    const channel = CHANNELS[index % CHANNELS.length] ?? 'CSHARE00';
    return {
      key: `n-${String(index).padStart(3, '0')}`,
      dueAt: at(now, -index),
      accountId: accountIds.get(channel),
      channelId: channel,
    };
  });
  await insertNotifications(db, rows);
  return rows.map((row) => row.key);
}

async function pendingCount(db: Database): Promise<number> {
  return (await allNotifications(db)).filter((row) => row.status !== 'sent').length;
}

/** Runs both dispatchers side by side, pass after pass, until nothing is left to send. */
async function runUntilDrained(db: Database, passes: Array<() => Promise<DispatchReport>>): Promise<DispatchReport[]> {
  const reports: DispatchReport[] = [];
  for (let round = 0; round < 10 && (await pendingCount(db)) > 0; round += 1) {
    reports.push(...(await Promise.all(passes.map((pass) => pass()))));
  }
  return reports;
}

function messagesInShared(fake: FakeSlack): number {
  return CHANNELS.reduce((total, channel) => total + fake.messagesIn(channel).length, 0);
}

describe.runIf(process.env.TEST_DATABASE_URL)('two dispatchers against one PostgreSQL', () => {
  let fake: FakeSlack;
  let shared: { url: string; drop(): Promise<void> };
  let first: DatabaseHandle;
  let second: DatabaseHandle;

  beforeAll(async () => {
    fake = await startFakeSlack();
    shared = await createPostgresDatabaseUrl(process.env.TEST_DATABASE_URL!);
    first = await openDatabase({ kind: 'postgres', url: shared.url });
    second = await openDatabase({ kind: 'postgres', url: shared.url });
    await migrate(first.db);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await shared.drop();
    await fake.close();
  });
  beforeEach(async () => {
    fake.reset();
    await clearTables(first.db);
  });

  it('sends each of 500 due notifications across 25 channels exactly once', async () => {
    const now = new Date();
    const keys = await seedOutbox(first.db, now, 500);
    // Each works at most ten channels at once, so the 25 are split between them.
    const one = dispatcherFor(first.db, fake, { instanceId: 'replica-a', options: { maxLanes: 10 } });
    const two = dispatcherFor(second.db, fake, { instanceId: 'replica-b', options: { maxLanes: 10 } });

    const reports = await runUntilDrained(first.db, [() => one.drain(now), () => two.drain(now)]);

    const posts = postsPerKey(fake);
    expect(posts.size).toBe(500);
    expect([...posts.keys()].sort()).toEqual(keys);
    expect([...posts.values()].every((count) => count === 1)).toBe(true);
    expect(messagesInShared(fake)).toBe(500);
    const rows = await allNotifications(first.db);
    expect(rows.every((row) => row.status === 'sent' && row.sentTs !== null)).toBe(true);
    expect(new Set(rows.map((row) => row.claimedBy))).toEqual(new Set(['replica-a', 'replica-b']));
    expect(reports.reduce((total, report) => total + report.sent, 0)).toBe(500);
  });

  it('lets both recover the same abandoned claims at once without either posting one twice', async () => {
    const now = new Date();
    const keys = await seedOutbox(first.db, now, 100);
    // A dispatcher died with all 100 claimed and targeted; every other one had reached Slack.
    await first.db
      .update(notifications)
      .set({ status: 'sending', claimedAt: now, claimedBy: 'dead', attempts: 1 })
      .where(eq(notifications.status, 'pending'));
    for (const row of await allNotifications(first.db)) {
      await first.db.update(notifications).set({ sentChannel: row.channelId }).where(eq(notifications.id, row.id));
    }
    const slack = slackClientFor(fake);
    for (const [index, key] of keys.entries()) {
      if (index % 2 === 1) continue;
      const channel = CHANNELS[index % CHANNELS.length] ?? 'CSHARE00';
      await slack.chat.postMessage({ channel, text: key, metadata: slackMetadata(reminderMetadata([key])) });
    }
    const later = at(now, DEFAULT_DISPATCHER_OPTIONS.leaseMs + 1000);
    const one = dispatcherFor(first.db, fake, { instanceId: 'replica-a' });
    const two = dispatcherFor(second.db, fake, { instanceId: 'replica-b' });

    const reports = await runUntilDrained(first.db, [() => one.drain(later), () => two.drain(later)]);

    expect(reports.reduce((total, report) => total + report.recovered, 0)).toBe(50);
    const posts = postsPerKey(fake);
    expect(posts.size).toBe(100);
    expect([...posts.values()].every((count) => count === 1)).toBe(true);
    expect(messagesInShared(fake)).toBe(100);
  });

  it("never splits a channel's late backlog between two dispatchers: each channel gets one combined message", async () => {
    const now = new Date();
    const channels = CHANNELS.slice(0, 10);
    const rows: NotificationInput[] = [];
    for (const channel of channels) {
      const accountId = await insertAccount(first.db, channel);
      // Queued before the bot went down, due while it was down: late, and more than five per channel.
      for (let index = 0; index < 8; index += 1) {
        rows.push({
          key: `${channel}-late-${index}`,
          dueAt: at(now, -hours(3) + minutes(index)),
          createdAt: at(now, -hours(4)),
          accountId,
          channelId: channel,
        });
      }
    }
    await insertNotifications(first.db, rows);
    // Slow posts and three lanes each: neither can work all ten channels before the other claims.
    fake.delay('chat.postMessage', 200);
    const one = dispatcherFor(first.db, fake, { instanceId: 'replica-a', options: { maxLanes: 3 } });
    const two = dispatcherFor(second.db, fake, { instanceId: 'replica-b', options: { maxLanes: 3 } });

    const reports = await Promise.all([one.drain(now), two.drain(now)]);

    for (const channel of channels) {
      const messages = fake.messagesIn(channel);
      expect(messages).toHaveLength(1);
      expect(reminderKeysOf(messages[0])).toHaveLength(8);
    }
    expect([...postsPerKey(fake).values()]).toEqual(Array(80).fill(1));
    expect(reports.reduce((total, report) => total + report.combinedMessages, 0)).toBe(10);
    const stored = await allNotifications(first.db);
    expect(stored.every((row) => row.status === 'sent' && row.late)).toBe(true);
    expect(new Set(stored.map((row) => row.claimedBy))).toEqual(new Set(['replica-a', 'replica-b']));
  });
});
