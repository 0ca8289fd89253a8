import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli';
import type { DatabaseHandle } from '../../src/db/database';
import { accounts, tasks } from '../../src/db/schema';
import { createReminderSlackClient } from '../../src/reminders/dispatch';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { snoozeValue, TASK_ACTIONS } from '../../src/views/task-reminder';
import { accountFixture } from '../support/e2e-context';
import { type FakeSlack, type RecordedCall, startFakeSlack } from '../support/fake-slack';
import { logModalValues } from '../support/log-modal-values';
import { type RunningSocketApp, startRunningSocketApp, TEST_APP_TOKEN } from '../support/running-socket-app';
import { blockActionsPayload, viewPayload, viewSubmissionPayload } from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const ALICE = 'U0ALICE001';
const CSM = 'U0CSMSOCK1';
const CHANNEL = 'C0SOCKET01';
const CLOCK_CHANNEL = 'C0SOCKCLK1';
// 09:00 in Berlin on the contract start: the onboarding tasks open and their messages go out.
const CONTRACT_START = '2026-12-01';
const NOW = new Date('2026-12-01T08:00:00Z');

const textOf = (call: RecordedCall) => JSON.stringify([call.args.text, call.args.blocks]);

describe.each(testDatabases())('the app in Socket Mode, end to end on $name', (engine) => {
  let fake: FakeSlack;
  let database: DatabaseHandle;
  let app: RunningSocketApp;
  /** The start-up's apps.connections.open calls, kept before beforeEach clears the fake's calls. */
  let connectionOpens: RecordedCall[];

  beforeAll(async () => {
    fake = await startFakeSlack();
    database = await engine.create();
    app = await startRunningSocketApp({ fakeSlack: fake, database, timeZone: 'Europe/Berlin', now: () => NOW });
    connectionOpens = fake.callsTo('apps.connections.open');
  });
  afterAll(async () => {
    await app?.stop();
    await database?.close();
    await fake?.close();
  });
  beforeEach(() => {
    fake.reset();
  });

  const createAccount = (overrides: Parameters<typeof accountFixture>[0]) =>
    app.deps.accounts.create(accountFixture(overrides));
  const ackCount = (envelopeId: string) => app.socket.acks.filter((ack) => ack.envelope_id === envelopeId).length;

  it('answers GET /healthz with 200 on the HTTP port it serves beside the socket', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: engine.name });
  });

  it('opens its socket at start-up through apps.connections.open on SLACK_API_URL, with the app-level token', () => {
    expect(connectionOpens).toHaveLength(1);
    expect(connectionOpens[0]).toMatchObject({ token: TEST_APP_TOKEN, response: { ok: true } });
    expect(app.socket.connectionCount).toBe(1);
  });

  it('keeps the socket client’s own retry policy out of the options every listener’s Web API client is built from', () => {
    // The socket client writes { retries: 100 } into the options it is given; they must not be the app's.
    expect(app.bot.app.webClientOptions).toMatchObject({ slackApiUrl: fake.url });
    expect(app.bot.app.webClientOptions.retryConfig).toBeUndefined();
  });

  it('acks /cs log, opens the log modal, and on submission stores one activity and posts the summary in the account channel', async () => {
    const acme = await createAccount({ name: 'Acme Sockets', channelId: CHANNEL });
    const commandAck = await app.command('log', { userId: ALICE, channelId: CHANNEL });
    expect(commandAck.payload).toEqual({});
    expect(ackCount(commandAck.envelope_id)).toBe(1);

    const opened = await fake.waitForCall('views.open');
    const openedView = (opened.response as { view: { id: string; hash: string } }).view;
    expect(opened.args.view).toMatchObject({ callback_id: LOG_MODAL.callbackId });
    expect(JSON.stringify(opened.args.view)).toContain(acme.id);

    const submissionAck = await app.interact(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({
          viewId: openedView.id,
          hash: openedView.hash,
          callbackId: LOG_MODAL.callbackId,
          values: logModalValues({
            account: { id: acme.id, name: 'Acme Sockets' },
            type: 'cadence_call',
            date: '2026-11-30',
            participants: [ALICE],
            notes: 'Walked through the rollout over the socket',
          }),
        }),
      }),
    );
    // An empty ack closes the modal; field errors would be in this payload.
    expect(submissionAck.payload).toEqual({});
    expect(ackCount(submissionAck.envelope_id)).toBe(1);

    const stored = await app.deps.activities.listRecent(acme.id, 5);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      type: 'cadence_call',
      occurredOn: '2026-11-30',
      loggedBy: ALICE,
      notes: 'Walked through the rollout over the socket',
    });
    const summary = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === CHANNEL);
    expect(textOf(summary)).toContain('Cadence call');
    const confirmation = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === ALICE);
    expect(String(confirmation.args.text)).toContain('Logged *Cadence call* for *Acme Sockets*');
  });

  it('answers a log modal with field errors in the ack payload and writes nothing', async () => {
    const before = await app.deps.activities.listLoggedBy(ALICE, 100);
    const ack = await app.interact(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({ callbackId: LOG_MODAL.callbackId, values: logModalValues({ type: 'call' }) }),
      }),
    );
    expect(ack.payload).toMatchObject({
      response_action: 'errors',
      errors: { [LOG_MODAL.account.block]: expect.stringMatching(/choose an account/i) },
    });
    expect(await app.deps.activities.listLoggedBy(ALICE, 100)).toHaveLength(before.length);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('acks a Snooze chosen on a task reminder, snoozes the task and updates its message in place', async () => {
    fake.addUser({ id: CSM, tz: 'Europe/Berlin' });
    fake.addChannel({ id: CLOCK_CHANNEL, name: 'socket-clockworks' });
    const account = await createAccount({
      name: 'Socket Clockworks',
      channelId: CLOCK_CHANNEL,
      contractStart: CONTRACT_START,
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    // The clocks open no tasks for days before the account existed.
    await database.db
      .update(accounts)
      .set({ createdAt: new Date('2026-11-20T00:00:00Z') })
      .where(eq(accounts.id, account.id));

    // The sweep (`npm run cs -- sweep`, in-process) opens the tasks and posts one message per task.
    const out: string[] = [];
    const code = await runCli(['sweep', '--at', NOW.toISOString()], {
      openDatabase: async () => ({ ...database, close: async () => {} }),
      readFile: async () => '',
      stdout: (line) => out.push(line),
      stderr: (line) => out.push(line),
      now: () => NOW,
      timeZone: 'Europe/Berlin',
      slack: () => createReminderSlackClient('xoxb-test-token', { slackApiUrl: fake.url }),
      admins: [],
    });
    expect(code, out.join('\n')).toBe(0);
    const opened = await database.db.select().from(tasks).where(eq(tasks.accountId, account.id));
    const task = opened.find((candidate) => candidate.forUser === CSM);
    expect(task).toBeDefined();
    const reminder = fake
      .callsTo('chat.postMessage')
      .find((call) => call.args.channel === CLOCK_CHANNEL && textOf(call).includes(`task:${task!.id}`));
    expect(reminder).toBeDefined();
    const messageTs = (reminder!.response as { ts: string }).ts;

    const ack = await app.interact(
      blockActionsPayload({
        userId: CSM,
        actionId: TASK_ACTIONS.snooze,
        blockId: `task:${task!.id}`,
        selectedOption: { text: '3 days', value: snoozeValue(task!.id, '3d') },
        channelId: CLOCK_CHANNEL,
        messageTs,
      }),
    );
    expect(ack.payload).toEqual({});
    expect(ackCount(ack.envelope_id)).toBe(1);

    const update = await fake.waitForCall('chat.update', (call) => call.args.ts === messageTs);
    expect(update.args.channel).toBe(CLOCK_CHANNEL);
    expect(textOf(update)).toContain('Snoozed');
    expect(textOf(update)).toContain(`<@${CSM}>`);
    const [snoozed] = await database.db.select().from(tasks).where(eq(tasks.id, task!.id));
    expect(snoozed).toMatchObject({
      status: 'snoozed',
      resolvedBy: CSM,
      snoozedUntil: new Date(NOW.getTime() + 3 * 24 * 60 * 60 * 1000),
    });
  });

  it('acks an app_home_opened event envelope and publishes the App Home with the person’s accounts', async () => {
    const account = await createAccount({ name: 'Tyrell Sockets', team: [{ role: 'CSM', slackUserId: ALICE }] });
    await app.deps.activities.insert({
      accountId: account.id,
      type: 'ebr',
      occurredOn: '2026-11-02',
      loggedBy: ALICE,
      participants: [],
      notes: 'EBR over the socket',
      renewalOutcome: null,
      acceleratorType: null,
      contentModule: null,
    });
    const ack = await app.event({ type: 'app_home_opened', user: ALICE, channel: 'D0ALICE001', tab: 'home' });
    expect(ackCount(ack.envelope_id)).toBe(1);
    const published = await fake.waitForCall('views.publish', (call) => call.args.user_id === ALICE);
    expect(published.args.user_id).toBe(ALICE);
    expect(JSON.stringify(published.args.view)).toContain(
      '*Tyrell Sockets* · PR3 · no renewal date · last touch Mon 2 Nov 2026',
    );
  });

  it('reconnects through a fresh apps.connections.open when Slack asks it to, and goes on handling commands', async () => {
    app.socket.requestReconnect('refresh_requested');
    // The client waits clientPingTimeout (5 s) before it reconnects.
    await app.socket.waitForConnection({ count: 2, timeoutMs: 20_000 });
    const reopened = fake.callsTo('apps.connections.open');
    expect(reopened).toHaveLength(1);
    expect(reopened[0]).toMatchObject({ token: TEST_APP_TOKEN, response: { ok: true } });

    const ack = await app.command('log', { userId: ALICE, channelId: 'C0RANDOM01' });
    expect(ack.payload).toEqual({});
    await fake.waitForCall('views.open');
  }, 30_000);
});

describe('starting in Socket Mode on a taken port', () => {
  it('rejects start() with EADDRINUSE instead of crashing the process on an unhandled server error', async () => {
    const fake = await startFakeSlack();
    const database = await testDatabases()[0]!.create();
    const blocker = createServer();
    try {
      await new Promise<void>((resolve) => blocker.listen(0, resolve));
      const { port } = blocker.address() as AddressInfo;
      await expect(
        startRunningSocketApp({ fakeSlack: fake, database, env: { PORT: String(port) } }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      await database.close();
      await fake.close();
    }
  });
});
