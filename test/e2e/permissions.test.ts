import { describe, expect, it } from 'vitest';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { NOT_NEEDED_MODAL } from '../../src/views/not-needed-modal';
import { snoozeValue, TASK_ACTIONS } from '../../src/views/task-reminder';
import { createAccount, type E2eContext, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD, type RecordedCall } from '../support/fake-slack';
import { isoDay, type Reminder, accountWithReminder as reminderFixture, taskRow } from '../support/reminder-fixture';
import { blockActionsPayload, viewPayload, viewSubmissionPayload } from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const TEAM = 'U0TEAMCSM1';
const OUTSIDER = 'U0OUTSIDE1';
const ADMIN = 'U0ADMIN001';
const FORGED = 'U1>|<!channel';

interface Actor {
  who: string;
  userId: string;
  /** May snooze, mark not needed and record the renewal of an account whose team is TEAM. */
  mayChange: boolean;
  mayAdd: boolean;
}

const WITH_ADMINS: Actor[] = [
  { who: 'a member of the account team', userId: TEAM, mayChange: true, mayAdd: false },
  { who: 'someone outside the team', userId: OUTSIDER, mayChange: false, mayAdd: false },
  { who: 'a CS admin', userId: ADMIN, mayChange: true, mayAdd: true },
];
const WITHOUT_ADMINS: Actor[] = [
  { who: 'anyone, while CS_ADMINS is empty,', userId: OUTSIDER, mayChange: true, mayAdd: true },
];

const can = (allowed: boolean) => (allowed ? 'can' : 'cannot');
const textOf = (call: RecordedCall) => JSON.stringify([call.args.text, call.args.blocks]);
const callbackOf = (call: RecordedCall) => (call.args.view as { callback_id?: string }).callback_id;

let accountCount = 0;

/** A new account of TEAM's with its reminders posted in its channel (see reminder-fixture.ts). */
async function accountWithReminder(context: E2eContext, label: string): Promise<Reminder> {
  accountCount += 1;
  return reminderFixture(context, {
    name: `${label} ${accountCount}`,
    channelId: `C0PERM${String(accountCount).padStart(4, '0')}`,
    team: [{ role: 'CSM', slackUserId: TEAM }],
  });
}

const snoozeClick = (userId: string, taskId: string, message: Reminder['message']) =>
  blockActionsPayload({
    userId,
    actionId: TASK_ACTIONS.snooze,
    blockId: `task:${taskId}`,
    selectedOption: { text: '1 day', value: snoozeValue(taskId, '1d') },
    channelId: message.channel,
    messageTs: message.ts,
  });

const buttonClick = (actionId: string, userId: string, taskId: string, message: Reminder['message']) =>
  blockActionsPayload({ userId, actionId, value: taskId, channelId: message.channel, messageTs: message.ts });

const notNeededSubmission = (userId: string, taskId: string, message: Reminder['message'], reason = 'Skipped') =>
  viewSubmissionPayload({
    userId,
    view: viewPayload({
      callbackId: NOT_NEEDED_MODAL.callbackId,
      privateMetadata: JSON.stringify({ taskId, channel: message.channel, ts: message.ts }),
      values: {
        [NOT_NEEDED_MODAL.reason.block]: {
          [NOT_NEEDED_MODAL.reason.action]: { type: 'plain_text_input', value: reason },
        },
      },
    }),
  });

const accountAddSubmission = (userId: string, name: string) =>
  viewSubmissionPayload({
    userId,
    view: viewPayload({
      callbackId: ACCOUNT_MODAL.callbackId,
      values: {
        [ACCOUNT_MODAL.name.block]: { [ACCOUNT_MODAL.name.action]: { type: 'plain_text_input', value: name } },
      },
    }),
  });

/** The six guarded actions, each for each actor: allowed ones change the database, refused ones change nothing. */
function permissionMatrix(context: E2eContext, actors: Actor[], admins: string[]) {
  const adminList = admins.map((id) => `<@${id}>`).join(', ');
  const refusal = (name: string, action: string) =>
    `Only ${name}'s team (<@${TEAM}>) and the CS admins (${adminList}) can ${action}.`;
  const ephemeralTo = (userId: string) =>
    context.fake.waitForCall('chat.postEphemeral', (call) => call.args.user === userId);

  for (const actor of actors) {
    it(`${actor.who} ${can(actor.mayChange)} snooze a task from its reminder`, async () => {
      const { account, taskId, message } = await accountWithReminder(context, 'Snooze');
      await context.app.interact(snoozeClick(actor.userId, taskId, message));
      if (actor.mayChange) {
        const update = await context.fake.waitForCall('chat.update', (call) => call.args.ts === message.ts);
        expect(textOf(update)).toContain(`Snoozed by <@${actor.userId}>`);
        expect(await taskRow(context, taskId)).toMatchObject({ status: 'snoozed', resolvedBy: actor.userId });
        expect(context.fake.callsTo('chat.postEphemeral')).toHaveLength(0);
      } else {
        const told = await ephemeralTo(actor.userId);
        expect(told.args).toMatchObject({ channel: message.channel, text: refusal(account.name, 'snooze its tasks') });
        expect(await taskRow(context, taskId)).toMatchObject({ status: 'open', resolvedBy: null, snoozedUntil: null });
        expect(context.fake.callsTo('chat.update')).toHaveLength(0);
      }
    });

    it(`${actor.who} ${can(actor.mayChange)} open the Not needed form from a reminder`, async () => {
      const { account, taskId, message } = await accountWithReminder(context, 'Not needed click');
      await context.app.interact(buttonClick(TASK_ACTIONS.notNeeded, actor.userId, taskId, message));
      if (actor.mayChange) {
        const opened = await context.fake.waitForCall('views.open');
        expect(callbackOf(opened)).toBe(NOT_NEEDED_MODAL.callbackId);
        expect(context.fake.callsTo('chat.postEphemeral')).toHaveLength(0);
      } else {
        const told = await ephemeralTo(actor.userId);
        expect(told.args.text).toBe(refusal(account.name, 'mark its tasks not needed'));
        expect(context.fake.callsTo('views.open')).toHaveLength(0);
      }
      expect(await taskRow(context, taskId)).toMatchObject({ status: 'open' });
    });

    it(`${actor.who} ${can(actor.mayChange)} mark a task not needed by submitting the form`, async () => {
      const { account, taskId, message } = await accountWithReminder(context, 'Not needed');
      const response = await context.app.interact(notNeededSubmission(actor.userId, taskId, message));
      if (actor.mayChange) {
        expect(response.text).toBe('');
        await context.fake.waitForCall('chat.update', (call) => call.args.ts === message.ts);
        expect(await taskRow(context, taskId)).toMatchObject({ status: 'not_needed', resolvedBy: actor.userId });
      } else {
        const plain = refusal(account.name, 'mark its tasks not needed').replace(/<@(\w+)>/g, '$1');
        expect(response.json()).toEqual({
          response_action: 'errors',
          errors: { [NOT_NEEDED_MODAL.reason.block]: plain },
        });
        expect(await taskRow(context, taskId)).toMatchObject({ status: 'open', resolvedBy: null });
        expect(context.fake.callsTo('chat.update')).toHaveLength(0);
      }
    });

    it(`${actor.who} ${can(actor.mayChange)} record a renewal with /cs renewed`, async () => {
      const renewalDate = isoDay(30);
      const account = await createAccount(context, {
        name: `Renewal ${actor.userId} ${admins.length}`,
        renewalDate,
        team: [{ role: 'CSM', slackUserId: TEAM }],
      });
      await context.app.command(`renewed ${account.name}`, { userId: actor.userId, channelId: 'C0ANYWHERE' });
      const reply = String((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args.text);
      const stored = await context.app.deps.accounts.findById(account.id);
      if (actor.mayChange) {
        expect(reply).toContain(`Recorded the renewal of *${account.name}*`);
        expect(stored?.renewalDate).not.toBe(renewalDate);
      } else {
        expect(reply).toBe(refusal(account.name, 'record its renewal'));
        expect(stored?.renewalDate).toBe(renewalDate);
      }
    });

    it(`${actor.who} ${can(actor.mayAdd)} open the add-account form with /cs account add`, async () => {
      await context.app.command('account add', { userId: actor.userId, channelId: 'C0NEWACCT1' });
      if (actor.mayAdd) {
        expect(callbackOf(await context.fake.waitForCall('views.open'))).toBe(ACCOUNT_MODAL.callbackId);
      } else {
        const reply = await context.fake.waitForCall(RESPONSE_URL_METHOD);
        expect(reply.args).toMatchObject({
          response_type: 'ephemeral',
          text: `Only the CS admins (${adminList}) can add accounts.`,
        });
        expect(context.fake.callsTo('views.open')).toHaveLength(0);
      }
    });

    it(`${actor.who} ${can(actor.mayAdd)} add an account by submitting the form`, async () => {
      const name = `Added by ${actor.userId} ${admins.length}`;
      const response = await context.app.interact(accountAddSubmission(actor.userId, name));
      const { exact } = await context.app.deps.accounts.matchByName(name);
      if (actor.mayAdd) {
        expect(response.text).toBe('');
        expect(exact).toMatchObject({ name });
      } else {
        expect(response.json()).toEqual({
          response_action: 'errors',
          errors: { [ACCOUNT_MODAL.name.block]: `Only the CS admins (${admins.join(', ')}) can add accounts.` },
        });
        expect(exact).toBeNull();
        expect(context.fake.callsTo('chat.postMessage')).toHaveLength(0);
      }
    });
  }
}

describe.each(testDatabases())('who may change what, with CS_ADMINS set, end to end on $name', (engine) => {
  const context = useRunningApp(engine, { env: { CS_ADMINS: ADMIN } });

  permissionMatrix(context, WITH_ADMINS, [ADMIN]);

  it('refuses a button whose value names another account’s task on this account’s reminder, and changes nothing', async () => {
    const other = await accountWithReminder(context, 'Other');
    const here = await accountWithReminder(context, 'Here');
    context.fake.reset();
    const notHere = 'That button does not belong to this message.';

    await context.app.interact(snoozeClick(ADMIN, other.taskId, here.message));
    expect((await context.fake.waitForCall('chat.postEphemeral')).args.text).toBe(notHere);
    context.fake.reset();
    await context.app.interact(buttonClick(TASK_ACTIONS.notNeeded, ADMIN, other.taskId, here.message));
    expect((await context.fake.waitForCall('chat.postEphemeral')).args.text).toBe(notHere);
    context.fake.reset();
    await context.app.interact(buttonClick(TASK_ACTIONS.log, ADMIN, other.taskId, here.message));
    expect((await context.fake.waitForCall('chat.postEphemeral')).args.text).toBe(notHere);
    const submitted = await context.app.interact(notNeededSubmission(ADMIN, other.taskId, here.message));
    expect(submitted.json()).toEqual({
      response_action: 'errors',
      errors: { [NOT_NEEDED_MODAL.reason.block]: notHere },
    });

    expect(context.fake.callsTo('views.open')).toHaveLength(0);
    expect(context.fake.callsTo('chat.update')).toHaveLength(0);
    expect(await taskRow(context, other.taskId)).toMatchObject({ status: 'open', resolvedBy: null });

    // The same buttons on the task's own message work.
    await context.app.interact(buttonClick(TASK_ACTIONS.log, ADMIN, other.taskId, other.message));
    expect(callbackOf(await context.fake.waitForCall('views.open'))).toBe(LOG_MODAL.callbackId);
  });

  it('still refuses an outsider who clicks on the App Home, where there is no message to check', async () => {
    const { account, taskId } = await accountWithReminder(context, 'Home');
    context.fake.reset();
    await context.app.interact(
      blockActionsPayload({
        userId: OUTSIDER,
        actionId: TASK_ACTIONS.snooze,
        blockId: `task:${taskId}`,
        selectedOption: { text: '1 day', value: snoozeValue(taskId, '1d') },
        view: viewPayload({ callbackId: '', type: 'home' }),
      }),
    );
    const published = await context.fake.waitForCall(
      'views.publish',
      (call) => call.args.user_id === OUTSIDER && JSON.stringify(call.args.view).includes('Only '),
    );
    expect(published.args.user_id).toBe(OUTSIDER);
    expect(JSON.stringify(published.args.view)).toContain(`Only ${account.name}'s team (<@${TEAM}>)`);
    expect(await taskRow(context, taskId)).toMatchObject({ status: 'open' });
  });

  it('lists an account’s tasks without Snooze and Not needed for an outsider, saying who can act on them', async () => {
    const { account } = await accountWithReminder(context, 'Listed');
    context.fake.reset();
    await context.app.command(`tasks ${account.name}`, { userId: OUTSIDER, channelId: 'C0ANYWHERE' });
    const outsiderView = JSON.stringify((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args.blocks);
    expect(outsiderView).toContain(TASK_ACTIONS.log);
    expect(outsiderView).not.toContain(TASK_ACTIONS.snooze);
    expect(outsiderView).not.toContain(TASK_ACTIONS.notNeeded);
    expect(outsiderView).toContain(
      `Only ${account.name}'s team (<@${TEAM}>) and the CS admins (<@${ADMIN}>) can snooze its tasks or mark them not needed.`,
    );

    context.fake.reset();
    await context.app.command(`tasks ${account.name}`, { userId: TEAM, channelId: 'C0ANYWHERE' });
    const teamView = JSON.stringify((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args.blocks);
    expect(teamView).toContain(TASK_ACTIONS.snooze);
    expect(teamView).toContain(TASK_ACTIONS.notNeeded);
  });

  it('does not say that everyone is an admin in /cs help', async () => {
    await context.app.command('help', { userId: OUTSIDER, channelId: 'C0ANYWHERE' });
    expect(String((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args.text)).not.toContain('CS_ADMINS');
  });
});

describe.each(testDatabases())('who may change what, with CS_ADMINS empty, end to end on $name', (engine) => {
  const context = useRunningApp(engine);

  permissionMatrix(context, WITHOUT_ADMINS, []);

  it('says in /cs help that everyone can add accounts and change any account', async () => {
    await context.app.command('help', { userId: OUTSIDER, channelId: 'C0ANYWHERE' });
    const text = String((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args.text);
    expect(text).toContain('CS_ADMINS is not set, so everyone can add accounts and change any account; set it to');
  });

  it('never lets a forged user id such as U1>|<!channel reach Slack as a ping', async () => {
    const snoozed = await accountWithReminder(context, 'Forged snooze');
    const closed = await accountWithReminder(context, 'Forged close');
    context.fake.reset();

    await context.app.interact(snoozeClick(FORGED, snoozed.taskId, snoozed.message));
    const snoozeUpdate = await context.fake.waitForCall('chat.update', (call) => call.args.ts === snoozed.message.ts);
    expect(textOf(snoozeUpdate)).toContain('Snoozed by U1&gt;|&lt;!channel');
    await context.app.interact(buttonClick(TASK_ACTIONS.notNeeded, FORGED, closed.taskId, closed.message));
    await context.fake.waitForCall('views.open');
    await context.app.interact(notNeededSubmission(FORGED, closed.taskId, closed.message, 'Not for us'));
    await context.fake.waitForCall('chat.update', (call) => call.args.ts === closed.message.ts);
    await context.app.command(`tasks ${closed.account.name}`, { userId: FORGED, channelId: 'C0ANYWHERE' });
    await context.fake.waitForCall(RESPONSE_URL_METHOD);

    expect(await taskRow(context, closed.taskId)).toMatchObject({ status: 'not_needed', resolvedBy: FORGED });
    const posted = context.fake.calls.map((call) => JSON.stringify(call.args));
    expect(posted.length).toBeGreaterThan(0);
    for (const args of posted) {
      expect(args).not.toContain('<!channel>');
      expect(args).not.toContain('<@U1>');
    }
  });
});
