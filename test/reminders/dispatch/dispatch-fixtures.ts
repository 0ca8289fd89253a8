/** Shared pieces for the dispatcher tests: real renderers, row inserts, and a fake Slack client. */

import { randomUUID } from 'node:crypto';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database, DatabaseHandle } from '../../../src/db/database';
import { accounts, notifications, slackUsers, tasks } from '../../../src/db/schema';
import { createDispatcher } from '../../../src/reminders/dispatch/dispatcher';
import { reminderKeysOf } from '../../../src/reminders/dispatch/reminder-metadata';
import { createReminderSlackClient } from '../../../src/reminders/dispatch/slack-client';
import type {
  Dispatcher,
  DispatcherOptions,
  NotificationRow,
  RenderMessage,
} from '../../../src/reminders/dispatch/types';
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from '../../support/fake-slack';
import type { TestDatabase } from '../../support/test-databases';

export const ADMINS = ['UADMIN1', 'UADMIN2'];

/** Fast pacing keeps tests quick while exercising the same lanes. */
export const FAST: Partial<DispatcherOptions> = { perChannelIntervalMs: 5 };

/** Says which rows a message is for, and whether it is late, so tests can read it back. */
export const textRenderer: RenderMessage = async (rows, { late }) => ({
  text: `${late ? '[late] ' : ''}reminder ${rows.map((row) => row.key).join(', ')}`,
});

/** Like textRenderer, but has nothing to say about the given keys (their task closed meanwhile). */
export function rendererClosing(closedKeys: string[]): RenderMessage {
  return async (rows, context) =>
    rows.some((row) => closedKeys.includes(row.key)) ? null : textRenderer(rows, context);
}

export function slackClientFor(fake: FakeSlack): webApi.WebClient {
  return createReminderSlackClient('xoxb-test', { slackApiUrl: fake.url, logLevel: webApi.LogLevel.ERROR });
}

export function dispatcherFor(
  db: Database,
  fake: FakeSlack,
  {
    instanceId = 'dispatcher-1',
    render = textRenderer,
    options = {},
  }: {
    instanceId?: string;
    render?: RenderMessage;
    options?: Partial<DispatcherOptions>;
  } = {},
): Dispatcher {
  return createDispatcher({
    db,
    slack: slackClientFor(fake),
    render,
    instanceId,
    admins: ADMINS,
    options: { ...FAST, ...options },
  });
}

/**
 * Empties what the dispatcher reads and writes. A fresh PGlite costs seconds to create and
 * migrate, so each test file shares one database and starts every test from empty tables.
 */
export async function clearTables(db: Database): Promise<void> {
  await db.delete(notifications);
  await db.delete(tasks);
  await db.delete(accounts);
  await db.delete(slackUsers);
}

export interface DispatchWorld {
  fake: FakeSlack;
  handle: DatabaseHandle;
}

/**
 * Registers the hooks every dispatcher test file on one engine needs: a fake Slack and a
 * database for the whole file, and a reset fake plus empty tables before each test. The
 * returned object's fields are filled in by beforeAll, so read them inside tests only.
 */
export function useDispatchWorld(engine: TestDatabase, fakeOptions: FakeSlackOptions = {}): DispatchWorld {
  const world = {} as DispatchWorld;
  beforeAll(async () => {
    world.fake = await startFakeSlack(fakeOptions);
    world.handle = await engine.create();
  });
  afterAll(async () => {
    await world.fake.close();
    await world.handle.close();
  });
  beforeEach(async () => {
    world.fake.reset();
    await clearTables(world.handle.db);
  });
  return world;
}

export async function insertAccount(db: Database, channelId: string | null): Promise<string> {
  const name = `Account ${randomUUID().slice(0, 8)}`;
  const [row] = await db.insert(accounts).values({ name, nameKey: name.toLowerCase(), channelId }).returning();
  if (!row) throw new Error('account insert returned nothing');
  return row.id;
}

export interface NotificationInput {
  key: string;
  dueAt: Date;
  accountId?: string | null;
  channelId?: string | null;
  recipientUser?: string | null;
  /** When the planner queued it; by default the moment it fell due, as a planner running every minute does. */
  createdAt?: Date;
}

export async function insertNotifications(db: Database, inputs: NotificationInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await db.insert(notifications).values(
    inputs.map((input) => ({
      key: input.key,
      kind: 'task_opened' as const,
      accountId: input.accountId ?? null,
      channelId: input.channelId ?? null,
      recipientUser: input.recipientUser ?? null,
      dueAt: input.dueAt,
      createdAt: input.createdAt ?? input.dueAt,
    })),
  );
}

export async function allNotifications(db: Database): Promise<NotificationRow[]> {
  return db.select().from(notifications);
}

export async function notificationByKey(db: Database, key: string): Promise<NotificationRow> {
  const row = (await allNotifications(db)).find((candidate) => candidate.key === key);
  if (!row) throw new Error(`no notification ${key}`);
  return row;
}

/** The posts Slack refused with HTTP 429. */
export function rateLimitedPosts(fake: FakeSlack): number {
  return fake.callsTo('chat.postMessage').filter((call) => call.httpStatus === 429).length;
}

/** Keys of every post Slack applied (answered or dropped), one entry per key per post. */
export function postedKeys(fake: FakeSlack): string[] {
  return fake
    .callsTo('chat.postMessage')
    .filter((call) => (call.response as { ok?: boolean }).ok === true)
    .flatMap((call) => reminderKeysOf(call.args));
}

/** How many applied posts carried each key. */
export function postsPerKey(fake: FakeSlack): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of postedKeys(fake)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 60 * 60_000;
export const at = (base: Date, offsetMs: number) => new Date(base.getTime() + offsetMs);
