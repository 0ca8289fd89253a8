import { beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../src/db/schema';
import type { ActivityType, RenewalOutcome } from '../../src/domain/activity';
import { createAccount, type E2eContext, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD, type RecordedCall } from '../support/fake-slack';
import { testDatabases } from '../support/test-databases';

const ZONE = 'Europe/Berlin';
/** Wednesday 2 December 2026, 13:00 in Berlin: the week is Monday 30 November to Sunday 6 December. */
const WEDNESDAY = new Date('2026-12-02T12:00:00Z');
/** Sunday 23:30 in UTC, but already Monday 7 December 00:30 in Berlin: a new week for the team. */
const MONDAY_IN_BERLIN = new Date('2026-12-06T23:30:00Z');
let clock = WEDNESDAY;

const ADMIN = 'U0ADMIN001';
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00001';
/** A CSA: logs calls, is the CSM of nothing. */
const CAL = 'U0CAL00001';

type Section = { type: string; text?: { text: string } };
const sectionsOf = (call: RecordedCall) =>
  (call.args.blocks as Section[]).filter((block) => block.type === 'section').map((block) => block.text?.text ?? '');
const blocksText = (call: RecordedCall) => JSON.stringify(call.args.blocks);

async function report(context: E2eContext, userId: string, text = 'report'): Promise<RecordedCall> {
  context.fake.reset();
  await context.app.command(text, { userId, channelId: 'C0ANYWHERE' });
  return context.fake.waitForCall(RESPONSE_URL_METHOD);
}

/**
 * The book, as of Wednesday 2 December 2026 (every figure below is counted from it):
 *
 * | Account          | CSM  | CSM segment / sales | Priority | Contract start | Renewal     | Plan   |
 * | Acme Enterprise  | Ana  | Strategic/Strategic | PR1      | 2025-06-01     | 2027-02-15  | active |
 * | Borealis         | Ana  | Strategic/Large     | PR2      | 2026-03-10     | 2027-03-10  | no     |
 * | Cobalt Labs      | Ana  | Strategic/Strategic | PR3      | 2026-01-20     | 2027-06-01  | no     |
 * | Dynamo           | Ben  | Growth              | PR1      | 2026-09-01     | 2026-12-20  | no     |
 * | Echo Growth      | Ben  | Growth              | PR2      | 2026-02-01     | —           | no     |
 * | Fjord Scale      | Ben  | Scale               | PR1      | 2026-01-01     | 2026-12-02  | no     |
 * | Harbor           | —    | Strategic/—         | PR1      | 2026-05-01     | 2027-01-10  | no     |
 * | Gone Co (closed) | Ana  | Strategic/Strategic | PR1      | 2025-06-01     | 2027-01-01  | no     |
 */
async function seedBook(context: E2eContext): Promise<void> {
  const csm = (user: string) => [{ role: 'CSM' as const, slackUserId: user }];
  const acme = await createAccount(context, {
    name: 'Acme Enterprise',
    csmSegment: 'Strategic',
    salesSegment: 'Strategic',
    priority: 'PR1',
    contractStart: '2025-06-01',
    renewalDate: '2027-02-15',
    successPlanActive: true,
    team: csm(ANA),
  });
  const borealis = await createAccount(context, {
    name: 'Borealis',
    csmSegment: 'Strategic',
    salesSegment: 'Large',
    priority: 'PR2',
    contractStart: '2026-03-10',
    renewalDate: '2027-03-10',
    team: csm(ANA),
  });
  const cobalt = await createAccount(context, {
    name: 'Cobalt Labs',
    csmSegment: 'Strategic',
    salesSegment: 'Strategic',
    priority: 'PR3',
    contractStart: '2026-01-20',
    renewalDate: '2027-06-01',
    team: csm(ANA),
  });
  const dynamo = await createAccount(context, {
    name: 'Dynamo',
    csmSegment: 'Growth',
    priority: 'PR1',
    contractStart: '2026-09-01',
    renewalDate: '2026-12-20',
    team: csm(BEN),
  });
  const echo = await createAccount(context, {
    name: 'Echo Growth',
    csmSegment: 'Growth',
    priority: 'PR2',
    contractStart: '2026-02-01',
    team: csm(BEN),
  });
  const fjord = await createAccount(context, {
    name: 'Fjord Scale',
    csmSegment: 'Scale',
    priority: 'PR1',
    contractStart: '2026-01-01',
    renewalDate: '2026-12-02',
    team: csm(BEN),
  });
  const harbor = await createAccount(context, {
    name: 'Harbor',
    csmSegment: 'Strategic',
    priority: 'PR1',
    contractStart: '2026-05-01',
    renewalDate: '2027-01-10',
  });
  const gone = await createAccount(context, {
    name: 'Gone Co',
    csmSegment: 'Strategic',
    salesSegment: 'Strategic',
    priority: 'PR1',
    contractStart: '2025-06-01',
    renewalDate: '2027-01-01',
    team: csm(ANA),
  });

  const log = (
    accountId: string,
    loggedBy: string,
    type: ActivityType,
    occurredOn: string,
    renewalOutcome: RenewalOutcome | null = null,
  ) =>
    context.app.deps.activities.insert({
      accountId,
      type,
      occurredOn,
      loggedBy,
      participants: [],
      notes: '',
      renewalOutcome,
      acceleratorType: null,
      contentModule: null,
    });
  const times = async (count: number, write: (n: number) => Promise<unknown>) => {
    for (let n = 0; n < count; n += 1) await write(n);
  };

  // Ana this week: a call, a cadence call, an EBR and a renewal call (4); an email and a meeting are no calls.
  await log(acme.id, ANA, 'call', '2026-11-30');
  await log(borealis.id, ANA, 'cadence_call', '2026-12-01');
  await log(acme.id, ANA, 'ebr', '2026-12-01');
  await log(acme.id, ANA, 'renewal_call', '2026-12-02', 'likely_to_renew');
  await log(acme.id, ANA, 'email', '2026-12-02');
  await log(acme.id, ANA, 'meeting', '2026-12-01');
  // Ana's call on the closed account and her deleted call never count.
  await log(gone.id, ANA, 'call', '2026-12-01');
  const deleted = await log(cobalt.id, ANA, 'call', '2026-12-02');
  await context.app.deps.activities.deleteOnce(deleted.id, ANA, 'test:delete-call', WEDNESDAY);
  // Ana the weeks before: 5 (23–29 Nov), 2 (16–22 Nov), 0 (9–15 Nov), 1 (2–8 Nov); 1 Nov is before them.
  await times(5, (n) => log(acme.id, ANA, 'call', `2026-11-${23 + n}`));
  await times(2, (n) => log(cobalt.id, ANA, 'call', `2026-11-${16 + n}`));
  await log(acme.id, ANA, 'call', '2026-11-08');
  await log(acme.id, ANA, 'call', '2026-11-01');
  // Ben this week: a call and a cadence call (2); the weeks before: 10 (23–29 Nov), 3 (16–22 Nov).
  await log(dynamo.id, BEN, 'call', '2026-12-01');
  await log(echo.id, BEN, 'cadence_call', '2026-11-30');
  await times(10, (n) => log(dynamo.id, BEN, 'call', `2026-11-${23 + (n % 7)}`));
  await times(3, (n) => log(echo.id, BEN, 'call', `2026-11-${20 + n}`));
  // Cal (no CSM accounts) calls on Ben's account: the call is Cal's.
  await log(dynamo.id, CAL, 'call', '2026-12-02');

  // EBRs: Acme's on 1 Dec (above) and Harbor's on 1 Jul are in their contract years; Borealis's on
  // 9 Mar is the day before its contract year began; Cobalt's only one was deleted.
  await log(harbor.id, ANA, 'ebr', '2026-07-01');
  await log(borealis.id, ANA, 'ebr', '2026-03-09');
  const deletedEbr = await log(cobalt.id, ANA, 'ebr', '2026-06-01');
  await context.app.deps.activities.deleteOnce(deletedEbr.id, ANA, 'test:delete-ebr', WEDNESDAY);

  // Renewal calls: Acme's window opened 15 Oct (at risk on 20 Oct, then likely on 2 Dec, above);
  // Fjord's opened 2 Aug (will churn on 15 Sep); Dynamo's opened 20 Aug, a day after its call.
  await log(acme.id, ANA, 'renewal_call', '2026-10-20', 'at_risk');
  await log(fjord.id, BEN, 'renewal_call', '2026-09-15', 'will_churn');
  await log(dynamo.id, BEN, 'renewal_call', '2026-08-19', 'undecided');

  // Cadence tasks, at midnight in Berlin: Acme's is open and not yet due (due); Dynamo's is past
  // due; Echo's is past due and snoozed (still overdue); Borealis's was done; Gone Co is closed.
  const cadence = (
    accountId: string,
    ruleId: string,
    opensAt: string,
    dueAt: string,
    extra: { status?: 'open' | 'snoozed' | 'done'; snoozedUntil?: Date } = {},
  ) => ({
    accountId,
    ruleId,
    periodKey: opensAt.slice(0, 10),
    title: 'Cadence call',
    forRole: 'CSM' as const,
    forUser: null,
    opensAt: new Date(opensAt),
    dueAt: new Date(dueAt),
    status: extra.status ?? ('open' as const),
    snoozedUntil: extra.snoozedUntil ?? null,
  });
  await context.database.db.insert(tasks).values([
    cadence(acme.id, 'cadence.strategic_pr1', '2026-11-28T23:00:00Z', '2026-12-05T23:00:00Z'),
    cadence(dynamo.id, 'cadence.growth_pr1', '2026-11-19T23:00:00Z', '2026-11-26T23:00:00Z'),
    cadence(echo.id, 'cadence.growth_pr2', '2026-11-23T23:00:00Z', '2026-11-30T23:00:00Z', {
      status: 'snoozed',
      snoozedUntil: new Date('2026-12-05T23:00:00Z'),
    }),
    cadence(borealis.id, 'cadence.strategic_pr2', '2026-10-20T22:00:00Z', '2026-10-27T23:00:00Z', {
      status: 'done',
    }),
    cadence(borealis.id, 'ebr.contract_year', '2026-08-09T22:00:00Z', '2026-09-09T22:00:00Z'),
    cadence(gone.id, 'cadence.strategic_pr1', '2026-11-01T23:00:00Z', '2026-11-08T23:00:00Z'),
  ]);
  await context.app.deps.accounts.close(gone.id);
}

describe.each(testDatabases())('/cs report, end to end on $name', (engine) => {
  const context = useRunningApp(engine, { timeZone: ZONE, now: () => clock, env: { CS_ADMINS: ADMIN } });

  beforeAll(async () => {
    await seedBook(context);
  });

  it('shows a CS admin the whole team: calls against the minimums, cadence, EBRs, renewals and success plans', async () => {
    clock = WEDNESDAY;
    const answer = await report(context, ADMIN);
    expect(answer.args).toMatchObject({ response_type: 'ephemeral', text: 'Team report · week of Mon 30 Nov 2026' });
    const [calls, cadence, ebr, renewals, plans] = sectionsOf(answer);
    // Ben is 8 below his minimum of 10, Ana 1 below her 5: Ben first. Cal and the admin are nobody's CSM.
    expect(calls).toBe(
      [
        ':telephone_receiver: *Calls this week* (Mon 30 Nov 2026 – Sun 6 Dec 2026) against the weekly minimum',
        '• <@U0BEN00001> · Growth (3 accounts) · this week *2 of 10* :warning: · the 4 weeks before: 10, 3, 0, 0 (minimum met in 1 of 4)',
        '• <@U0ANA00001> · Strategic Enterprise (3 accounts) · this week *4 of 5* :warning: · the 4 weeks before: 5, 2, 0, 1 (minimum met in 1 of 4)',
      ].join('\n'),
    );
    expect(cadence).toBe(
      [
        ':repeat: *Cadence calls* · 2 on time, 1 due, 2 overdue',
        '• <@U0ANA00001>: 1 on time · 1 due: *Acme Enterprise*',
        '• <@U0BEN00001>: 0 on time · 2 overdue: *Dynamo* (due Fri 27 Nov 2026), *Echo Growth* (due Tue 1 Dec 2026)',
        '• No CSM: 1 on time',
      ].join('\n'),
    );
    expect(ebr).toBe(
      [
        ':bar_chart: *EBRs this contract year* (Strategic accounts) · 2 of 4 held',
        '• :warning: *Borealis* (<@U0ANA00001>) · no EBR in contract year Tue 10 Mar 2026 – Tue 9 Mar 2027',
        '• :warning: *Cobalt Labs* (<@U0ANA00001>) · no EBR in contract year Tue 20 Jan 2026 – Tue 19 Jan 2027',
        '• :white_check_mark: *Acme Enterprise* (<@U0ANA00001>) · EBR Tue 1 Dec 2026',
        '• :white_check_mark: *Harbor* (no CSM) · EBR Wed 1 Jul 2026',
      ].join('\n'),
    );
    expect(renewals).toBe(
      [
        ':calendar: *Renewals in the next 120 days* · 5, 3 with the renewal question not asked',
        '• Wed 2 Dec 2026 (today) · *Fjord Scale* (<@U0BEN00001>) · asked Tue 15 Sep 2026: Will churn',
        '• Sun 20 Dec 2026 (in 18 days) · *Dynamo* (<@U0BEN00001>) · :warning: renewal question not asked',
        '• Sun 10 Jan 2027 (in 39 days) · *Harbor* (no CSM) · :warning: renewal question not asked',
        '• Mon 15 Feb 2027 (in 75 days) · *Acme Enterprise* (<@U0ANA00001>) · asked Wed 2 Dec 2026: Likely to renew',
        '• Wed 10 Mar 2027 (in 98 days) · *Borealis* (<@U0ANA00001>) · :warning: renewal question not asked',
      ].join('\n'),
    );
    expect(plans).toBe(
      [
        ':clipboard: *Strategic accounts without an active success plan* · 3',
        '• *Borealis* (<@U0ANA00001>)',
        '• *Cobalt Labs* (<@U0ANA00001>)',
        '• *Harbor* (no CSM)',
      ].join('\n'),
    );
    expect(blocksText(answer)).not.toContain('Gone Co');
  });

  it('shows a CSM only their calls and the accounts they are the CSM of', async () => {
    clock = WEDNESDAY;
    const answer = await report(context, ANA, 'reports');
    expect(answer.args).toMatchObject({ response_type: 'ephemeral', text: 'Your report · week of Mon 30 Nov 2026' });
    expect(blocksText(answer)).toContain(
      'Your calls and the accounts you are the CSM of; CS admins see the whole team.',
    );
    const [calls, cadence, ebr, renewals, plans] = sectionsOf(answer);
    expect(calls?.split('\n').slice(1)).toEqual([
      '• <@U0ANA00001> · Strategic Enterprise (3 accounts) · this week *4 of 5* :warning: · the 4 weeks before: 5, 2, 0, 1 (minimum met in 1 of 4)',
    ]);
    expect(cadence).toBe(
      [
        ':repeat: *Cadence calls* · 1 on time, 1 due, 0 overdue',
        '• <@U0ANA00001>: 1 on time · 1 due: *Acme Enterprise*',
      ].join('\n'),
    );
    expect(ebr).toBe(
      [
        ':bar_chart: *EBRs this contract year* (Strategic accounts) · 1 of 3 held',
        '• :warning: *Borealis* (<@U0ANA00001>) · no EBR in contract year Tue 10 Mar 2026 – Tue 9 Mar 2027',
        '• :warning: *Cobalt Labs* (<@U0ANA00001>) · no EBR in contract year Tue 20 Jan 2026 – Tue 19 Jan 2027',
        '• :white_check_mark: *Acme Enterprise* (<@U0ANA00001>) · EBR Tue 1 Dec 2026',
      ].join('\n'),
    );
    expect(renewals).toBe(
      [
        ':calendar: *Renewals in the next 120 days* · 2, 1 with the renewal question not asked',
        '• Mon 15 Feb 2027 (in 75 days) · *Acme Enterprise* (<@U0ANA00001>) · asked Wed 2 Dec 2026: Likely to renew',
        '• Wed 10 Mar 2027 (in 98 days) · *Borealis* (<@U0ANA00001>) · :warning: renewal question not asked',
      ].join('\n'),
    );
    expect(plans).toBe(
      [
        ':clipboard: *Strategic accounts without an active success plan* · 2',
        '• *Borealis* (<@U0ANA00001>)',
        '• *Cobalt Labs* (<@U0ANA00001>)',
      ].join('\n'),
    );
    expect(blocksText(answer)).not.toContain(BEN);
  });

  it('shows someone who is nobody’s CSM their calls without a minimum, and empty lists', async () => {
    clock = WEDNESDAY;
    const [calls, cadence, ebr, renewals, plans] = sectionsOf(await report(context, CAL));
    expect(calls?.split('\n')[1]).toBe(
      '• <@U0CAL00001> · no call minimum (CSM of no Strategic, Growth or Scale account) · this week *1* · the 4 weeks before: 0, 0, 0, 0',
    );
    expect(cadence).toContain('_No account has a cadence clock');
    expect(ebr).toContain('_No Strategic account is in a contract year._');
    expect(renewals).toContain('_No renewals coming up._');
    expect(plans).toContain('_Every Strategic account has an active success plan._');
  });

  it("starts a new week at Monday midnight in the team's zone, while it is still Sunday in UTC", async () => {
    clock = MONDAY_IN_BERLIN;
    const answer = await report(context, ADMIN);
    expect(answer.args.text).toBe('Team report · week of Mon 7 Dec 2026');
    expect(sectionsOf(answer)[0]?.split('\n').slice(1)).toEqual([
      '• <@U0BEN00001> · Growth (3 accounts) · this week *0 of 10* :warning: · the 4 weeks before: 2, 10, 3, 0 (minimum met in 1 of 4)',
      '• <@U0ANA00001> · Strategic Enterprise (3 accounts) · this week *0 of 5* :warning: · the 4 weeks before: 4, 5, 2, 0 (minimum met in 1 of 4)',
    ]);
  });

  it('lists /cs report in the help', async () => {
    const help = await report(context, ANA, 'help');
    expect(help.args.text).toContain('`/cs report`');
  });
});
