import { describe, expect, it } from 'vitest';
import { addCalendar } from '../../src/clocks/calendar';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { NOT_NEEDED_MODAL } from '../../src/views/not-needed-modal';
import { snoozeValue, TASK_ACTIONS } from '../../src/views/task-reminder';
import { createAccount, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD, type RecordedCall } from '../support/fake-slack';
import { accountWithReminder, isoDay, type Reminder, taskRow } from '../support/reminder-fixture';
import { TEST_SIGNING_SECRET } from '../support/running-app';
import {
  blockActionsPayload,
  interactionBody,
  nowSeconds,
  postToApp,
  slashCommandBody,
  viewPayload,
  viewSubmissionPayload,
} from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const ALICE = 'U0ALICE001';
const REPLAYS = 3;

const notNeededSubmission = (taskId: string, message: Reminder['message'], reason: string) =>
  interactionBody(
    viewSubmissionPayload({
      userId: ALICE,
      view: viewPayload({
        callbackId: NOT_NEEDED_MODAL.callbackId,
        privateMetadata: JSON.stringify({ taskId, channel: message.channel, ts: message.ts }),
        values: {
          [NOT_NEEDED_MODAL.reason.block]: {
            [NOT_NEEDED_MODAL.reason.action]: { type: 'plain_text_input', value: reason },
          },
        },
      }),
    }),
  );

describe.each(testDatabases())('writing requests, each written once and only when valid, on $name', (engine) => {
  const context = useRunningApp(engine);
  /** Until whatever the replays set off (listeners, queued replies) has finished: a wrong effect would be in the fake by then. */
  const quiet = async () => expect(await context.app.bot.idle(5_000)).toBe(true);
  let accountCount = 0;

  const newReminder = (label: string) => {
    accountCount += 1;
    return accountWithReminder(context, {
      name: `${label} ${accountCount}`,
      channelId: `C0ONCE${String(accountCount).padStart(4, '0')}`,
      team: [{ role: 'CSM', slackUserId: ALICE }],
    });
  };

  /** The same signed bytes, with the same timestamp, sent again at once: what a replaying attacker or proxy sends. */
  const replay = (body: string, timestamp: number) =>
    Promise.all(
      Array.from({ length: REPLAYS }, () =>
        postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body, timestamp }),
      ),
    );

  const updatesOf = (message: Reminder['message']) =>
    context.fake.callsTo('chat.update').filter((call) => call.args.ts === message.ts);
  const dmsTo = (userId: string) =>
    context.fake.callsTo('chat.postMessage').filter((call: RecordedCall) => call.args.channel === userId);

  it('rolls the renewal date forward one year, and answers once, when the same /cs renewed is replayed', async () => {
    const renewalDate = isoDay(30);
    const account = await createAccount(context, {
      name: `Renewed ${Math.random()}`,
      renewalDate,
      team: [{ role: 'CSM', slackUserId: ALICE }],
    });
    const body = slashCommandBody({
      text: `renewed ${account.name}`,
      userId: ALICE,
      channelId: 'C0ANYWHERE',
      responseUrl: context.fake.newResponseUrl(),
    });
    const timestamp = nowSeconds();
    expect((await postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body, timestamp })).status).toBe(
      200,
    );
    const reply = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    const nextYear = addCalendar(renewalDate, { years: 1 });
    expect(String(reply.args.text)).toContain(`Recorded the renewal of *${account.name}*`);

    const replays = await replay(body, timestamp);
    expect(replays.map((response) => response.status)).toEqual(Array(REPLAYS).fill(200));
    await quiet();
    expect((await context.app.deps.accounts.findById(account.id))?.renewalDate).toBe(nextYear);
    expect(context.fake.callsTo(RESPONSE_URL_METHOD)).toHaveLength(1);
  });

  it('creates the account once, and answers the replays with an empty ack rather than "name taken"', async () => {
    const name = `Added once ${Math.random()}`;
    const body = interactionBody(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({
          callbackId: ACCOUNT_MODAL.callbackId,
          values: {
            [ACCOUNT_MODAL.name.block]: { [ACCOUNT_MODAL.name.action]: { type: 'plain_text_input', value: name } },
          },
        }),
      }),
    );
    const timestamp = nowSeconds();
    const first = await postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body, timestamp });
    expect(first.text).toBe('');
    const confirmation = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ALICE);
    expect(String(confirmation.args.text)).toContain(`Added *${name}*`);

    const replays = await replay(body, timestamp);
    expect(replays.map((response) => [response.status, response.text])).toEqual(Array(REPLAYS).fill([200, '']));
    await quiet();
    expect(await context.app.deps.accounts.findExistingNames([name])).toEqual([name]);
    expect(dmsTo(ALICE)).toHaveLength(1);
  });

  it('closes the task once and tells nobody anything more when the same Not needed submission is replayed', async () => {
    const { taskId, message } = await newReminder('Not needed once');
    context.fake.reset();
    const body = notNeededSubmission(taskId, message, 'Handled on the call');
    const timestamp = nowSeconds();
    const first = await postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body, timestamp });
    expect(first.text).toBe('');
    await context.fake.waitForCall('chat.update', (call) => call.args.ts === message.ts);
    const closed = await taskRow(context, taskId);
    expect(closed).toMatchObject({ status: 'not_needed', resolvedBy: ALICE, resolvedReason: 'Handled on the call' });

    const replays = await replay(body, timestamp);
    expect(replays.map((response) => [response.status, response.text])).toEqual(Array(REPLAYS).fill([200, '']));
    await quiet();
    expect(await taskRow(context, taskId)).toEqual(closed);
    expect(updatesOf(message)).toHaveLength(1);
    expect(dmsTo(ALICE)).toHaveLength(0);

    // A new submission (another modal) is not a replay: it is told the task had already closed.
    await context.app.interact(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({
          callbackId: NOT_NEEDED_MODAL.callbackId,
          privateMetadata: JSON.stringify({ taskId, channel: message.channel, ts: message.ts }),
          values: {
            [NOT_NEEDED_MODAL.reason.block]: {
              [NOT_NEEDED_MODAL.reason.action]: { type: 'plain_text_input', value: 'Again' },
            },
          },
        }),
      }),
    );
    const told = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ALICE);
    expect(String(told.args.text)).toContain('was already closed, so nothing changed.');
    expect(await taskRow(context, taskId)).toEqual(closed);
  });

  it('snoozes the task once, keeping its first snooze time, when the same snooze choice is replayed', async () => {
    const { taskId, message } = await newReminder('Snoozed once');
    context.fake.reset();
    const body = interactionBody(
      blockActionsPayload({
        userId: ALICE,
        actionId: TASK_ACTIONS.snooze,
        blockId: `task:${taskId}`,
        selectedOption: { text: '1 day', value: snoozeValue(taskId, '1d') },
        channelId: message.channel,
        messageTs: message.ts,
      }),
    );
    const timestamp = nowSeconds();
    await postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body, timestamp });
    await context.fake.waitForCall('chat.update', (call) => call.args.ts === message.ts);
    const snoozed = await taskRow(context, taskId);
    expect(snoozed).toMatchObject({ status: 'snoozed', resolvedBy: ALICE });

    const replays = await replay(body, timestamp);
    expect(replays.map((response) => response.status)).toEqual(Array(REPLAYS).fill(200));
    await quiet();
    expect(await taskRow(context, taskId)).toEqual(snoozed);
    expect(updatesOf(message)).toHaveLength(1);
    expect(context.fake.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('refuses a Not needed reason with a NUL in it as a field error and leaves the task open', async () => {
    const { taskId, message } = await newReminder('Control reason');
    context.fake.reset();
    const response = await postToApp(context.app.url, {
      signingSecret: TEST_SIGNING_SECRET,
      body: notNeededSubmission(taskId, message, 'No SA\u0000 on this deal'),
    });
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [NOT_NEEDED_MODAL.reason.block]: 'The reason contains a control character (such as NUL); remove it.' },
    });
    await quiet();
    expect(await taskRow(context, taskId)).toMatchObject({ status: 'open', resolvedBy: null, resolvedReason: null });
    expect(updatesOf(message)).toHaveLength(0);
    expect(dmsTo(ALICE)).toHaveLength(0);
  });
});
