import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli';
import { activities, tasks } from '../../src/db/schema';
import { createReminderSlackClient } from '../../src/reminders/dispatch';
import { ACTIVITY_MENU, DELETE_ACTIVITY_MODAL } from '../../src/views/activity-menu';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { TASK_ACTIONS } from '../../src/views/task-reminder';
import { createAccount, type E2eContext, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD, type RecordedCall } from '../support/fake-slack';
import { logModalValues } from '../support/log-modal-values';
import { blockActionsPayload, viewPayload, viewSubmissionPayload } from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const ADMIN = 'U0ADMIN001';
// Thursday 3 December 2026, 12:00 in London: the contract starts today, so its welcome task is open.
const NOW = new Date('2026-12-03T12:00:00Z');
const TODAY = '2026-12-03';

type View = { callback_id: string; private_metadata: string; blocks: unknown[] };
const textOf = (call: RecordedCall) => JSON.stringify([call.args.text, call.args.blocks]);

/** `npm run cs -- sweep` in-process: plans the clocks and sends their messages through the fake Slack. */
async function sweep(context: E2eContext) {
  const code = await runCli(['sweep', '--at', NOW.toISOString()], {
    openDatabase: async () => ({ ...context.database, close: async () => {} }),
    readFile: async () => '',
    stdout: () => {},
    stderr: () => {},
    now: () => NOW,
    timeZone: 'Europe/London',
    slack: () => createReminderSlackClient('xoxb-test-token', { slackApiUrl: context.fake.url }),
    admins: [ADMIN],
  });
  expect(code).toBe(0);
}

describe.each(testDatabases())('correcting the log, end to end on $name', (engine) => {
  const context = useRunningApp(engine, { timeZone: 'Europe/London', now: () => NOW, env: { CS_ADMINS: ADMIN } });

  /** An account whose CSM is Alice, with its clocks planned and their messages in its channel. */
  async function plannedAccount(name: string, channelId: string) {
    context.fake.addChannel({ id: channelId, name: name.toLowerCase() });
    const account = await createAccount(context, {
      name,
      channelId,
      contractStart: TODAY,
      team: [{ role: 'CSM', slackUserId: ALICE }],
    });
    await sweep(context);
    const [welcome] = await context.database.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.accountId, account.id), eq(tasks.ruleId, 'onboarding.welcome')));
    expect(welcome?.status).toBe('open');
    const message = context.fake
      .callsTo('chat.postMessage')
      .find((call) => call.args.channel === channelId && textOf(call).includes(welcome?.title ?? '?'));
    return { account, welcome: welcome!, welcomeTs: (message!.response as { ts: string }).ts };
  }

  /** Logs from the modal as `userId`; returns the stored row and the summary's ts in the channel. */
  async function logFromModal(
    account: { id: string; name: string },
    channelId: string,
    values: { type: string; notes: string; userId?: string },
  ) {
    const posted = context.fake.callsTo('chat.postMessage').length;
    await context.app.interact(
      viewSubmissionPayload({
        userId: values.userId ?? ALICE,
        view: viewPayload({
          callbackId: LOG_MODAL.callbackId,
          values: logModalValues({ account, type: values.type, date: TODAY, notes: values.notes }),
        }),
      }),
    );
    const summary = await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === channelId && textOf(call).includes(`<@${values.userId ?? ALICE}> logged`),
    );
    // The confirmation comes last, once the summary's place is stored and the clocks replanned.
    await context.fake.waitForCall(
      'chat.postMessage',
      (call) =>
        call.args.channel === (values.userId ?? ALICE) &&
        String(call.args.text).startsWith(':white_check_mark: Logged'),
    );
    expect(context.fake.callsTo('chat.postMessage').length).toBeGreaterThan(posted);
    const [row] = await context.database.db.select().from(activities).where(eq(activities.accountId, account.id));
    expect(JSON.stringify(summary.args.blocks)).toContain(ACTIVITY_MENU.action);
    return { row: row!, summaryTs: (summary.response as { ts: string }).ts };
  }

  /** Picks Edit or Delete on the summary's menu as `userId`. */
  const pickFromMenu = (userId: string, choice: 'edit' | 'delete', activityId: string, channelId: string, ts: string) =>
    context.app.interact(
      blockActionsPayload({
        userId,
        actionId: ACTIVITY_MENU.action,
        actionType: 'overflow',
        selectedOption: { text: choice === 'edit' ? 'Edit' : 'Delete', value: `${choice}|${activityId}` },
        channelId,
        messageTs: ts,
      }),
    );

  const openedView = async (callbackId: string) =>
    (await context.fake.waitForCall('views.open', (call) => (call.args.view as View).callback_id === callbackId)).args
      .view as View;

  const storedTask = async (id: string) => (await context.database.db.select().from(tasks).where(eq(tasks.id, id)))[0];

  it('deletes an activity from its summary’s menu once confirmed: the summary says who, the task it completed reopens, and a replay changes nothing', async () => {
    const channel = 'C0ACMEFIX1';
    const { account, welcome, welcomeTs } = await plannedAccount('Acme Fixes', channel);
    const { row, summaryTs } = await logFromModal(account, channel, {
      type: 'onboarding_milestone',
      notes: 'Welcome mail sent <!channel>',
    });
    expect(row).toMatchObject({ summaryChannel: channel, summaryTs });
    expect((await storedTask(welcome.id))?.status).toBe('done');

    await pickFromMenu(ALICE, 'delete', row.id, channel, summaryTs);
    const confirm = await openedView(DELETE_ACTIVITY_MODAL.callbackId);
    expect(JSON.stringify(confirm.blocks)).toContain('Onboarding milestone');
    const submission = viewSubmissionPayload({
      userId: ALICE,
      view: viewPayload({ callbackId: DELETE_ACTIVITY_MODAL.callbackId, privateMetadata: confirm.private_metadata }),
    });
    expect((await context.app.interact(submission)).status).toBe(200);

    const summaryUpdate = await context.fake.waitForCall('chat.update', (call) => call.args.ts === summaryTs);
    expect(textOf(summaryUpdate)).toContain(`deleted by <@${ALICE}>`);
    expect(textOf(summaryUpdate)).not.toContain('Welcome mail sent');
    // The welcome's message showed it done; it gets its buttons back.
    const welcomeUpdates = () => context.fake.callsTo('chat.update').filter((call) => call.args.ts === welcomeTs);
    await context.fake.waitForCall(
      'chat.update',
      (call) => call.args.ts === welcomeTs && JSON.stringify(call.args.blocks).includes(TASK_ACTIONS.snooze),
    );
    expect(textOf(welcomeUpdates()[0]!)).toContain('Done');
    const confirmation = await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === ALICE && String(call.args.text).startsWith(':wastebasket:'),
    );
    expect(String(confirmation.args.text)).toContain('1 task it had completed is open again');
    const [deleted] = await context.database.db.select().from(activities).where(eq(activities.id, row.id));
    expect(deleted).toMatchObject({ deletedBy: ALICE });
    expect(deleted?.deletedAt).toBeInstanceOf(Date);
    expect(await storedTask(welcome.id)).toMatchObject({ status: 'open', completedByActivityId: null });

    // The same signed submission again: nothing more is written or said.
    const updates = context.fake.callsTo('chat.update').length;
    const dms = context.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === ALICE).length;
    expect((await context.app.interact(submission)).status).toBe(200);
    await context.app.command(`account ${account.name}`, { userId: ALICE, channelId: 'C0ANY00001' });
    const shown = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    expect(context.fake.callsTo('chat.update')).toHaveLength(updates);
    expect(context.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === ALICE)).toHaveLength(dms);

    // A deleted activity is gone from the account's timeline.
    expect(JSON.stringify(shown.args.blocks)).toContain('No activities logged yet');
  });

  it('edits an activity from its summary’s menu: the modal comes filled in, the row and the summary change, and an edit that now matches completes the task', async () => {
    const channel = 'C0INITFIX1';
    const { account, welcome, welcomeTs } = await plannedAccount('Initech Fixes', channel);
    const { row, summaryTs } = await logFromModal(account, channel, { type: 'call', notes: 'Mistyped as a call' });
    expect((await storedTask(welcome.id))?.status).toBe('open');

    await pickFromMenu(ALICE, 'edit', row.id, channel, summaryTs);
    const modal = await openedView(LOG_MODAL.editCallbackId);
    expect(JSON.stringify(modal.blocks)).toContain('"initial_value":"Mistyped as a call"');
    expect(JSON.stringify(modal.blocks)).toContain('"value":"call"');
    expect(JSON.stringify(modal.blocks)).toContain('Initech Fixes');

    const submission = viewSubmissionPayload({
      userId: ALICE,
      view: viewPayload({
        callbackId: LOG_MODAL.editCallbackId,
        privateMetadata: modal.private_metadata,
        values: logModalValues({ type: 'onboarding_milestone', date: TODAY, notes: 'Welcome mail sent' }),
      }),
    });
    const response = await context.app.interact(submission);
    expect(response.status).toBe(200);

    const summaryUpdate = await context.fake.waitForCall('chat.update', (call) => call.args.ts === summaryTs);
    expect(textOf(summaryUpdate)).toContain('Onboarding milestone');
    expect(textOf(summaryUpdate)).toContain('Welcome mail sent');
    expect(textOf(summaryUpdate)).toContain(`Edited by <@${ALICE}>`);
    const doneMessage = await context.fake.waitForCall('chat.update', (call) => call.args.ts === welcomeTs);
    expect(textOf(doneMessage)).toContain('Done');
    const [edited] = await context.database.db.select().from(activities).where(eq(activities.id, row.id));
    expect(edited).toMatchObject({
      type: 'onboarding_milestone',
      notes: 'Welcome mail sent',
      editedBy: ALICE,
      loggedBy: ALICE,
    });
    expect(await storedTask(welcome.id)).toMatchObject({ status: 'done', completedByActivityId: row.id });

    // A replay of the same submission writes nothing and updates nothing.
    const updates = context.fake.callsTo('chat.update').length;
    await context.app.interact(submission);
    const [again] = await context.database.db.select().from(activities).where(eq(activities.id, row.id));
    expect(again?.editedAt?.getTime()).toBe(edited?.editedAt?.getTime());

    // Edited back to a call, it no longer matches: the welcome task reopens.
    await context.app.interact(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({
          callbackId: LOG_MODAL.editCallbackId,
          privateMetadata: modal.private_metadata,
          values: logModalValues({ type: 'call', date: TODAY, notes: 'It was a call after all' }),
        }),
      }),
    );
    await context.fake.waitForCall(
      'chat.update',
      (call) => call.args.ts === welcomeTs && JSON.stringify(call.args.blocks).includes(TASK_ACTIONS.snooze),
    );
    expect(context.fake.callsTo('chat.update').length).toBeGreaterThan(updates);
    expect((await storedTask(welcome.id))?.status).toBe('open');
  });

  it('shows the edit errors on the fields, as logging does, and writes nothing', async () => {
    const channel = 'C0GLOBFIX1';
    const { account } = await plannedAccount('Globex Fixes', channel);
    const { row, summaryTs } = await logFromModal(account, channel, { type: 'call', notes: 'Fine' });
    await pickFromMenu(ALICE, 'edit', row.id, channel, summaryTs);
    const modal = await openedView(LOG_MODAL.editCallbackId);
    const response = await context.app.interact(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({
          callbackId: LOG_MODAL.editCallbackId,
          privateMetadata: modal.private_metadata,
          values: logModalValues({ type: 'call', date: '2026-12-04', notes: 'From the future' }),
        }),
      }),
    );
    expect(response.json()).toMatchObject({
      response_action: 'errors',
      errors: { [LOG_MODAL.date.block]: expect.stringContaining('cannot be in the future') },
    });
    const [unchanged] = await context.database.db.select().from(activities).where(eq(activities.id, row.id));
    expect(unchanged).toMatchObject({ notes: 'Fine', editedAt: null });
  });

  it('refuses anyone but the author and the CS admins, naming who can, and lets an admin delete', async () => {
    const channel = 'C0HOOLFIX1';
    const { account, welcome } = await plannedAccount('Hooli Fixes', channel);
    const { row, summaryTs } = await logFromModal(account, channel, {
      type: 'onboarding_milestone',
      notes: 'Kickoff',
    });

    await pickFromMenu(BOB, 'delete', row.id, channel, summaryTs);
    const refusal = await context.fake.waitForCall('chat.postEphemeral', (call) => call.args.user === BOB);
    expect(String(refusal.args.text)).toContain(
      `Only the person who logged it (<@${ALICE}>) and the CS admins (<@${ADMIN}>) can edit or delete that activity`,
    );
    expect(context.fake.callsTo('views.open')).toHaveLength(0);

    // A delete modal forged from another's: refused from the verified user id, nothing written.
    await pickFromMenu(ADMIN, 'delete', row.id, channel, summaryTs);
    const confirm = await openedView(DELETE_ACTIVITY_MODAL.callbackId);
    await context.app.interact(
      viewSubmissionPayload({
        userId: BOB,
        view: viewPayload({ callbackId: DELETE_ACTIVITY_MODAL.callbackId, privateMetadata: confirm.private_metadata }),
      }),
    );
    const told = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === BOB);
    expect(String(told.args.text)).toContain('Only the person who logged it');
    const [kept] = await context.database.db.select().from(activities).where(eq(activities.id, row.id));
    expect(kept?.deletedAt).toBeNull();

    await context.app.interact(
      viewSubmissionPayload({
        userId: ADMIN,
        view: viewPayload({ callbackId: DELETE_ACTIVITY_MODAL.callbackId, privateMetadata: confirm.private_metadata }),
      }),
    );
    const summaryUpdate = await context.fake.waitForCall('chat.update', (call) => call.args.ts === summaryTs);
    expect(textOf(summaryUpdate)).toContain(`deleted by <@${ADMIN}>`);
    await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === ADMIN && String(call.args.text).startsWith(':wastebasket: Deleted'),
    );
    expect((await storedTask(welcome.id))?.status).toBe('open');
  });

  it('refuses corrections more than 14 days after the activity was logged', async () => {
    const channel = 'C0UMBRFIX1';
    const { account } = await plannedAccount('Umbrella Fixes', channel);
    const { row, summaryTs } = await logFromModal(account, channel, { type: 'call', notes: 'Old news' });
    await context.database.db
      .update(activities)
      .set({ createdAt: new Date('2026-11-18T11:59:00Z') })
      .where(eq(activities.id, row.id));

    await pickFromMenu(ALICE, 'edit', row.id, channel, summaryTs);
    const refusal = await context.fake.waitForCall('chat.postEphemeral', (call) => call.args.user === ALICE);
    expect(String(refusal.args.text)).toContain('more than 14 days ago');
    expect(context.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('offers the same menu on each activity line of /cs account', async () => {
    const account = await createAccount(context, { name: 'Soylent Fixes' });
    const logged = await context.app.deps.activities.insert({
      accountId: account.id,
      type: 'email',
      occurredOn: TODAY,
      loggedBy: ALICE,
      participants: [],
      notes: 'Sent the plan',
      renewalOutcome: null,
      acceleratorType: null,
      contentModule: null,
    });
    await context.app.command(`account ${account.name}`, { userId: ALICE, channelId: 'C0ANY00001' });
    const reply = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    const line = (reply.args.blocks as Array<{ text?: { text: string }; accessory?: unknown }>).find((block) =>
      block.text?.text.includes('Sent the plan'),
    );
    expect(line?.accessory).toMatchObject({
      type: 'overflow',
      action_id: ACTIVITY_MENU.action,
      options: [{ value: `edit|${logged.id}` }, { value: `delete|${logged.id}` }],
    });
  });
});
