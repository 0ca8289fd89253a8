import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import { accounts, activities, notifications, tasks } from '../../src/db/schema';
import type { Account } from '../../src/domain/account';
import { dayIn } from '../../src/domain/calendar-day';
import { createClockRuntime } from '../../src/reminders/clock-runtime';
import { createReminderSlackClient } from '../../src/reminders/dispatch';
import { DATABASE_DOWN_MESSAGE } from '../../src/slack/failure-messages';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { snoozeValue, TASK_ACTIONS } from '../../src/views/task-reminder';
import { accountFixture } from '../support/e2e-context';
import { type FakeSlack, RESPONSE_URL_METHOD, type RecordedCall, startFakeSlack } from '../support/fake-slack';
import { logModalValues } from '../support/log-modal-values';
import { type RecordingLogger, recordingLogger } from '../support/recording-logger';
import { type RunningApp, startRunningApp } from '../support/running-app';
import { blockActionsPayload, viewPayload, viewSubmissionPayload } from '../support/slack-signer';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createPostgresDatabaseUrl } from '../support/test-databases';

const ADMIN_URL = process.env.TEST_DATABASE_URL;
const ALICE = 'U0ALICE001';
const DAY_MS = 24 * 60 * 60 * 1000;
const SLACK_MS = 3_000;
const isoDay = (offsetDays: number) => dayIn(new Date(Date.now() + offsetDays * DAY_MS), 'UTC');

/** The same URL, pointed at the proxy instead of the server. */
function throughProxy(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

// PGlite runs inside the process, with no network to cut: this needs a PostgreSQL server (CI sets
// TEST_DATABASE_URL).
describe.skipIf(!ADMIN_URL)('every request while the database is unreachable, end to end on postgres', () => {
  let fake: FakeSlack;
  let proxy: TcpProxy;
  /** The app's database, through the proxy. */
  let database: DatabaseHandle;
  /** The same database, straight to the server: what the test reads to see what was written. */
  let direct: DatabaseHandle;
  let drop: () => Promise<void>;
  let app: RunningApp;
  let logger: RecordingLogger;
  let acme: Account;
  let reminder: { taskId: string; message: { channel: string; ts: string } };

  beforeAll(async () => {
    const created = await createPostgresDatabaseUrl(ADMIN_URL ?? '');
    drop = created.drop;
    direct = await openDatabase({ kind: 'postgres', url: created.url, maxConnections: 2 });
    await migrate(direct.db);
    const server = new URL(created.url);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    database = await openDatabase({ kind: 'postgres', url: throughProxy(created.url, proxy.port) });
    fake = await startFakeSlack();
    logger = recordingLogger();
    app = await startRunningApp({ fakeSlack: fake, database, logger });
    acme = await app.deps.accounts.create(
      accountFixture({
        name: 'Acme Corp',
        channelId: 'C0ACME0001',
        contractStart: isoDay(-7),
        renewalDate: isoDay(200),
        team: [{ role: 'CSM', slackUserId: ALICE }],
      }),
    );
    // Its first reminders, posted by a real clock pass, give a task button to click.
    await createClockRuntime({
      db: direct.db,
      slack: createReminderSlackClient('xoxb-test-token', { slackApiUrl: fake.url }),
      timeZone: 'UTC',
      admins: [],
      dispatcherOptions: { perChannelIntervalMs: 1 },
    }).runPass(new Date());
    const [sent] = await direct.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.accountId, acme.id), eq(notifications.status, 'sent')));
    const taskId = sent?.taskIds[0];
    if (!sent?.sentTs || !sent.sentChannel || !taskId) throw new Error('No reminder was posted for Acme Corp');
    reminder = { taskId, message: { channel: sent.sentChannel, ts: sent.sentTs } };
  });

  afterAll(async () => {
    await app?.stop();
    await proxy?.restore();
    await database?.close().catch(() => {});
    await direct?.close();
    await proxy?.close();
    await fake?.close();
    await drop?.();
  });

  beforeEach(async () => {
    await proxy.restore();
    fake.reset();
  });

  const activityCount = async () => (await direct.db.select().from(activities)).length;
  const taskOf = async (taskId: string) => (await direct.db.select().from(tasks).where(eq(tasks.id, taskId)))[0];
  const renewalDateOf = async (accountId: string) =>
    (await direct.db.select().from(accounts).where(eq(accounts.id, accountId)))[0]?.renewalDate;

  /** Sends a command and waits for what it posts to its response_url, timing the answer. */
  async function commandAnswer(text: string): Promise<{ text: string; tookMs: number; call: RecordedCall }> {
    const sentAt = Date.now();
    const response = await app.command(text, { userId: ALICE, channelId: 'C0ACME0001' });
    expect(response.status).toBe(200);
    const call = await fake.waitForCall(RESPONSE_URL_METHOD, undefined, 5_000);
    return { text: String(call.args.text), tookMs: call.at - sentAt, call };
  }

  const submitLogModal = () =>
    app.interact(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({
          callbackId: LOG_MODAL.callbackId,
          values: logModalValues({
            account: { id: acme.id, name: acme.name },
            type: 'email',
            date: isoDay(0),
            notes: 'Sent the deck',
          }),
        }),
      }),
    );

  const snoozeClick = () =>
    app.interact(
      blockActionsPayload({
        userId: ALICE,
        actionId: TASK_ACTIONS.snooze,
        blockId: `task:${reminder.taskId}`,
        selectedOption: { text: '1 day', value: snoozeValue(reminder.taskId, '1d') },
        channelId: reminder.message.channel,
        messageTs: reminder.message.ts,
      }),
    );

  for (const silently of [false, true]) {
    const how = silently ? 'drops every packet' : 'refuses every connection';
    const cut = () => proxy.cut({ silently });

    it(`answers /cs log <one-liner> within 3 seconds while the network ${how}, writes nothing, and logs it once restored`, async () => {
      const before = await activityCount();
      await cut();
      const down = await commandAnswer('log Acme Corp email Sent the deck');
      expect(down.text).toBe(DATABASE_DOWN_MESSAGE);
      expect(down.call.args.response_type).toBe('ephemeral');
      expect(down.tookMs).toBeLessThan(SLACK_MS);
      await proxy.restore();
      expect(await activityCount()).toBe(before);

      fake.reset();
      const up = await commandAnswer('log Acme Corp email Sent the deck');
      expect(up.text).toContain('Logged *Email* for *Acme Corp*');
      expect(await activityCount()).toBe(before + 1);
    });

    it(`keeps the log modal open with the message in its ack within 3 seconds while the network ${how}, and saves it once restored`, async () => {
      const before = await activityCount();
      await cut();
      const sentAt = Date.now();
      const down = await submitLogModal();
      const tookMs = Date.now() - sentAt;
      expect(down.status).toBe(200);
      expect(down.json()).toEqual({
        response_action: 'errors',
        errors: { [LOG_MODAL.notes.block]: DATABASE_DOWN_MESSAGE },
      });
      expect(tookMs).toBeLessThan(SLACK_MS);
      await proxy.restore();
      expect(await activityCount()).toBe(before);

      const up = await submitLogModal();
      expect(up.text).toBe('');
      expect(await activityCount()).toBe(before + 1);
    });
  }

  it('answers a task button in its channel within 3 seconds, leaves the task as it was, and snoozes it once restored', async () => {
    await proxy.cut();
    const sentAt = Date.now();
    expect((await snoozeClick()).status).toBe(200);
    const told = await fake.waitForCall('chat.postEphemeral', (call) => call.args.user === ALICE);
    expect(told.args).toMatchObject({ channel: reminder.message.channel, text: DATABASE_DOWN_MESSAGE });
    expect(told.at - sentAt).toBeLessThan(SLACK_MS);
    await proxy.restore();
    expect(await taskOf(reminder.taskId)).toMatchObject({ status: 'open', snoozedUntil: null });
    expect(fake.callsTo('chat.update')).toHaveLength(0);

    fake.reset();
    await snoozeClick();
    await fake.waitForCall('chat.update', (call) => call.args.ts === reminder.message.ts);
    expect(await taskOf(reminder.taskId)).toMatchObject({ status: 'snoozed', resolvedBy: ALICE });
  });

  it('answers /cs tasks within 3 seconds, and lists the tasks once restored', async () => {
    await proxy.cut();
    const down = await commandAnswer('tasks Acme Corp');
    expect(down.text).toBe(DATABASE_DOWN_MESSAGE);
    expect(down.tookMs).toBeLessThan(SLACK_MS);
    await proxy.restore();
    fake.reset();
    expect((await commandAnswer('tasks Acme Corp')).text).toContain('*Acme Corp* has');
  });

  it('answers /cs renewed within 3 seconds, keeps the renewal date, and records the renewal once restored', async () => {
    const renewalDate = await renewalDateOf(acme.id);
    await proxy.cut();
    const down = await commandAnswer('renewed Acme Corp');
    expect(down.text).toBe(DATABASE_DOWN_MESSAGE);
    expect(down.tookMs).toBeLessThan(SLACK_MS);
    await proxy.restore();
    expect(await renewalDateOf(acme.id)).toBe(renewalDate);

    fake.reset();
    expect((await commandAnswer('renewed Acme Corp')).text).toContain('Recorded the renewal of *Acme Corp*');
    expect(await renewalDateOf(acme.id)).not.toBe(renewalDate);
  });

  it('logs each outage as a warning, never as a listener error that escaped', () => {
    expect(logger.warnings.some((line) => line.includes(DATABASE_DOWN_MESSAGE))).toBe(true);
    expect(logger.errors.filter((line) => line.includes('A Slack listener failed'))).toEqual([]);
  });
});
