import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { snoozeValue, TASK_ACTIONS } from '../../src/views/task-reminder';
import { createAccount, useRunningApp } from '../support/e2e-context';
import { logModalValues } from '../support/log-modal-values';
import { TEST_SIGNING_SECRET } from '../support/running-app';
import {
  blockActionsPayload,
  eventBody,
  messageShortcutPayload,
  postToApp,
  shortcutPayload,
  viewPayload,
  viewSubmissionPayload,
} from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const ALICE = 'U0ALICE001';

function accountValues(input: {
  name: string;
  channel?: string;
  csm?: string;
  employees?: string;
  health?: string;
  renewalDate?: string;
  contractStart?: string;
}) {
  const member = ACCOUNT_MODAL.member('CSM');
  return {
    [ACCOUNT_MODAL.name.block]: { [ACCOUNT_MODAL.name.action]: { type: 'plain_text_input', value: input.name } },
    [ACCOUNT_MODAL.channel.block]: {
      [ACCOUNT_MODAL.channel.action]: { type: 'conversations_select', selected_conversation: input.channel ?? null },
    },
    [member.block]: { [member.action]: { type: 'users_select', selected_user: input.csm ?? null } },
    [ACCOUNT_MODAL.employees.block]: {
      [ACCOUNT_MODAL.employees.action]: { type: 'number_input', value: input.employees ?? null },
    },
    [ACCOUNT_MODAL.health.block]: {
      [ACCOUNT_MODAL.health.action]: {
        type: 'static_select',
        selected_option: {
          text: { type: 'plain_text', text: input.health ?? 'green' },
          value: input.health ?? 'green',
        },
      },
    },
    [ACCOUNT_MODAL.contractStart.block]: {
      [ACCOUNT_MODAL.contractStart.action]: { type: 'datepicker', selected_date: input.contractStart ?? null },
    },
    [ACCOUNT_MODAL.renewalDate.block]: {
      [ACCOUNT_MODAL.renewalDate.action]: { type: 'datepicker', selected_date: input.renewalDate ?? null },
    },
    [ACCOUNT_MODAL.flags.block]: { [ACCOUNT_MODAL.flags.action]: { type: 'checkboxes', selected_options: [] } },
  };
}

describe.each(testDatabases())('accounts, App Home and shortcuts, end to end on $name', (engine) => {
  const context = useRunningApp(engine);
  const submitAccount = (values: ReturnType<typeof accountValues>) =>
    context.app.interact(
      viewSubmissionPayload({ userId: ALICE, view: viewPayload({ callbackId: ACCOUNT_MODAL.callbackId, values }) }),
    );

  it('opens the add-account modal from /cs account add with the current channel filled in', async () => {
    await context.app.command('account add', { userId: ALICE, channelId: 'C0NEWACCT1' });
    const opened = await context.fake.waitForCall('views.open');
    expect(opened.args.view).toMatchObject({ callback_id: ACCOUNT_MODAL.callbackId });
    expect(JSON.stringify(opened.args.view)).toContain('"initial_conversation":"C0NEWACCT1"');
  });

  it('creates the account from the modal, deriving the sales segment and making a red account PR1', async () => {
    const response = await submitAccount(
      accountValues({
        name: '  Cyberdyne Systems ',
        channel: 'C0CYBER001',
        csm: 'U0CSM00001',
        employees: '6200',
        health: 'red',
      }),
    );
    expect(response.text).toBe('');
    const { exact } = await context.app.deps.accounts.matchByName('cyberdyne systems');
    expect(exact).toMatchObject({
      name: 'Cyberdyne Systems',
      channelId: 'C0CYBER001',
      salesSegment: 'Strategic',
      health: 'red',
      priority: 'PR1',
      team: [{ role: 'CSM', slackUserId: 'U0CSM00001' }],
    });
    const confirmation = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ALICE);
    expect(String(confirmation.args.text)).toContain('Added *Cyberdyne Systems*');
  });

  it('plans a new account at once: its first reminders are queued before any clock pass, due now rather than late', async () => {
    const before = new Date();
    await submitAccount(
      accountValues({ name: 'Hooli', channel: 'C0HOOLI001', csm: 'U0CSM00001', contractStart: '2026-11-24' }),
    );
    await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ALICE);
    const { exact } = await context.app.deps.accounts.matchByName('Hooli');
    const opened = await context.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.accountId, exact?.id ?? ''));
    expect(opened.length).toBeGreaterThan(0);
    // The contract started a week ago, but cs-bot learned of the account just now: nothing was late.
    for (const row of opened) expect(row.dueAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
  });

  it('refuses a name that is taken (in any case) and a renewal before the contract start, with field errors', async () => {
    await createAccount(context, { name: 'Soylent' });
    const response = await submitAccount(
      accountValues({ name: 'SOYLENT', contractStart: '2026-05-01', renewalDate: '2026-04-01' }),
    );
    const body = response.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[ACCOUNT_MODAL.renewalDate.block]).toMatch(/after the contract start/);
    const duplicate = await submitAccount(accountValues({ name: 'SOYLENT' }));
    expect((duplicate.json() as { errors: Record<string, string> }).errors[ACCOUNT_MODAL.name.block]).toMatch(
      /already exists/,
    );
    expect(
      (await context.app.deps.accounts.listActive()).filter((a) => a.name.toLowerCase() === 'soylent'),
    ).toHaveLength(1);
  });

  it('opens the log modal from the global shortcut', async () => {
    const response = await context.app.interact(
      shortcutPayload({ userId: ALICE, callbackId: 'log_activity_shortcut' }),
    );
    expect(response.status).toBe(200);
    const opened = await context.fake.waitForCall('views.open');
    expect(opened.args.view).toMatchObject({ callback_id: LOG_MODAL.callbackId });
  });

  it('logs a message from the message shortcut with readable names, linking the activity back to the message', async () => {
    const account = await createAccount(context, { name: 'Gringotts', channelId: 'C0GRINGOT1' });
    context.fake.addUser({ id: 'U0ANA00001', name: 'ana', realName: 'Ana Ortiz' });
    await context.app.interact(
      messageShortcutPayload({
        userId: ALICE,
        callbackId: 'log_activity_from_message',
        channelId: 'C0GRINGOT1',
        messageTs: '1764500000.000200',
        text: '<@U0ANA00001> shared <https://status.example.com|the status page> in <#C0GENERAL1|general>',
      }),
    );
    const opened = await context.fake.waitForCall('views.open');
    const view = opened.args.view as { private_metadata: string; blocks: unknown[] };
    const notes = 'ana shared the status page (https://status.example.com) in #general';
    expect(JSON.stringify(view.blocks)).toContain(`"initial_value":"@${notes}"`);

    context.fake.reset();
    await context.app.interact(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({
          callbackId: LOG_MODAL.callbackId,
          privateMetadata: view.private_metadata,
          values: logModalValues({
            account: { id: account.id, name: account.name },
            type: 'email',
            date: '2026-11-20',
            notes: `@${notes}`,
          }),
        }),
      }),
    );
    const [stored] = await context.app.deps.activities.listRecent(account.id, 1);
    expect(stored?.sourceMessageUrl).toBe('https://cs-team.slack.com/archives/C0GRINGOT1/p1764500000000200');
    const summary = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0GRINGOT1');
    expect(JSON.stringify(summary.args.blocks)).toContain(
      '<https://cs-team.slack.com/archives/C0GRINGOT1/p1764500000000200|a Slack message>',
    );
  });

  it('publishes the App Home tab with the person’s accounts and the day they were last touched', async () => {
    const account = await createAccount(context, { name: 'Tyrell', team: [{ role: 'CSM', slackUserId: ALICE }] });
    await context.app.deps.activities.insert({
      accountId: account.id,
      type: 'ebr',
      occurredOn: '2026-11-02',
      loggedBy: ALICE,
      participants: [],
      notes: 'EBR with the VP',
      renewalOutcome: null,
      acceleratorType: null,
      contentModule: null,
    });
    const response = await postToApp(context.app.url, {
      signingSecret: TEST_SIGNING_SECRET,
      body: eventBody({ type: 'app_home_opened', user: ALICE, channel: 'D0ALICE001', tab: 'home', event_ts: '1.0' }),
    });
    expect(response.status).toBe(200);
    const published = await context.fake.waitForCall(
      'views.publish',
      (call) => call.args.user_id === ALICE && JSON.stringify(call.args.view).includes('*Tyrell*'),
    );
    expect(JSON.stringify(published.args.view)).toContain(
      '*Tyrell* · PR3 · no renewal date · last touch Mon 2 Nov 2026',
    );
    expect(JSON.stringify(published.args.view)).toContain('Your open tasks');
  });

  it('answers a task button clicked on the Home by re-publishing the Home with a notice, not an ephemeral message', async () => {
    const account = await createAccount(context, {
      name: 'Wallace Corp',
      contractStart: '2026-11-20',
      team: [{ role: 'CSM', slackUserId: ALICE }],
    });
    await context.app.deps.reminders.accountChanged(account, context.app.deps.now());
    const [task] = await context.app.deps.tasks.listActive({ forUser: ALICE }, context.app.deps.now());
    expect(task).toBeDefined();
    const home = viewPayload({ callbackId: '', type: 'home' });

    await context.app.interact(
      blockActionsPayload({
        userId: ALICE,
        actionId: TASK_ACTIONS.snooze,
        blockId: `task:${task!.id}`,
        selectedOption: { text: '1 day', value: snoozeValue(task!.id, '1d') },
        view: home,
      }),
    );
    // The Home answers with a notice (a refresh from the replan above may come before or after it).
    const snoozed = await context.fake.waitForCall(
      'views.publish',
      (call) => call.args.user_id === ALICE && JSON.stringify(call.args.view).includes('Snoozed until'),
    );
    expect(snoozed.args.user_id).toBe(ALICE);

    context.fake.reset();
    await context.app.interact(
      blockActionsPayload({ userId: ALICE, actionId: TASK_ACTIONS.log, value: randomUUID(), view: home }),
    );
    const gone = await context.fake.waitForCall('views.publish', (call) =>
      JSON.stringify(call.args.view).includes('That task no longer exists.'),
    );
    expect(gone.args.user_id).toBe(ALICE);
    expect(context.fake.callsTo('chat.postEphemeral')).toHaveLength(0);
  });
});

describe.each(testDatabases())('GET /healthz on $name', (engine) => {
  const context = useRunningApp(engine);

  it('answers 200 while the database answers and 503 once it does not', async () => {
    const healthy = await fetch(`${context.app.url}/healthz`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({ status: 'ok', database: engine.name });
    await context.database.close();
    const unhealthy = await fetch(`${context.app.url}/healthz`);
    expect(unhealthy.status).toBe(503);
    expect(await unhealthy.json()).toMatchObject({ status: 'unavailable' });
  });
});
