/**
 * The App Home stays in step with people's data: after each kind of change the Homes of the people
 * it touches are published again, once each, without them opening the tab.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { HOME_ACCOUNTS_PAGE_ACTION } from '../../src/views/app-home';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { snoozeValue, TASK_ACTIONS } from '../../src/views/task-reminder';
import { createAccount, type E2eContext, useRunningApp } from '../support/e2e-context';
import type { RecordedCall } from '../support/fake-slack';
import { logModalValues } from '../support/log-modal-values';
import { accountWithReminder, isoDay } from '../support/reminder-fixture';
import { TEST_SIGNING_SECRET } from '../support/running-app';
import { blockActionsPayload, eventBody, postToApp, viewPayload, viewSubmissionPayload } from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const CAROL = 'U0CAROL001';
const ADMIN = 'U0ADMIN001';
const DAVE = 'U0DAVE0001';

const homeOf = (call: RecordedCall) => JSON.stringify(call.args.view);
const publishedFor = (context: E2eContext, user: string, text: string) =>
  context.fake.waitForCall('views.publish', (call) => call.args.user_id === user && homeOf(call).includes(text));

/** The person opens their Home tab, as Slack reports it; resolves once it is published. */
async function openHome(context: E2eContext, user: string): Promise<void> {
  await postToApp(context.app.url, {
    signingSecret: TEST_SIGNING_SECRET,
    body: eventBody({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1.0' }),
  });
  await context.fake.waitForCall('views.publish', (call) => call.args.user_id === user);
  context.fake.reset();
}

describe.each(testDatabases())('the App Home, kept fresh, end to end on $name', (engine) => {
  const context = useRunningApp(engine, { env: { CS_ADMINS: ADMIN } });
  let count = 0;
  const next = (label: string) => {
    count += 1;
    return { name: `${label} ${count}`, channelId: `C0HOME${String(count).padStart(4, '0')}` };
  };

  it('publishes the Home of everyone on the team who opened theirs once an activity is logged, with the new last touch', async () => {
    const { name, channelId } = next('Initech');
    const account = await createAccount(context, {
      name,
      channelId,
      team: [
        { role: 'CSM', slackUserId: ALICE },
        { role: 'CSA', slackUserId: BOB },
        { role: 'AE', slackUserId: DAVE },
      ],
    });
    await openHome(context, ALICE);
    await openHome(context, BOB);
    await context.app.interact(
      viewSubmissionPayload({
        userId: CAROL,
        view: viewPayload({
          callbackId: LOG_MODAL.callbackId,
          values: logModalValues({ account, type: 'call', date: isoDay(0), notes: 'Quick sync' }),
        }),
      }),
    );
    const touched = `*${name}* · PR3 · no renewal date · last touch`;
    await publishedFor(context, ALICE, touched);
    await publishedFor(context, BOB, touched);
    // Coalesced: one publish each for the burst of changes one log makes.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(context.fake.callsTo('views.publish').filter((call) => call.args.user_id === ALICE)).toHaveLength(1);
    expect(context.fake.callsTo('views.publish').filter((call) => call.args.user_id === CAROL)).toHaveLength(0);
    // Dave never opened his Home: it is published fresh when he does, not on every change.
    expect(context.fake.callsTo('views.publish').filter((call) => call.args.user_id === DAVE)).toHaveLength(0);
  });

  it('publishes the task holder’s Home after a snooze, without the snoozed task among this week’s', async () => {
    const { name, channelId } = next('Snoozed');
    const reminder = await accountWithReminder(context, {
      name,
      channelId,
      team: [{ role: 'CSM', slackUserId: ALICE }],
    });
    await openHome(context, ALICE);
    await context.app.interact(
      blockActionsPayload({
        userId: ALICE,
        actionId: TASK_ACTIONS.snooze,
        selectedOption: { text: '1 week', value: snoozeValue(reminder.taskId, '1w') },
        channelId: reminder.message.channel,
        messageTs: reminder.message.ts,
      }),
    );
    const home = await context.fake.waitForCall('views.publish', (call) => call.args.user_id === ALICE);
    expect(homeOf(home)).not.toContain(reminder.taskId);
    expect(homeOf(home)).toContain(`*${name}*`);
  });

  it('publishes the Homes of the old and the new CSM after an edit moves the account between them', async () => {
    const { name, channelId } = next('Moved');
    const account = await createAccount(context, { name, channelId, team: [{ role: 'CSM', slackUserId: ALICE }] });
    await openHome(context, ALICE);
    await openHome(context, BOB);
    await context.app.command(`account edit ${name}`, { userId: ALICE, channelId: 'C0ANYWHERE' });
    const opened = await context.fake.waitForCall('views.open');
    const view = opened.args.view as { callback_id: string; private_metadata: string };
    context.fake.reset();
    const values = {
      [ACCOUNT_MODAL.name.block]: { [ACCOUNT_MODAL.name.action]: { type: 'plain_text_input', value: name } },
      [ACCOUNT_MODAL.member('CSM').block]: {
        [ACCOUNT_MODAL.member('CSM').action]: { type: 'users_select', selected_user: BOB },
      },
    };
    const response = await context.app.interact(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({ callbackId: view.callback_id, privateMetadata: view.private_metadata, values }),
      }),
    );
    expect(response.status).toBe(200);
    await publishedFor(context, BOB, `*${name}*`);
    const aliceHome = await context.fake.waitForCall('views.publish', (call) => call.args.user_id === ALICE);
    expect(homeOf(aliceHome)).not.toContain(`*${name}*`);
    expect((await context.app.deps.accounts.findById(account.id))?.team).toEqual([{ role: 'CSM', slackUserId: BOB }]);
  });

  it('pages through two hundred accounts with More accounts, within the block limit', async () => {
    for (let i = 0; i < 200; i += 1) {
      await createAccount(context, {
        name: `Paged ${String(i).padStart(3, '0')}`,
        team: [{ role: 'CSM', slackUserId: CAROL }],
      });
    }
    await postToApp(context.app.url, {
      signingSecret: TEST_SIGNING_SECRET,
      body: eventBody({ type: 'app_home_opened', user: CAROL, channel: 'D0CAROL001', tab: 'home', event_ts: '1.0' }),
    });
    const first = await context.fake.waitForCall('views.publish', (call) => call.args.user_id === CAROL);
    expect((first.args.view as { blocks: unknown[] }).blocks.length).toBeLessThanOrEqual(100);
    expect(homeOf(first)).toContain('*My accounts* (200, 1–20 shown)');
    context.fake.reset();
    await context.app.interact(
      blockActionsPayload({ userId: CAROL, actionId: HOME_ACCOUNTS_PAGE_ACTION, value: '180' }),
    );
    const last = await context.fake.waitForCall('views.publish', (call) => call.args.user_id === CAROL);
    expect(homeOf(last)).toContain('*My accounts* (200, 181–200 shown)');
    expect(homeOf(last)).toContain('Paged 199');
    expect(homeOf(last)).not.toContain('More accounts');
    expect(homeOf(last)).toContain('Earlier accounts');
  });

  it('shows a CS admin the team view under their own work, and nobody else', async () => {
    const open = (user: string) =>
      postToApp(context.app.url, {
        signingSecret: TEST_SIGNING_SECRET,
        body: eventBody({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1.0' }),
      });
    await open(ADMIN);
    const admin = await context.fake.waitForCall('views.publish', (call) => call.args.user_id === ADMIN);
    expect(homeOf(admin)).toContain('Team view · ');
    expect((admin.args.view as { blocks: unknown[] }).blocks.length).toBeLessThanOrEqual(100);
    await open(BOB);
    const member = await context.fake.waitForCall('views.publish', (call) => call.args.user_id === BOB);
    expect(homeOf(member)).not.toContain('Team view · ');
  });
});
