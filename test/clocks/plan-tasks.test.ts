import { describe, expect, it } from 'vitest';
import type { ClockRule } from '../../src/clocks/clock-rule';
import { isOverdue, type PlannedTask, planTasks } from '../../src/clocks/plan-tasks';
import { rollRenewalDate } from '../../src/clocks/renewal';
import { CLOCK_RULES } from '../../src/clocks/rules';
import type { Account } from '../../src/domain/account';
import type { Activity } from '../../src/domain/activity';
import { AE, CSM, makeAccount, makeActivity } from './fixtures';

function rules(...ids: string[]): ClockRule[] {
  return ids.map((id) => {
    const rule = CLOCK_RULES.find((candidate) => candidate.id === id);
    if (!rule) throw new Error(`No rule ${id}`);
    return rule;
  });
}

function plan(input: {
  account: Account;
  activities?: readonly Activity[];
  now: string;
  timeZone?: string;
  rules?: readonly ClockRule[];
}): PlannedTask[] {
  return planTasks({
    rules: input.rules ?? CLOCK_RULES,
    account: input.account,
    activities: input.activities ?? [],
    now: new Date(input.now),
    timeZone: input.timeZone ?? 'UTC',
  });
}

/** [periodKey, opensAt, dueAt, completedByActivityId] of each task, for compact assertions. */
function summary(tasks: readonly PlannedTask[]): Array<[string, string, string, string | null]> {
  return tasks.map((task) => [
    task.periodKey,
    task.opensAt.toISOString(),
    task.dueAt.toISOString(),
    task.completedByActivityId,
  ]);
}

const CADENCE_RULES = CLOCK_RULES.filter((rule) => rule.id.startsWith('cadence.'));

describe('planTasks on a whole account', () => {
  it('plans the handoff, Success Services and onboarding tasks that have opened eight days after the contract start.', () => {
    const account = makeAccount({
      csmSegment: 'Strategic',
      priority: 'PR1',
      successServices: true,
      csaAseIdentifiedOn: '2026-03-03',
      successPlanActive: false,
      renewalDate: '2027-03-02',
    });
    const activities = [
      makeActivity('call-1', 'call', '2026-03-04'),
      makeActivity('ms-1', 'onboarding_milestone', '2026-03-02'),
    ];
    const tasks = plan({ account, activities, now: '2026-03-10T09:00:00Z' });
    expect(tasks.map((task) => [task.ruleId, task.forUserId, task.completedByActivityId])).toEqual([
      ['handoff.welcome_call', AE, 'call-1'],
      ['handoff.record_transfer', 'U_SA', null],
      ['handoff.csm_kickoff', CSM, null],
      ['success_services.welcome_email', 'U_CSA', null],
      ['success_services.internal_handover', 'U_CSA', null],
      // The AE's welcome call is also the first call after contract start: rules of different
      // groups share activities.
      ['success_services.customer_kickoff', 'U_CSA', 'call-1'],
      ['onboarding.welcome', CSM, 'ms-1'],
      ['onboarding.personal_introduction', CSM, null],
      ['onboarding.installation_follow_up', CSM, null],
      ['success_plan.strategic', CSM, null],
      ['cadence.strategic_pr1', CSM, null],
    ]);
  });

  it('plans nothing for a closed account, however overdue its clocks are.', () => {
    const account = makeAccount({
      status: 'closed',
      csmSegment: 'Strategic',
      priority: 'PR1',
      successServices: true,
      renewalDate: '2027-03-02',
    });
    expect(plan({ account, now: '2027-06-01T00:00:00Z' })).toEqual([]);
  });

  it('plans nothing before the contract start for an account without other dates.', () => {
    expect(plan({ account: makeAccount({ contractStart: '2026-03-02' }), now: '2026-03-01T23:59:59.999Z' })).toEqual(
      [],
    );
  });

  it('returns deep-equal tasks for the same inputs, whatever order the activities come in.', () => {
    const account = makeAccount({
      csmSegment: 'Strategic',
      priority: 'PR1',
      successServices: true,
      csaAseIdentifiedOn: '2026-03-03',
    });
    const activities = [
      makeActivity('a', 'onboarding_milestone', '2026-03-05'),
      makeActivity('b', 'onboarding_milestone', '2026-03-05'),
      makeActivity('c', 'cadence_call', '2026-03-12'),
      makeActivity('d', 'meeting', '2026-03-04'),
      makeActivity('e', 'meeting', '2026-03-04'),
      makeActivity('f', 'csa_engagement', '2026-06-03'),
    ];
    const now = '2026-07-01T12:00:00Z';
    const first = plan({ account, activities, now });
    const again = plan({ account, activities, now });
    const reversed = plan({ account, activities: [...activities].reverse(), now });
    expect(again).toEqual(first);
    expect(reversed).toEqual(first);
    expect(first.length).toBeGreaterThan(10);
  });

  it('does not modify the account or the activities it is given.', () => {
    const account = Object.freeze(makeAccount());
    const activities = Object.freeze([
      makeActivity('b', 'meeting', '2026-03-09'),
      makeActivity('a', 'call', '2026-03-04'),
    ]);
    expect(() => plan({ account, activities, now: '2026-04-01T00:00:00Z' })).not.toThrow();
    expect(activities.map((activity) => activity.id)).toEqual(['b', 'a']);
  });

  it('rejects an unknown time zone, an invalid instant and an activity without a valid day.', () => {
    const account = makeAccount();
    expect(() => plan({ account, now: '2026-04-01T00:00:00Z', timeZone: 'Moon/Tranquility' })).toThrow(RangeError);
    expect(() => plan({ account, now: 'not a date' })).toThrow(RangeError);
    const broken = makeActivity('x', 'call', '2026-03-04', { occurredOn: '04/03/2026' });
    expect(() => plan({ account, activities: [broken], now: '2026-04-01T00:00:00Z' })).toThrow(RangeError);
  });
});

describe('completion by activities', () => {
  it('ignores activities dated after today in the team zone, so a past instant replays what was due then.', () => {
    const account = makeAccount();
    const activities = [makeActivity('call-1', 'call', '2026-03-06')];
    const before = plan({ account, activities, now: '2026-03-05T23:00:00Z', rules: rules('handoff.welcome_call') });
    const after = plan({ account, activities, now: '2026-03-06T00:00:00Z', rules: rules('handoff.welcome_call') });
    expect(before[0]?.completedByActivityId).toBeNull();
    expect(after[0]?.completedByActivityId).toBe('call-1');
  });

  it("ignores another account's activities.", () => {
    const activities = [makeActivity('call-elsewhere', 'call', '2026-03-04', { accountId: 'acc-2' })];
    const tasks = plan({
      account: makeAccount(),
      activities,
      now: '2026-03-05T00:00:00Z',
      rules: rules('handoff.welcome_call'),
    });
    expect(tasks[0]?.completedByActivityId).toBeNull();
  });

  it('completes with the earliest matching activity, breaking same-day ties by when it was logged.', () => {
    const activities = [
      makeActivity('logged-second', 'call', '2026-03-04', { createdAt: new Date('2026-03-04T15:00:00Z') }),
      makeActivity('logged-first', 'call', '2026-03-04', { createdAt: new Date('2026-03-04T09:00:00Z') }),
      makeActivity('earlier-day', 'call', '2026-03-03', { createdAt: new Date('2026-03-05T09:00:00Z') }),
    ];
    const tasks = plan({
      account: makeAccount(),
      activities,
      now: '2026-03-06T00:00:00Z',
      rules: rules('handoff.welcome_call'),
    });
    expect(tasks[0]?.completedByActivityId).toBe('earlier-day');
    const sameDay = plan({
      account: makeAccount(),
      activities: activities.slice(0, 2),
      now: '2026-03-06T00:00:00Z',
      rules: rules('handoff.welcome_call'),
    });
    expect(sameDay[0]?.completedByActivityId).toBe('logged-first');
  });

  it('names nobody when the account has no member in the role and the first member when it has two.', () => {
    const account = makeAccount({
      team: [
        { role: 'CSM', slackUserId: 'U_FIRST' },
        { role: 'CSM', slackUserId: 'U_SECOND' },
      ],
    });
    const tasks = plan({
      account,
      now: '2026-03-02T00:00:00Z',
      rules: rules('handoff.welcome_call', 'handoff.csm_kickoff'),
    });
    expect(tasks.map((task) => [task.forRole, task.forUserId])).toEqual([
      ['AE', null],
      ['CSM', 'U_FIRST'],
    ]);
  });
});

describe('accounts added mid-onboarding', () => {
  const account = makeAccount({ contractStart: '2026-03-02' });
  // cs-bot learned of the account on 18 March: steps 1 to 3 (due 3, 7 and 12 March) were history.
  const trackedSince = new Date('2026-03-18T09:00:00Z');
  const onboarding = (activities: Activity[]) =>
    planTasks({ account, activities, now: new Date('2026-03-25T12:00:00Z'), timeZone: 'UTC', trackedSince })
      .filter((task) => task.ruleId.startsWith('onboarding.'))
      .map((task) => [task.ruleId, task.completedByActivityId]);

  it('plans no task for the steps already due before the account was known, and the open step as usual.', () => {
    expect(onboarding([])).toEqual([['onboarding.education', null]]);
  });

  it('gives an onboarding milestone to the oldest step still open, not to a step skipped as history.', () => {
    expect(onboarding([makeActivity('m-1', 'onboarding_milestone', '2026-03-23')])).toEqual([
      ['onboarding.education', 'm-1'],
    ]);
  });
});

describe('cadence calls', () => {
  it('gives Strategic PR1 a 14-day gap, Strategic PR2 and Growth PR1 30 days, Growth PR2 90 days.', () => {
    const dueFor = (overrides: Partial<Account>) =>
      plan({ account: makeAccount(overrides), now: '2026-12-31T00:00:00Z', rules: CADENCE_RULES }).map((task) => [
        task.ruleId,
        task.dueAt.toISOString(),
      ]);
    expect(dueFor({ csmSegment: 'Strategic', priority: 'PR1' })).toEqual([
      ['cadence.strategic_pr1', '2026-03-16T00:00:00.000Z'],
    ]);
    expect(dueFor({ csmSegment: 'Strategic', priority: 'PR2' })).toEqual([
      ['cadence.strategic_pr2', '2026-04-01T00:00:00.000Z'],
    ]);
    expect(dueFor({ csmSegment: 'Growth', priority: 'PR1' })).toEqual([
      ['cadence.growth_pr1', '2026-04-01T00:00:00.000Z'],
    ]);
    expect(dueFor({ csmSegment: 'Growth', priority: 'PR2' })).toEqual([
      ['cadence.growth_pr2', '2026-05-31T00:00:00.000Z'],
    ]);
  });

  it('has no cadence for PR3, Scale or Digital accounts, or without a contract start or call to count from.', () => {
    const none = (overrides: Partial<Account>) =>
      plan({ account: makeAccount(overrides), now: '2026-12-31T00:00:00Z', rules: CADENCE_RULES });
    expect(none({ csmSegment: 'Strategic', priority: 'PR3' })).toEqual([]);
    expect(none({ csmSegment: 'Scale', priority: 'PR1' })).toEqual([]);
    expect(none({ csmSegment: 'Digital', priority: 'PR1' })).toEqual([]);
    expect(none({ csmSegment: null, priority: 'PR1' })).toEqual([]);
    expect(none({ csmSegment: 'Strategic', priority: 'PR1', contractStart: null })).toEqual([]);
  });

  it('treats a red account as PR1 whatever priority was set.', () => {
    const account = makeAccount({ csmSegment: 'Growth', priority: 'PR2', health: 'red' });
    const tasks = plan({ account, now: '2026-12-31T00:00:00Z', rules: CADENCE_RULES });
    expect(tasks.map((task) => [task.ruleId, task.dueAt.toISOString()])).toEqual([
      ['cadence.growth_pr1', '2026-04-01T00:00:00.000Z'],
    ]);
  });

  it('counts the gap from the last cadence call: the call completes the open period and starts the next one.', () => {
    const account = makeAccount({ csmSegment: 'Strategic', priority: 'PR1' });
    const activities = [makeActivity('call-1', 'cadence_call', '2026-03-12')];
    // Just after the call: the period from the contract start is done, the next has not opened yet.
    expect(summary(plan({ account, activities, now: '2026-03-13T00:00:00Z', rules: CADENCE_RULES }))).toEqual([
      ['2026-03-02', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', 'call-1'],
    ]);
    // Once the next period opens (7 days before its due day), both show.
    expect(summary(plan({ account, activities, now: '2026-03-19T00:00:00Z', rules: CADENCE_RULES }))).toEqual([
      ['2026-03-02', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', 'call-1'],
      ['2026-03-12', '2026-03-19T00:00:00.000Z', '2026-03-26T00:00:00.000Z', null],
    ]);
  });

  it('plans no task for a period whose call came before the period opened, and keeps only the latest two periods.', () => {
    const account = makeAccount({ csmSegment: 'Strategic', priority: 'PR1' });
    const activities = [
      makeActivity('call-1', 'cadence_call', '2026-03-10'), // closes the contract-start period, opened 03-09
      makeActivity('call-2', 'cadence_call', '2026-03-15'), // before the 03-10 period opened on 03-17
      makeActivity('call-3', 'cadence_call', '2026-03-15'), // same day: starts no second period
      makeActivity('call-4', 'cadence_call', '2026-03-25'), // closes the 03-15 period, opened 03-22
    ];
    expect(summary(plan({ account, activities, now: '2026-04-02T00:00:00Z', rules: CADENCE_RULES }))).toEqual([
      ['2026-03-15', '2026-03-22T00:00:00.000Z', '2026-03-29T00:00:00.000Z', 'call-4'],
      ['2026-03-25', '2026-04-01T00:00:00.000Z', '2026-04-08T00:00:00.000Z', null],
    ]);
  });

  it('moves the open cadence task to the new gap when the account turns red, keeping its period.', () => {
    const account = makeAccount({ csmSegment: 'Growth', priority: 'PR2' });
    const activities = [makeActivity('call-1', 'cadence_call', '2026-04-01')];
    const green = plan({ account, activities, now: '2026-06-25T00:00:00Z', rules: CADENCE_RULES });
    const red = plan({
      account: { ...account, health: 'red' },
      activities,
      now: '2026-06-25T00:00:00Z',
      rules: CADENCE_RULES,
    });
    expect(green.map((task) => [task.ruleId, task.periodKey, task.dueAt.toISOString()])).toEqual([
      ['cadence.growth_pr2', '2026-04-01', '2026-06-30T00:00:00.000Z'],
    ]);
    expect(red.map((task) => [task.ruleId, task.periodKey, task.dueAt.toISOString()])).toEqual([
      ['cadence.growth_pr1', '2026-03-02', '2026-04-01T00:00:00.000Z'],
      ['cadence.growth_pr1', '2026-04-01', '2026-05-01T00:00:00.000Z'],
    ]);
  });
});

describe('renewal periods', () => {
  it('rolls the renewal date forward a year when a renewal is recorded, early or late.', () => {
    expect(rollRenewalDate('2027-03-02', '2027-01-15')).toBe('2028-03-02');
    expect(rollRenewalDate('2027-03-02', '2027-03-02')).toBe('2028-03-02');
    expect(rollRenewalDate('2027-03-02', '2027-04-20')).toBe('2028-03-02');
  });

  it('skips anniversaries already past when a renewal is recorded more than a year late.', () => {
    expect(rollRenewalDate('2027-03-02', '2028-03-02')).toBe('2029-03-02');
  });

  it('rolls 29 February to 28 February and rejects a malformed recording day.', () => {
    expect(rollRenewalDate('2028-02-29', '2028-02-01')).toBe('2029-02-28');
    expect(() => rollRenewalDate('2028-02-29', 'soon')).toThrow(RangeError);
  });

  it('opens a fresh renewal question for the rolled date that an earlier renewal call does not complete.', () => {
    const account = makeAccount({ renewalDate: '2027-03-02' });
    const activities = [makeActivity('r1', 'renewal_call', '2026-11-20')];
    const first = plan({ account, activities, now: '2026-11-21T00:00:00Z', rules: rules('renewal.question') });
    expect(summary(first)).toEqual([['2027-03-02', '2026-11-02T00:00:00.000Z', '2026-12-02T00:00:00.000Z', 'r1']]);

    const rolled = { ...account, renewalDate: rollRenewalDate('2027-03-02', '2027-02-10') };
    const next = plan({ account: rolled, activities, now: '2027-11-02T00:00:00Z', rules: rules('renewal.question') });
    expect(summary(next)).toEqual([['2028-03-02', '2027-11-02T00:00:00.000Z', '2027-12-02T00:00:00.000Z', null]]);
  });
});

describe('executive business reviews', () => {
  const ebr = rules('ebr.contract_year');

  it('plans no EBR task for a contract year whose EBR was held before the reminder opened.', () => {
    const activities = [makeActivity('ebr-early', 'ebr', '2026-05-10')];
    expect(plan({ account: makeAccount(), activities, now: '2026-09-10T00:00:00Z', rules: ebr })).toEqual([]);
  });

  it('lets a late EBR complete the overdue contract year first, so the next year still needs its own.', () => {
    const activities = [makeActivity('ebr-late', 'ebr', '2027-04-01')];
    expect(summary(plan({ account: makeAccount(), activities, now: '2027-04-02T00:00:00Z', rules: ebr }))).toEqual([
      ['2026-03-02', '2026-08-02T00:00:00.000Z', '2026-09-02T00:00:00.000Z', 'ebr-late'],
    ]);
    expect(summary(plan({ account: makeAccount(), activities, now: '2027-08-02T00:00:00Z', rules: ebr }))).toEqual([
      ['2026-03-02', '2026-08-02T00:00:00.000Z', '2026-09-02T00:00:00.000Z', 'ebr-late'],
      ['2027-03-02', '2027-08-02T00:00:00.000Z', '2027-09-02T00:00:00.000Z', null],
    ]);
  });

  it('drops a missed contract year once the next one opens and only nags about the current one.', () => {
    const tasks = plan({ account: makeAccount(), now: '2028-08-02T00:00:00Z', rules: ebr });
    expect(tasks.map((task) => task.periodKey)).toEqual(['2028-03-02']);
  });
});

describe('month ends and leap days', () => {
  it('lands the windows of a contract started on 31 January on the last day of shorter months.', () => {
    const account = makeAccount({ contractStart: '2028-01-31', successServices: true });
    const quarter = plan({ account, now: '2028-05-01T00:00:00Z', rules: rules('accelerator.quarter') });
    // Quarter 1 starts 3 months on (30 April); its due day is 4 months from the contract start, 31 May.
    expect(summary(quarter)).toEqual([['2028-04-30', '2028-04-30T00:00:00.000Z', '2028-05-31T00:00:00.000Z', null]]);
    const yearly = plan({
      account,
      now: '2028-07-24T00:00:00Z',
      rules: rules('ebr.contract_year', 'onboarding.outlook'),
    });
    expect(summary(yearly)).toEqual([
      ['2028-01-31', '2028-06-30T00:00:00.000Z', '2028-07-31T00:00:00.000Z', null],
      ['2028-01-31', '2028-07-24T00:00:00.000Z', '2028-07-31T00:00:00.000Z', null],
    ]);
  });

  it('lands a month window on 29 February in a leap year and 28 February otherwise.', () => {
    const renewal = rules('renewal.question');
    const leap = plan({
      account: makeAccount({ renewalDate: '2028-05-31' }),
      now: '2028-02-01T00:00:00Z',
      rules: renewal,
    });
    expect(summary(leap)).toEqual([['2028-05-31', '2028-01-31T00:00:00.000Z', '2028-02-29T00:00:00.000Z', null]]);
    const common = plan({
      account: makeAccount({ renewalDate: '2027-05-31' }),
      now: '2027-02-01T00:00:00Z',
      rules: renewal,
    });
    expect(summary(common)).toEqual([['2027-05-31', '2027-01-31T00:00:00.000Z', '2027-02-28T00:00:00.000Z', null]]);
    const outlook = plan({
      account: makeAccount({ contractStart: '2027-08-31' }),
      now: '2028-03-01T00:00:00Z',
      rules: rules('onboarding.outlook'),
    });
    expect(summary(outlook)).toEqual([['2027-08-31', '2028-02-22T00:00:00.000Z', '2028-02-29T00:00:00.000Z', null]]);
  });

  it('starts the contract years of a 29 February contract on 28 February, and on the 29th again in leap years.', () => {
    const account = makeAccount({ contractStart: '2028-02-29' });
    const activities = [makeActivity('ebr-0', 'ebr', '2028-08-01')];
    const ebr = rules('ebr.contract_year');
    expect(summary(plan({ account, activities, now: '2029-07-29T00:00:00Z', rules: ebr }))).toEqual([
      ['2028-02-29', '2028-07-29T00:00:00.000Z', '2028-08-29T00:00:00.000Z', 'ebr-0'],
      ['2029-02-28', '2029-07-29T00:00:00.000Z', '2029-08-29T00:00:00.000Z', null],
    ]);
    expect(plan({ account, now: '2032-07-29T00:00:00Z', rules: ebr }).map((task) => task.periodKey)).toEqual([
      '2032-02-29',
    ]);
    const followUp = plan({ account, now: '2029-02-28T00:00:00Z', rules: rules('onboarding.renewal_follow_up') });
    expect(followUp[0]?.dueAt.toISOString()).toBe('2029-02-28T00:00:00.000Z');
  });
});

describe('daylight saving in the team zone', () => {
  const kickoff = rules('handoff.csm_kickoff');

  it('makes a task due on the New York spring-forward day due at that local midnight.', () => {
    const [task] = plan({
      account: makeAccount({ contractStart: '2026-02-22' }),
      now: '2026-03-01T12:00:00Z',
      timeZone: 'America/New_York',
      rules: kickoff,
    });
    expect(task?.opensAt.toISOString()).toBe('2026-02-22T05:00:00.000Z');
    expect(task?.dueAt.toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });

  it('makes a task due on the New York fall-back day due at that local midnight.', () => {
    const [task] = plan({
      account: makeAccount({ contractStart: '2026-10-18' }),
      now: '2026-10-20T12:00:00Z',
      timeZone: 'America/New_York',
      rules: kickoff,
    });
    expect(task?.opensAt.toISOString()).toBe('2026-10-18T04:00:00.000Z');
    expect(task?.dueAt.toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('makes tasks due on the Berlin spring-forward and fall-back days due at those local midnights.', () => {
    const [spring] = plan({
      account: makeAccount({ contractStart: '2026-03-15' }),
      now: '2026-03-20T12:00:00Z',
      timeZone: 'Europe/Berlin',
      rules: kickoff,
    });
    expect(spring?.opensAt.toISOString()).toBe('2026-03-14T23:00:00.000Z');
    expect(spring?.dueAt.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    const [fall] = plan({
      account: makeAccount({ contractStart: '2026-10-11' }),
      now: '2026-10-20T12:00:00Z',
      timeZone: 'Europe/Berlin',
      rules: kickoff,
    });
    expect(fall?.opensAt.toISOString()).toBe('2026-10-10T22:00:00.000Z');
    expect(fall?.dueAt.toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });

  it('counts a cadence gap in calendar days across the change, not in 24-hour blocks.', () => {
    const account = makeAccount({ csmSegment: 'Strategic', priority: 'PR1', contractStart: '2026-10-18' });
    const [task] = plan({ account, now: '2026-10-26T12:00:00Z', timeZone: 'Europe/Berlin', rules: CADENCE_RULES });
    // 2026-11-01 starts at 00:00 CET: 14 calendar days, which is 14 x 24 hours plus one.
    expect(task?.dueAt.toISOString()).toBe('2026-10-31T23:00:00.000Z');
  });

  it('reads today in the team zone: just after local midnight the new day has begun in Berlin but not in New York.', () => {
    const account = makeAccount({ contractStart: '2026-03-27' });
    const intro = rules('onboarding.personal_introduction');
    const activities = [makeActivity('ms-1', 'onboarding_milestone', '2026-03-29')];
    const now = '2026-03-28T23:30:00Z';
    const berlin = plan({ account, activities, now, timeZone: 'Europe/Berlin', rules: intro });
    // In Berlin it is already 03-29: the step has opened and a milestone dated 03-29 counts.
    expect(summary(berlin)).toEqual([['2026-03-27', '2026-03-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z', 'ms-1']]);
    // With the whole checklist, that milestone goes to the older welcome step first.
    const both = plan({
      account,
      activities,
      now,
      timeZone: 'Europe/Berlin',
      rules: rules('onboarding.welcome', 'onboarding.personal_introduction'),
    });
    expect(both.map((task) => task.completedByActivityId)).toEqual(['ms-1', null]);
    expect(plan({ account, activities, now, timeZone: 'America/New_York', rules: intro })).toEqual([]);
  });
});

describe('isOverdue', () => {
  const [task] = planTasks({
    rules: rules('handoff.csm_kickoff'),
    account: makeAccount({ contractStart: '2026-02-22' }),
    activities: [],
    now: new Date('2026-03-01T12:00:00Z'),
    timeZone: 'America/New_York',
  });
  if (!task) throw new Error('fixture task missing');

  it('is false until the due instant and true from it on.', () => {
    expect(isOverdue(task, new Date('2026-03-08T04:59:59.999Z'))).toBe(false);
    expect(isOverdue(task, new Date('2026-03-08T05:00:00.000Z'))).toBe(true);
  });

  it('is false for a completed task, however late.', () => {
    expect(isOverdue({ ...task, completedByActivityId: 'meeting-1' }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});
