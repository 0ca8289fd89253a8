/**
 * Accelerators end to end: `/cs accelerator start`, its limits, the phase tasks on hand-computed
 * dates and CSA engagements attaching to the running accelerator. The contract year starts on
 * 31 January 2027, so its quarters start 31 Jan, 30 Apr, 31 Jul and 31 Oct. The team is in
 * Europe/Berlin: a task due on a day is due at that day's local midnight.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli';
import { accelerators, accountChanges, accounts, activities, tasks } from '../../src/db/schema';
import type { Account } from '../../src/domain/account';
import { createReminderSlackClient } from '../../src/reminders/dispatch';
import type { KnownBlock } from '../../src/slack/block-kit';
import { ACCELERATOR_CANCELLED } from '../../src/use-cases/cancel-accelerator';
import { ACCELERATOR_MODAL } from '../../src/views/accelerator-modal';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { TASK_ACTIONS } from '../../src/views/task-reminder';
import { createAccount, type E2eContext, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD, type RecordedCall } from '../support/fake-slack';
import { logModalValues } from '../support/log-modal-values';
import { blockActionsPayload, viewPayload, viewSubmissionPayload } from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const ADMIN = 'U0ADMIN001';
const CSM = 'U0CSM00001';
const CSA = 'U0CSA00001';
const OTHER_CSA = 'U0CSA00002';
const OUTSIDER = 'U0OUTSIDE1';
const ZONE = 'Europe/Berlin';

let clock = new Date('2027-03-01T09:00:00Z');

type ModalView = { callback_id: string; blocks: KnownBlock[] };
const viewOf = (call: RecordedCall) => call.args.view as ModalView;
const textOf = (call: RecordedCall) => JSON.stringify([call.args.text, call.args.blocks]);

const selected = (value: string) => ({
  type: 'static_select',
  selected_option: { text: { type: 'plain_text', text: value }, value },
});

function startValues(input: {
  account: { id: string; name: string };
  type: string;
  startsOn: string;
  module?: string;
  custom?: string;
  csa?: string;
}) {
  const m = ACCELERATOR_MODAL;
  return {
    [m.account.block]: {
      [m.account.action]: {
        type: 'external_select',
        selected_option: { text: { type: 'plain_text', text: input.account.name }, value: input.account.id },
      },
    },
    [m.type.block]: { [m.type.action]: selected(input.type) },
    [m.contentModule.block]: {
      [m.contentModule.action]: input.module
        ? selected(input.module)
        : { type: 'static_select', selected_option: null },
    },
    [m.contentModuleCustom.block]: {
      [m.contentModuleCustom.action]: { type: 'plain_text_input', value: input.custom ?? null },
    },
    [m.startsOn.block]: { [m.startsOn.action]: { type: 'datepicker', selected_date: input.startsOn } },
    [m.csa.block]: { [m.csa.action]: { type: 'users_select', selected_user: input.csa ?? null } },
  };
}

/** Submits the start modal as `userId`; the app's answer (empty, or field errors). */
function submitStart(context: E2eContext, userId: string, input: Parameters<typeof startValues>[0]) {
  return context.app.interact(
    viewSubmissionPayload({
      userId,
      view: viewPayload({ callbackId: ACCELERATOR_MODAL.callbackId, values: startValues(input) }),
    }),
  );
}

/** `npm run cs -- sweep` in-process at the test clock: plans and sends what is due. */
async function sweep(context: E2eContext) {
  const code = await runCli(['sweep', '--json'], {
    openDatabase: async () => ({ ...context.database, close: async () => {} }),
    readFile: async () => '',
    stdout: () => {},
    stderr: () => {},
    now: () => clock,
    timeZone: ZONE,
    slack: () => createReminderSlackClient('xoxb-test-token', { slackApiUrl: context.fake.url }),
    admins: [ADMIN],
  });
  expect(code).toBe(0);
}

async function tasksOf(context: E2eContext, accountId: string, ruleId: string) {
  return context.database.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.accountId, accountId), eq(tasks.ruleId, ruleId)))
    .orderBy(tasks.periodKey);
}

/** The CSA starts one (the start modal) and is confirmed; the stored accelerator. */
async function startedAccelerator(
  context: E2eContext,
  account: Account,
  input: { type: string; startsOn: string },
): Promise<typeof accelerators.$inferSelect> {
  expect((await submitStart(context, CSA, { account, ...input })).text).toBe('');
  await context.fake.waitForCall(
    'chat.postMessage',
    (call) => call.args.channel === CSA && String(call.args.text).includes(`accelerator for *${account.name}*`),
  );
  const [started] = await context.database.db
    .select()
    .from(accelerators)
    .where(and(eq(accelerators.accountId, account.id), eq(accelerators.startsOn, input.startsOn)));
  if (!started) throw new Error('the accelerator was not stored');
  return started;
}

describe.each(testDatabases())('accelerators from Slack, end to end on $name', (engine) => {
  const context = useRunningApp(engine, { timeZone: ZONE, now: () => clock, env: { CS_ADMINS: ADMIN } });
  let count = 0;

  async function fusion(overrides: Partial<Account> = {}): Promise<Account> {
    count += 1;
    const channelId = `C0FUSION${String(count).padStart(3, '0')}`;
    context.fake.addChannel({ id: channelId, name: `fusion-${count}` });
    const account = await createAccount(context, {
      name: `Fusion Labs ${count}`,
      channelId,
      csmSegment: 'Growth',
      contractStart: '2027-01-31',
      renewalDate: '2028-01-31',
      successServices: true,
      csaAseIdentifiedOn: '2027-01-31',
      team: [
        { role: 'CSM', slackUserId: CSM },
        { role: 'CSA', slackUserId: CSA },
      ],
      ...overrides,
    });
    // Known since before its contract started, so its clocks are work, not history.
    await context.database.db
      .update(accounts)
      .set({ createdAt: new Date('2027-01-20T00:00:00Z') })
      .where(eq(accounts.id, account.id));
    return account;
  }

  it('opens the start modal from /cs accelerator start with the account and its CSA filled in, and refuses those outside the team', async () => {
    clock = new Date('2027-03-01T09:00:00Z');
    const account = await fusion();
    await context.app.command(`accelerator start ${account.name}`, { userId: CSA, channelId: 'C0ANYWHERE' });
    const view = viewOf(await context.fake.waitForCall('views.open'));
    expect(view.callback_id).toBe(ACCELERATOR_MODAL.callbackId);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain(`"initial_user":"${CSA}"`);
    expect(json).toContain(`"initial_date":"2027-03-01"`);
    expect(json).toContain(`"value":"${account.id}"`);

    context.fake.reset();
    await context.app.command(`accelerator start ${account.name}`, { userId: OUTSIDER, channelId: 'C0ANYWHERE' });
    expect((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args).toMatchObject({
      response_type: 'ephemeral',
      text: `Only ${account.name}'s team (<@${CSM}>, <@${CSA}>) and the CS admins (<@${ADMIN}>) can start its accelerators.`,
    });
    const refused = await submitStart(context, OUTSIDER, { account, type: 'CI', startsOn: '2027-03-01' });
    expect(refused.json()).toEqual({
      response_action: 'errors',
      errors: {
        [ACCELERATOR_MODAL.account.block]:
          `Only ${account.name}'s team (${CSM}, ${CSA}) and the CS admins (${ADMIN}) can start its accelerators.`,
      },
    });
    expect(await context.database.db.select().from(accelerators).where(eq(accelerators.accountId, account.id))).toEqual(
      [],
    );
  });

  it('tells why an account without Success Services cannot start one', async () => {
    clock = new Date('2027-03-01T09:00:00Z');
    const account = await fusion({ successServices: false, csaAseIdentifiedOn: null });
    await context.app.command(`accelerator start ${account.name}`, { userId: ADMIN, channelId: 'C0ANYWHERE' });
    expect((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args.text).toBe(
      `${account.name} has no Success Services, and accelerators are part of Success Services. Turn it on with /cs account edit first.`,
    );
    expect(context.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('starts an accelerator: the channel is told, the first-accelerator task completes and the phase tasks open on their hand-computed days', async () => {
    clock = new Date('2027-02-20T09:00:00Z');
    const account = await fusion();
    await sweep(context);
    const [first] = await tasksOf(context, account.id, 'success_services.first_accelerator');
    // Contract start 31 Jan + 21 days = 21 Feb; it opened 7 days before.
    expect(first).toMatchObject({ status: 'open', forUser: CSA });
    expect(first?.dueAt.toISOString()).toBe('2027-02-20T23:00:00.000Z');
    const reminder = await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === account.channelId && textOf(call).includes('Begin the first accelerator'),
    );
    expect(textOf(reminder)).toContain('Start accelerator');

    // The reminder's button opens the start modal for that account.
    context.fake.reset();
    await context.app.interact(
      blockActionsPayload({
        userId: CSA,
        actionId: TASK_ACTIONS.log,
        value: first?.id ?? '',
        channelId: String(reminder.args.channel),
        messageTs: (reminder.response as { ts: string }).ts,
      }),
    );
    expect(viewOf(await context.fake.waitForCall('views.open')).callback_id).toBe(ACCELERATOR_MODAL.callbackId);

    clock = new Date('2027-03-01T09:00:00Z');
    context.fake.reset();
    const response = await submitStart(context, CSA, {
      account,
      type: 'CI',
      module: 'Runner fleet guidance',
      startsOn: '2027-03-01',
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const announcement = await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === account.channelId && textOf(call).includes('accelerator for'),
    );
    expect(announcement.args.text).toBe(
      `:rocket: <@${CSA}> started a *CI* (Runner fleet guidance) accelerator for *${account.name}*, from Mon 1 Mar 2027. ` +
        'Expected: the discovery workshop by Sun 7 Mar 2027, the planning workshop (backlog) by Sun 14 Mar 2027, about 10 weeks of execution, and the close-out by Sun 23 May 2027.',
    );
    await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === CSA && String(call.args.text).includes(`accelerator for *${account.name}*`),
    );
    const [started] = await context.database.db
      .select()
      .from(accelerators)
      .where(eq(accelerators.accountId, account.id));
    expect(started).toMatchObject({
      type: 'CI',
      contentModule: 'Runner fleet guidance',
      startsOn: '2027-03-01',
      csaUserId: CSA,
    });
    expect((await tasksOf(context, account.id, 'success_services.first_accelerator'))[0]).toMatchObject({
      status: 'done',
      completedByAcceleratorId: started?.id,
    });
    // Discovery: opens on the start day, due at the end of week 1 (local midnight of 8 March).
    const [discovery] = await tasksOf(context, account.id, 'accelerator.discovery');
    expect(discovery).toMatchObject({ status: 'open', forUser: CSA, periodKey: '2027-03-01' });
    expect(discovery?.dueAt.toISOString()).toBe('2027-03-07T23:00:00.000Z');
    expect(await tasksOf(context, account.id, 'accelerator.planning')).toEqual([]);

    // Week 2 begins on 8 March: the planning workshop opens, due 15 March.
    clock = new Date('2027-03-08T09:00:00Z');
    await sweep(context);
    const [planning] = await tasksOf(context, account.id, 'accelerator.planning');
    expect(planning?.opensAt.toISOString()).toBe('2027-03-07T23:00:00.000Z');
    expect(planning?.dueAt.toISOString()).toBe('2027-03-14T23:00:00.000Z');
    await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === account.channelId && textOf(call).includes('planning workshop'),
    );

    // Week 12 begins on 17 May (summer time): the close-out opens, due 24 May.
    clock = new Date('2027-05-17T09:00:00Z');
    await sweep(context);
    const [closeOut] = await tasksOf(context, account.id, 'accelerator.close_out');
    expect(closeOut?.opensAt.toISOString()).toBe('2027-05-16T22:00:00.000Z');
    expect(closeOut?.dueAt.toISOString()).toBe('2027-05-23T22:00:00.000Z');
  });

  it('attaches CSA engagements to the running accelerator, completing the phase they match, and shows it in /cs accelerator', async () => {
    clock = new Date('2027-03-01T09:00:00Z');
    const account = await fusion();
    expect(
      (await submitStart(context, ADMIN, { account, type: 'Security', startsOn: '2027-03-01', csa: OTHER_CSA })).text,
    ).toBe('');
    const [started] = await context.database.db
      .select()
      .from(accelerators)
      .where(eq(accelerators.accountId, account.id));
    expect(started?.csaUserId).toBe(OTHER_CSA);

    // The discovery reminder's "Log it" fills in the accelerator's type and the phase.
    await sweep(context);
    const [discovery] = await tasksOf(context, account.id, 'accelerator.discovery');
    expect(discovery?.forUser).toBe(CSA);
    const reminder = await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === account.channelId && textOf(call).includes('discovery workshop (week 1)'),
    );
    context.fake.reset();
    await context.app.interact(
      blockActionsPayload({
        userId: CSA,
        actionId: TASK_ACTIONS.log,
        value: discovery?.id ?? '',
        channelId: String(reminder.args.channel),
        messageTs: (reminder.response as { ts: string }).ts,
      }),
    );
    const logModal = JSON.stringify(viewOf(await context.fake.waitForCall('views.open')).blocks);
    expect(logModal).toContain('"value":"csa_engagement"');
    expect(logModal).toContain('"value":"Security"');
    expect(logModal).toContain('"value":"discovery"');

    // No phase chosen on 3 March: week 1, so it is the discovery workshop.
    clock = new Date('2027-03-03T15:00:00Z');
    const log = (values: Parameters<typeof logModalValues>[0]) =>
      context.app.interact(
        viewSubmissionPayload({
          userId: CSA,
          view: viewPayload({ callbackId: LOG_MODAL.callbackId, values: logModalValues(values) }),
        }),
      );
    const logged = await log({
      account,
      type: 'csa_engagement',
      date: '2027-03-03',
      acceleratorType: 'Security',
      notes: 'Discovery',
    });
    expect(logged.text).toBe('');
    await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === CSA && String(call.args.text).includes(`for *${account.name}*.`),
    );
    const [engagement] = await context.database.db
      .select()
      .from(activities)
      .where(eq(activities.accountId, account.id));
    expect(engagement).toMatchObject({ acceleratorId: started?.id, acceleratorPhase: 'discovery' });
    expect((await tasksOf(context, account.id, 'accelerator.discovery'))[0]).toMatchObject({
      status: 'done',
      completedByActivityId: engagement?.id,
    });

    // A planning workshop held early, on 5 March, counts for week 2: no planning reminder ever opens.
    clock = new Date('2027-03-05T15:00:00Z');
    context.fake.reset();
    await log({
      account,
      type: 'csa_engagement',
      date: '2027-03-05',
      acceleratorType: 'Security',
      acceleratorPhase: 'planning',
    });
    await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === CSA && String(call.args.text).includes(`for *${account.name}*.`),
    );
    clock = new Date('2027-03-20T09:00:00Z');
    await sweep(context);
    expect(await tasksOf(context, account.id, 'accelerator.planning')).toEqual([]);

    context.fake.reset();
    await context.app.command(`accelerator ${account.name}`, { userId: CSM, channelId: 'C0ANYWHERE' });
    const overview = textOf(await context.fake.waitForCall(RESPONSE_URL_METHOD));
    expect(overview).toContain('*Running:* *Security*');
    expect(overview).toContain('Week 3 of 12: Execution');
    expect(overview).toContain('2 CSA engagements logged');
    expect(overview).toContain(':white_check_mark: Discovery workshop: held Wed 3 Mar 2027');
    expect(overview).toContain(':white_check_mark: Planning workshop (backlog): held Fri 5 Mar 2027');
    expect(overview).toContain(':white_circle: Close-out: due by Sun 23 May 2027');
    expect(overview).toContain('*This contract year* (Sun 31 Jan 2027 – Sun 30 Jan 2028): 1 of 4');
    expect(overview).toContain(ACCELERATOR_MODAL.startButton);
  });

  it('cancels an accelerator from /cs accelerator for the team only: its tasks close, the first-accelerator task reopens and the quarter is free again', async () => {
    clock = new Date('2027-03-01T09:00:00Z');
    const account = await fusion();
    await sweep(context);
    const started = await startedAccelerator(context, account, { type: 'CI', startsOn: '2027-03-01' });
    expect((await tasksOf(context, account.id, 'accelerator.discovery'))[0]).toMatchObject({ status: 'open' });

    const overviewFor = async (userId: string) => {
      context.fake.reset();
      await context.app.command(`accelerator ${account.name}`, { userId, channelId: 'C0ANYWHERE' });
      return textOf(await context.fake.waitForCall(RESPONSE_URL_METHOD));
    };
    expect(await overviewFor(OUTSIDER)).not.toContain(ACCELERATOR_MODAL.cancelButton);
    const overview = await overviewFor(CSA);
    expect(overview).toContain(ACCELERATOR_MODAL.cancelButton);
    expect(overview).toContain(`"value":"${started.id}"`);
    expect(overview).toContain('Cancel this accelerator?');

    const click = (userId: string, triggerId: string) =>
      context.app.interact(
        blockActionsPayload({
          userId,
          actionId: ACCELERATOR_MODAL.cancelButton,
          value: started.id,
          channelId: 'C0ANYWHERE',
          messageTs: '1700000000.000100',
          responseUrl: context.fake.newResponseUrl(),
          triggerId,
        }),
      );
    context.fake.reset();
    await click(OUTSIDER, '1111.2222.outsider');
    expect(String((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args.text)).toContain(
      'can cancel its accelerators',
    );
    expect(
      await context.database.db.select().from(accelerators).where(eq(accelerators.accountId, account.id)),
    ).toHaveLength(1);

    context.fake.reset();
    // A double click: the second finds it cancelled, and nothing happens twice.
    await click(CSA, '1111.2222.csa');
    await click(CSA, '1111.2222.again');
    expect(await context.app.bot.idle(5_000)).toBe(true);
    const replies = context.fake.callsTo(RESPONSE_URL_METHOD).map((call) => String(call.args.text));
    expect(replies.filter((text) => text.includes(`Cancelled the *CI* accelerator of *${account.name}*`))).toHaveLength(
      1,
    );
    expect(replies.filter((text) => text === 'That accelerator was already cancelled.')).toHaveLength(1);
    const announcements = context.fake
      .callsTo('chat.postMessage')
      .filter((call) => call.args.channel === account.channelId && textOf(call).includes('cancelled the'));
    expect(announcements).toHaveLength(1);
    expect(String(announcements[0]?.args.text)).toContain(
      `<@${CSA}> cancelled the *CI* accelerator of *${account.name}*`,
    );
    expect(await context.database.db.select().from(accelerators).where(eq(accelerators.accountId, account.id))).toEqual(
      [],
    );
    expect((await tasksOf(context, account.id, 'accelerator.discovery'))[0]).toMatchObject({
      status: 'closed',
      resolvedReason: ACCELERATOR_CANCELLED,
    });
    expect((await tasksOf(context, account.id, 'success_services.first_accelerator'))[0]).toMatchObject({
      status: 'open',
      completedByAcceleratorId: null,
    });
    const [change] = await context.database.db
      .select()
      .from(accountChanges)
      .where(eq(accountChanges.accountId, account.id));
    expect(change).toMatchObject({
      field: 'accelerator',
      oldValue: 'CI, starting 2027-03-01',
      newValue: null,
      changedBy: CSA,
    });

    // The quarter counts no accelerator now: another may start in it.
    clock = new Date('2027-03-02T09:00:00Z');
    expect((await submitStart(context, CSA, { account, type: 'CD', startsOn: '2027-03-02' })).text).toBe('');
  });

  it('refuses to cancel an accelerator that was closed out', async () => {
    clock = new Date('2027-03-01T09:00:00Z');
    const account = await fusion();
    const started = await startedAccelerator(context, account, { type: 'CI', startsOn: '2027-03-01' });
    await context.database.db.insert(activities).values({
      accountId: account.id,
      type: 'csa_engagement',
      occurredOn: '2027-03-04',
      loggedBy: CSA,
      acceleratorType: 'CI',
      acceleratorId: started.id,
      acceleratorPhase: 'close_out',
    });
    context.fake.reset();
    await context.app.interact(
      blockActionsPayload({
        userId: CSA,
        actionId: ACCELERATOR_MODAL.cancelButton,
        value: started.id,
        channelId: 'C0ANYWHERE',
        messageTs: '1700000000.000200',
        responseUrl: context.fake.newResponseUrl(),
      }),
    );
    expect(String((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args.text)).toContain(
      'was closed out on Thu 4 Mar 2027, so it stays on record',
    );
    expect(
      await context.database.db.select().from(accelerators).where(eq(accelerators.accountId, account.id)),
    ).toHaveLength(1);
  });

  it('refuses a second accelerator in a quarter and a fifth in a contract year, naming the ones that count', async () => {
    clock = new Date('2027-03-01T09:00:00Z');
    const account = await fusion();
    const start = (type: string, startsOn: string) => submitStart(context, CSA, { account, type, startsOn });
    expect((await start('CI', '2027-02-10')).text).toBe('');

    // 29 April is still the first quarter (31 Jan – 29 Apr); 30 April starts the second.
    const second = await start('CD', '2027-04-29');
    expect(second.json()).toEqual({
      response_action: 'errors',
      errors: {
        [ACCELERATOR_MODAL.startsOn.block]:
          'This quarter (Sun 31 Jan 2027 – Thu 29 Apr 2027) already has an accelerator, and it may have only one: CI (started Wed 10 Feb 2027). Start this one on Fri 30 Apr 2027 or later.',
      },
    });
    expect((await start('CD', '2027-04-30')).text).toBe('');
    clock = new Date('2027-07-20T09:00:00Z');
    expect((await start('Security', '2027-07-31')).text).toBe('');
    clock = new Date('2027-10-25T09:00:00Z');
    expect((await start('AI', '2027-10-31')).text).toBe('');

    clock = new Date('2027-12-01T09:00:00Z');
    const fifth = await start('Compliance', '2028-01-20');
    expect(fifth.json()).toEqual({
      response_action: 'errors',
      errors: {
        [ACCELERATOR_MODAL.startsOn.block]:
          'This contract year (Sun 31 Jan 2027 – Sun 30 Jan 2028) already has 4 accelerators, the most it may have: CI (started Wed 10 Feb 2027), CD (started Fri 30 Apr 2027), Security (started Sat 31 Jul 2027), AI (started Sun 31 Oct 2027).',
      },
    });
    // The next contract year starts on 31 January 2028.
    expect((await start('Compliance', '2028-01-31')).text).toBe('');
    const rows = await context.database.db.select().from(accelerators).where(eq(accelerators.accountId, account.id));
    expect(rows.map((row) => row.startsOn).sort()).toEqual([
      '2027-02-10',
      '2027-04-30',
      '2027-07-31',
      '2027-10-31',
      '2028-01-31',
    ]);
  });

  it('completes each quarter’s accelerator reminder only with a start in that quarter', async () => {
    clock = new Date('2027-04-30T09:00:00Z');
    const account = await fusion();
    await sweep(context);
    const [second] = await tasksOf(context, account.id, 'accelerator.quarter');
    // The second quarter starts on 30 April; its reminder is due a calendar month later, 31 May.
    expect(second).toMatchObject({ periodKey: '2027-04-30', status: 'open', forUser: CSA });
    expect(second?.dueAt.toISOString()).toBe('2027-05-30T22:00:00.000Z');
    clock = new Date('2027-05-03T09:00:00Z');
    expect((await submitStart(context, CSA, { account, type: 'CD', startsOn: '2027-05-03' })).text).toBe('');
    await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === CSA && String(call.args.text).includes(`accelerator for *${account.name}*`),
    );
    expect((await tasksOf(context, account.id, 'accelerator.quarter'))[0]).toMatchObject({ status: 'done' });
  });

  it('answers a replayed start once, and shows field errors for a bad date or type without writing anything', async () => {
    clock = new Date('2027-03-01T09:00:00Z');
    const account = await fusion();
    const tooLate = await submitStart(context, CSA, { account, type: 'CI', startsOn: '2027-07-01' });
    expect(tooLate.json()).toEqual({
      response_action: 'errors',
      errors: { [ACCELERATOR_MODAL.startsOn.block]: 'Pick a start date within the next 90 days (by 2027-05-30).' },
    });
    const badType = await submitStart(context, CSA, { account, type: 'Quantum', startsOn: '2027-03-01' });
    expect(badType.json()).toEqual({
      response_action: 'errors',
      errors: { [ACCELERATOR_MODAL.type.block]: 'Choose the accelerator type.' },
    });
    const payload = viewSubmissionPayload({
      userId: CSA,
      view: viewPayload({
        callbackId: ACCELERATOR_MODAL.callbackId,
        values: startValues({ account, type: 'CI', startsOn: '2027-03-01' }),
      }),
    });
    expect((await context.app.interact(payload)).text).toBe('');
    expect((await context.app.interact(payload)).text).toBe('');
    await context.fake.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === CSA && String(call.args.text).includes(`accelerator for *${account.name}*`),
    );
    // Whatever the replays set off has finished by now, so a second post would be in the fake.
    expect(await context.app.bot.idle(5_000)).toBe(true);
    expect(
      await context.database.db.select().from(accelerators).where(eq(accelerators.accountId, account.id)),
    ).toHaveLength(1);
    expect(
      context.fake
        .callsTo('chat.postMessage')
        .filter((call) => call.args.channel === account.channelId && textOf(call).includes(':rocket:')),
    ).toHaveLength(1);
  });
});
