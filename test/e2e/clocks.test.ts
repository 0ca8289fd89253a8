import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli';
import { accounts, tasks } from '../../src/db/schema';
import { createReminderSlackClient } from '../../src/reminders/dispatch';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { NOT_NEEDED_MODAL } from '../../src/views/not-needed-modal';
import { snoozeValue, TASK_ACTIONS } from '../../src/views/task-reminder';
import { createAccount, type E2eContext, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD, type RecordedCall } from '../support/fake-slack';
import { blockActionsPayload, viewPayload, viewSubmissionPayload } from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const BERLIN_CSM = 'U0CSMBERL1';
const NY_CSM = 'U0CSMNYC01';
const AE = 'U0AE000001';
const CHANNEL = 'C0ACMECLK1';

let clock = new Date('2026-11-30T12:00:00Z');

/** `npm run cs -- sweep …` in-process, on the running app's database and the fake Slack. */
async function sweep(context: E2eContext, args: string[]) {
  const out: string[] = [];
  const code = await runCli(['sweep', ...args], {
    openDatabase: async () => ({ ...context.database, close: async () => {} }),
    readFile: async () => '',
    stdout: (line) => out.push(line),
    stderr: (line) => out.push(line),
    now: () => clock,
    timeZone: 'Europe/Berlin',
    slack: () => createReminderSlackClient('xoxb-test-token', { slackApiUrl: context.fake.url }),
    admins: ['U0ADMIN001'],
  });
  return { code, out };
}

const postsTo = (context: E2eContext, channel: string) =>
  context.fake
    .callsTo('chat.postMessage')
    .filter((call) => call.args.channel === channel || call.args.channel === channel.replace(/^D/, ''));
const textOf = (call: RecordedCall) => JSON.stringify([call.args.text, call.args.blocks]);
/** The overdue digests among a DM's posts (an account with no channel also sends its task messages there). */
const digestsTo = (context: E2eContext, user: string) =>
  postsTo(context, `D${user}`).filter((call) => textOf(call).includes('overdue task'));

describe.each(testDatabases())('the customer clocks, end to end through the running app on $name', (engine) => {
  const context = useRunningApp(engine, { timeZone: 'Europe/Berlin', now: () => clock });

  it('opens tasks in the account channel, acts on buttons in place, DMs the overdue at 09:00 local and completes tasks by activity', async () => {
    clock = new Date('2026-11-30T12:00:00Z');
    context.fake.addUser({ id: BERLIN_CSM, tz: 'Europe/Berlin' });
    context.fake.addUser({ id: NY_CSM, tz: 'America/New_York' });
    context.fake.addChannel({ id: CHANNEL, name: 'acme-internal' });
    const acme = await createAccount(context, {
      name: 'Acme Clockworks',
      channelId: CHANNEL,
      contractStart: '2026-12-01',
      renewalDate: '2027-12-01',
      team: [
        { role: 'CSM', slackUserId: BERLIN_CSM },
        { role: 'AE', slackUserId: AE },
      ],
    });
    const globex = await createAccount(context, {
      name: 'Globex Clocks',
      contractStart: '2026-12-01',
      team: [{ role: 'CSM', slackUserId: NY_CSM }],
    });
    for (const id of [acme.id, globex.id]) {
      await context.database.db
        .update(accounts)
        .set({ createdAt: new Date('2026-11-20T00:00:00Z') })
        .where(eq(accounts.id, id));
    }

    // A dry run shows what would happen and writes nothing.
    const preview = await sweep(context, ['--at', '2026-12-01T08:00:00Z', '--dry-run', '--json']);
    expect(preview.code).toBe(0);
    const previewLines = preview.out.map(
      (line) => JSON.parse(line) as { account: string; rule: string; message: string | null },
    );
    expect(previewLines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ account: 'Acme Clockworks', rule: 'onboarding.welcome', message: 'task_opened' }),
      ]),
    );
    expect(await context.database.db.select().from(tasks)).toHaveLength(0);
    expect(context.fake.callsTo('chat.postMessage')).toHaveLength(0);

    // Contract start, 09:00 in Berlin: the tasks open and each gets one message in the channel.
    clock = new Date('2026-12-01T08:00:00Z');
    expect((await sweep(context, ['--at', clock.toISOString()])).code).toBe(0);
    const opened = postsTo(context, CHANNEL);
    const acmeTasks = await context.database.db.select().from(tasks).where(eq(tasks.accountId, acme.id));
    expect(opened).toHaveLength(acmeTasks.length);
    const welcome = opened.find((call) => textOf(call).includes('Welcome'));
    expect(welcome && textOf(welcome)).toContain(`<@${BERLIN_CSM}>`);
    expect(welcome?.args.metadata).toMatchObject({ event_type: 'cs_bot_reminder' });
    expect(JSON.stringify(welcome?.args.blocks)).toContain(TASK_ACTIONS.snooze);
    const aeCall = opened.find((call) => textOf(call).includes(`<@${AE}>`));
    expect(aeCall).toBeDefined();

    // The same instant again: nothing new.
    await sweep(context, ['--at', clock.toISOString()]);
    expect(postsTo(context, CHANNEL)).toHaveLength(opened.length);

    // Snooze the AE's task from its message: the message is updated in place.
    const aeTask = acmeTasks.find((task) => task.forUser === AE)!;
    const aeMessage = aeCall!.response as { ts: string };
    await context.app.interact(
      blockActionsPayload({
        userId: AE,
        actionId: TASK_ACTIONS.snooze,
        blockId: `task:${aeTask.id}`,
        selectedOption: { text: '3 days', value: snoozeValue(aeTask.id, '3d') },
        channelId: CHANNEL,
        messageTs: aeMessage.ts,
      }),
    );
    const snoozedUpdate = await context.fake.waitForCall('chat.update', (call) => call.args.ts === aeMessage.ts);
    expect(textOf(snoozedUpdate)).toContain('Snoozed');
    expect(textOf(snoozedUpdate)).toContain(`<@${AE}>`);

    // "Not needed" asks why in a modal; submitting closes the task and updates its message.
    const saTask = acmeTasks.find((task) => task.forRole === 'SA')!;
    const saCall = opened.find((call) => textOf(call).includes(saTask.title))!;
    const saTs = (saCall.response as { ts: string }).ts;
    await context.app.interact(
      blockActionsPayload({
        userId: BERLIN_CSM,
        actionId: TASK_ACTIONS.notNeeded,
        value: saTask.id,
        channelId: CHANNEL,
        messageTs: saTs,
      }),
    );
    const whyModal = await context.fake.waitForCall(
      'views.open',
      (call) => (call.args.view as { callback_id: string }).callback_id === NOT_NEEDED_MODAL.callbackId,
    );
    const emptyReason = await context.app.interact(
      viewSubmissionPayload({
        userId: BERLIN_CSM,
        view: viewPayload({
          callbackId: NOT_NEEDED_MODAL.callbackId,
          privateMetadata: (whyModal.args.view as { private_metadata: string }).private_metadata,
          values: {
            [NOT_NEEDED_MODAL.reason.block]: {
              [NOT_NEEDED_MODAL.reason.action]: { type: 'plain_text_input', value: '  ' },
            },
          },
        }),
      }),
    );
    expect((emptyReason.json() as { response_action: string }).response_action).toBe('errors');
    await context.app.interact(
      viewSubmissionPayload({
        userId: BERLIN_CSM,
        view: viewPayload({
          callbackId: NOT_NEEDED_MODAL.callbackId,
          privateMetadata: (whyModal.args.view as { private_metadata: string }).private_metadata,
          values: {
            [NOT_NEEDED_MODAL.reason.block]: {
              [NOT_NEEDED_MODAL.reason.action]: { type: 'plain_text_input', value: 'No SA on this deal <!channel>' },
            },
          },
        }),
      }),
    );
    const notNeededUpdate = await context.fake.waitForCall('chat.update', (call) => call.args.ts === saTs);
    expect(textOf(notNeededUpdate)).toContain(`Not needed by <@${BERLIN_CSM}>: No SA on this deal &lt;!channel&gt;`);
    const [closedSaTask] = await context.database.db.select().from(tasks).where(eq(tasks.id, saTask.id));
    expect(closedSaTask).toMatchObject({
      status: 'not_needed',
      resolvedBy: BERLIN_CSM,
      resolvedReason: 'No SA on this deal <!channel>',
    });

    // "Log it" opens the log modal with the account and the completing activity type filled in.
    const welcomeTask = acmeTasks.find((task) => task.ruleId === 'onboarding.welcome')!;
    await context.app.interact(
      blockActionsPayload({
        userId: BERLIN_CSM,
        actionId: TASK_ACTIONS.log,
        value: welcomeTask.id,
        channelId: CHANNEL,
        messageTs: (welcome!.response as { ts: string }).ts,
      }),
    );
    const logModal = await context.fake.waitForCall(
      'views.open',
      (call) => (call.args.view as { callback_id: string }).callback_id === LOG_MODAL.callbackId,
    );
    expect(JSON.stringify(logModal.args.view)).toContain(acme.id);
    expect(JSON.stringify(logModal.args.view)).toContain('"value":"onboarding_milestone"');
    expect((logModal.args.view as { callback_id: string }).callback_id).toBe(LOG_MODAL.callbackId);

    // Wednesday 09:01 in Berlin: the welcome (due Tuesday) is overdue, so the Berlin CSM gets a DM;
    // it is 03:01 in New York, so the New York CSM does not, yet.
    clock = new Date('2026-12-02T08:01:00Z');
    await sweep(context, ['--at', clock.toISOString()]);
    const berlinDms = digestsTo(context, BERLIN_CSM);
    expect(berlinDms).toHaveLength(1);
    expect(textOf(berlinDms[0]!)).toContain('Welcome');
    expect(textOf(berlinDms[0]!)).toContain('overdue');
    expect(digestsTo(context, NY_CSM)).toHaveLength(0);

    clock = new Date('2026-12-02T14:01:00Z');
    await sweep(context, ['--at', clock.toISOString()]);
    expect(digestsTo(context, NY_CSM)).toHaveLength(1);
    expect(digestsTo(context, BERLIN_CSM)).toHaveLength(1);

    // Logging the milestone completes the welcome and its channel message says so.
    await context.app.command('log Acme Clockworks onboarding Welcome mail sent', {
      userId: BERLIN_CSM,
      channelId: CHANNEL,
    });
    const reply = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    expect(String(reply.args.text)).toContain('It completes 1 open task');
    const welcomeTs = (welcome!.response as { ts: string }).ts;
    const doneUpdate = await context.fake.waitForCall('chat.update', (call) => call.args.ts === welcomeTs);
    expect(textOf(doneUpdate)).toContain('Done');

    // Saturday: nobody gets a DM.
    const dmsBefore = digestsTo(context, NY_CSM).length + digestsTo(context, BERLIN_CSM).length;
    clock = new Date('2026-12-05T15:00:00Z');
    await sweep(context, ['--at', clock.toISOString()]);
    expect(digestsTo(context, NY_CSM).length + digestsTo(context, BERLIN_CSM).length).toBe(dmsBefore);

    // `/cs tasks` lists the caller's open tasks.
    await context.app.command('tasks', { userId: NY_CSM, channelId: 'C0ANY00001' });
    const tasksReply = await context.fake.waitForCall(RESPONSE_URL_METHOD, (call) =>
      String(call.args.text).startsWith('You have'),
    );
    expect(String(tasksReply.args.text)).toMatch(/You have \d+ open tasks?, \d+ overdue/);
  });
});
