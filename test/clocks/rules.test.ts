/**
 * One test (at least) per entry of CLOCK_RULES, registered with `ruleIt` so the last test can check
 * that no rule goes untested. Days are read in UTC here, so an expected instant is simply
 * `<day>T00:00:00.000Z`; daylight saving is covered in plan-tasks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ClockRule } from '../../src/clocks/clock-rule';
import { type PlannedTask, planTasks } from '../../src/clocks/plan-tasks';
import { CLOCK_RULES } from '../../src/clocks/rules';
import type { Account } from '../../src/domain/account';
import type { ClockActivity } from '../../src/domain/activity';
import { AE, CSA, CSM, makeAcceleratorStart, makeAccount, makeActivity, makeEngagement, SA } from './fixtures';

const ZONE = 'UTC';
const tested = new Set<string>();

function ruleById(id: string): ClockRule {
  const rule = CLOCK_RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`No rule ${id}`);
  return rule;
}

/** Registers a test for one rule. */
function ruleIt(ruleId: string, name: string, body: (rule: ClockRule) => void): void {
  tested.add(ruleId);
  it(name, () => body(ruleById(ruleId)));
}

function midnight(day: string): string {
  return `${day}T00:00:00.000Z`;
}

function plan(
  rules: readonly ClockRule[],
  account: Account,
  activities: readonly ClockActivity[],
  now: string,
): PlannedTask[] {
  return planTasks({ rules, account, activities, now: new Date(now), timeZone: ZONE });
}

interface WindowExpectation {
  account: Account;
  periodKey: string;
  opens: string;
  due: string;
  forUserId: string;
  activities?: readonly ClockActivity[];
}

/** The rule plans the period exactly from the start of `opens` (not an instant earlier), due at the start of `due`. */
function expectWindow(rule: ClockRule, expected: WindowExpectation): PlannedTask {
  const activities = expected.activities ?? [];
  const opensAt = new Date(midnight(expected.opens));
  const before = plan([rule], expected.account, activities, new Date(opensAt.getTime() - 1).toISOString());
  expect(before.filter((task) => task.periodKey === expected.periodKey)).toEqual([]);
  const atOpening = plan([rule], expected.account, activities, opensAt.toISOString());
  const task = atOpening.find((candidate) => candidate.periodKey === expected.periodKey);
  expect(task).toMatchObject({
    ruleId: rule.id,
    title: rule.title,
    forRole: rule.forRole,
    forUserId: expected.forUserId,
    completedByActivityId: null,
  });
  expect(task?.opensAt.toISOString()).toBe(midnight(expected.opens));
  expect(task?.dueAt.toISOString()).toBe(midnight(expected.due));
  if (!task) throw new Error('unreachable');
  return task;
}

function completionOf(
  rule: ClockRule,
  account: Account,
  activities: readonly ClockActivity[],
  now: string,
): (string | null)[] {
  return plan([rule], account, activities, now).map((task) => task.completedByActivityId);
}

const SUCCESS_SERVICES = makeAccount({ successServices: true, csaAseIdentifiedOn: '2026-03-05' });

describe('handoff rules', () => {
  ruleIt(
    'handoff.welcome_call',
    'The AE welcome call opens at contract start, is due a week later and a call completes it.',
    (rule) => {
      expectWindow(rule, {
        account: makeAccount(),
        periodKey: '2026-03-02',
        opens: '2026-03-02',
        due: '2026-03-09',
        forUserId: AE,
      });
      const activities = [makeActivity('m1', 'meeting', '2026-03-03'), makeActivity('c1', 'call', '2026-03-04')];
      expect(completionOf(rule, makeAccount(), activities, '2026-03-05T10:00:00Z')).toEqual(['c1']);
    },
  );

  ruleIt(
    'handoff.record_transfer',
    'The SA record transfer opens at contract start, is due a week later and an "other" activity completes it.',
    (rule) => {
      expectWindow(rule, {
        account: makeAccount(),
        periodKey: '2026-03-02',
        opens: '2026-03-02',
        due: '2026-03-09',
        forUserId: SA,
      });
      const activities = [makeActivity('c1', 'call', '2026-03-03'), makeActivity('o1', 'other', '2026-03-06')];
      expect(completionOf(rule, makeAccount(), activities, '2026-03-06T10:00:00Z')).toEqual(['o1']);
    },
  );

  ruleIt(
    'handoff.csm_kickoff',
    'The CSM kickoff opens at contract start, is due two weeks later and a meeting completes it.',
    (rule) => {
      expectWindow(rule, {
        account: makeAccount(),
        periodKey: '2026-03-02',
        opens: '2026-03-02',
        due: '2026-03-16',
        forUserId: CSM,
      });
      const activities = [makeActivity('m1', 'meeting', '2026-03-10')];
      expect(completionOf(rule, makeAccount(), activities, '2026-03-20T10:00:00Z')).toEqual(['m1']);
    },
  );

  it('Handoff tasks wait until the contract start is set.', () => {
    const rules = CLOCK_RULES.filter((rule) => rule.id.startsWith('handoff.'));
    expect(plan(rules, makeAccount({ contractStart: null }), [], '2026-06-01T00:00:00Z')).toEqual([]);
  });
});

describe('Success Services onboarding rules', () => {
  ruleIt(
    'success_services.welcome_email',
    'The welcome email opens the day CSA and ASE are both identified and is due at the start of the next day.',
    (rule) => {
      expectWindow(rule, {
        account: SUCCESS_SERVICES,
        periodKey: '2026-03-05',
        opens: '2026-03-05',
        due: '2026-03-06',
        forUserId: CSA,
      });
      const activities = [makeActivity('e0', 'email', '2026-03-04'), makeActivity('e1', 'email', '2026-03-05')];
      expect(completionOf(rule, SUCCESS_SERVICES, activities, '2026-03-05T18:00:00Z')).toEqual(['e1']);
    },
  );

  ruleIt('success_services.welcome_email', 'The welcome email waits until CSA and ASE are both identified.', (rule) => {
    const account = makeAccount({ successServices: true, csaAseIdentifiedOn: null });
    expect(plan([rule], account, [], '2026-04-01T00:00:00Z')).toEqual([]);
  });

  ruleIt(
    'success_services.internal_handover',
    'The internal handover is due a week after contract start and the first meeting completes it.',
    (rule) => {
      expectWindow(rule, {
        account: SUCCESS_SERVICES,
        periodKey: '2026-03-02',
        opens: '2026-03-02',
        due: '2026-03-09',
        forUserId: CSA,
      });
      const activities = [makeActivity('m1', 'meeting', '2026-03-04')];
      expect(completionOf(rule, SUCCESS_SERVICES, activities, '2026-03-05T00:00:00Z')).toEqual(['m1']);
    },
  );

  ruleIt(
    'success_services.customer_kickoff',
    'The customer kickoff opens at contract start, is due 14 days later and takes the meeting after the one that completed the handover.',
    (rule) => {
      expectWindow(rule, {
        account: SUCCESS_SERVICES,
        periodKey: '2026-03-02',
        opens: '2026-03-02',
        due: '2026-03-16',
        forUserId: CSA,
      });
      const handover = ruleById('success_services.internal_handover');
      const activities = [makeActivity('m2', 'meeting', '2026-03-10'), makeActivity('m1', 'meeting', '2026-03-04')];
      const tasks = plan([handover, rule], SUCCESS_SERVICES, activities, '2026-03-11T00:00:00Z');
      expect(tasks.map((task) => [task.ruleId, task.completedByActivityId])).toEqual([
        ['success_services.internal_handover', 'm1'],
        ['success_services.customer_kickoff', 'm2'],
      ]);
    },
  );

  ruleIt(
    'success_services.first_accelerator',
    'The first accelerator opens 14 days after contract start, is due at day 21 and starting an accelerator completes it; a CSA engagement does not.',
    (rule) => {
      expectWindow(rule, {
        account: SUCCESS_SERVICES,
        periodKey: '2026-03-02',
        opens: '2026-03-16',
        due: '2026-03-23',
        forUserId: CSA,
      });
      const engagementOnly = [makeActivity('x1', 'csa_engagement', '2026-03-18')];
      expect(completionOf(rule, SUCCESS_SERVICES, engagementOnly, '2026-03-18T10:00:00Z')).toEqual([null]);
      const started = plan(
        [rule],
        SUCCESS_SERVICES,
        [makeAcceleratorStart('acc-a', '2026-03-18')],
        '2026-03-18T10:00:00Z',
      );
      expect(started.map((task) => [task.completedByActivityId, task.completedByAcceleratorId])).toEqual([
        [null, 'acc-a'],
      ]);
      // Started before the reminder opened: it never needed one.
      expect(
        plan([rule], SUCCESS_SERVICES, [makeAcceleratorStart('acc-b', '2026-03-09')], '2026-03-20T00:00:00Z'),
      ).toEqual([]);
    },
  );

  it('An account without Success Services gets none of the Success Services or accelerator tasks.', () => {
    const rules = CLOCK_RULES.filter((rule) => rule.forRole === 'CSA');
    const account = makeAccount({ successServices: false, csaAseIdentifiedOn: '2026-03-05' });
    expect(plan(rules, account, [], '2027-06-01T00:00:00Z')).toEqual([]);
  });
});

describe('onboarding checklist rules', () => {
  const steps: Array<[string, string, string]> = [
    ['onboarding.welcome', '2026-03-02', '2026-03-03'],
    ['onboarding.personal_introduction', '2026-03-04', '2026-03-07'],
    ['onboarding.installation_follow_up', '2026-03-09', '2026-03-12'],
    ['onboarding.education', '2026-03-22', '2026-04-01'],
    ['onboarding.discovery', '2026-04-24', '2026-05-01'],
    ['onboarding.check_in', '2026-05-24', '2026-05-31'],
    ['onboarding.outlook', '2026-08-26', '2026-09-02'],
    ['onboarding.renewal_expansion', '2026-12-26', '2027-01-02'],
    ['onboarding.renewal_check', '2027-01-26', '2027-02-02'],
    ['onboarding.renewal_follow_up', '2027-02-23', '2027-03-02'],
  ];
  for (const [ruleId, opens, due] of steps) {
    ruleIt(
      ruleId,
      `The step ${ruleId} opens on ${opens} and is due on ${due} for a contract started on 2026-03-02.`,
      (rule) => {
        expectWindow(rule, { account: makeAccount(), periodKey: '2026-03-02', opens, due, forUserId: CSM });
      },
    );
  }

  it('Onboarding milestones tick off the oldest open steps in order, and one logged before the contract start counts for none.', () => {
    const rules = CLOCK_RULES.filter((rule) => rule.sequence?.group === 'onboarding');
    const activities = [
      makeActivity('early', 'onboarding_milestone', '2026-03-01'),
      makeActivity('a', 'onboarding_milestone', '2026-03-05'),
      makeActivity('b', 'onboarding_milestone', '2026-03-05'),
      makeActivity('c', 'onboarding_milestone', '2026-03-06'),
    ];
    const tasks = plan(rules, makeAccount(), activities, '2026-03-10T00:00:00Z');
    expect(tasks.map((task) => [task.ruleId, task.completedByActivityId])).toEqual([
      ['onboarding.welcome', 'a'],
      ['onboarding.personal_introduction', 'b'],
      // 'c' happened before the installation step opened on 2026-03-09, so it waits for the next milestone.
      ['onboarding.installation_follow_up', null],
    ]);
  });
});

describe('renewal, EBR and success plan rules', () => {
  ruleIt(
    'renewal.question',
    'The renewal question opens four months before the renewal date, is due three months before it and a renewal call completes it.',
    (rule) => {
      const account = makeAccount({ renewalDate: '2027-03-02' });
      expectWindow(rule, { account, periodKey: '2027-03-02', opens: '2026-11-02', due: '2026-12-02', forUserId: CSM });
      // A renewal call before the window opens is the previous renewal's business.
      const activities = [
        makeActivity('r0', 'renewal_call', '2026-10-20'),
        makeActivity('r1', 'renewal_call', '2026-11-20'),
      ];
      expect(completionOf(rule, account, activities, '2026-11-21T00:00:00Z')).toEqual(['r1']);
    },
  );

  ruleIt(
    'ebr.contract_year',
    'The EBR is due six months into each contract year, opens a month before and an EBR completes it.',
    (rule) => {
      const account = makeAccount();
      expectWindow(rule, { account, periodKey: '2026-03-02', opens: '2026-08-02', due: '2026-09-02', forUserId: CSM });
      expectWindow(rule, { account, periodKey: '2027-03-02', opens: '2027-08-02', due: '2027-09-02', forUserId: CSM });
      const activities = [makeActivity('ebr1', 'ebr', '2026-08-20')];
      expect(completionOf(rule, account, activities, '2026-08-21T00:00:00Z')).toEqual(['ebr1']);
    },
  );

  ruleIt(
    'success_plan.strategic',
    'A Strategic account without an active success plan gets a task for its CSM, due a week after contract start.',
    (rule) => {
      const account = makeAccount({ csmSegment: 'Strategic', successPlanActive: false });
      expectWindow(rule, { account, periodKey: '2026-03-02', opens: '2026-03-02', due: '2026-03-09', forUserId: CSM });
      const activities = [makeActivity('sp1', 'success_plan_update', '2026-03-12')];
      expect(completionOf(rule, account, activities, '2026-03-12T10:00:00Z')).toEqual(['sp1']);
    },
  );

  ruleIt(
    'success_plan.strategic',
    'A Strategic account with an active success plan, or a Growth account without one, gets no success plan task.',
    (rule) => {
      const now = '2026-04-01T00:00:00Z';
      expect(plan([rule], makeAccount({ csmSegment: 'Strategic', successPlanActive: true }), [], now)).toEqual([]);
      expect(plan([rule], makeAccount({ csmSegment: 'Growth', successPlanActive: false }), [], now)).toEqual([]);
    },
  );
});

describe('cadence call rules', () => {
  const cadences: Array<[string, Partial<Account>, string, string]> = [
    ['cadence.strategic_pr1', { csmSegment: 'Strategic', priority: 'PR1' }, '2026-03-09', '2026-03-16'],
    ['cadence.strategic_pr2', { csmSegment: 'Strategic', priority: 'PR2' }, '2026-03-25', '2026-04-01'],
    ['cadence.growth_pr1', { csmSegment: 'Growth', priority: 'PR1' }, '2026-03-25', '2026-04-01'],
    ['cadence.growth_pr2', { csmSegment: 'Growth', priority: 'PR2' }, '2026-05-24', '2026-05-31'],
  ];
  for (const [ruleId, overrides, opens, due] of cadences) {
    ruleIt(
      ruleId,
      `The rule ${ruleId} counts its gap from the contract start until the first call, opening on ${opens} and due on ${due}.`,
      (rule) => {
        const account = makeAccount(overrides);
        expectWindow(rule, { account, periodKey: '2026-03-02', opens, due, forUserId: CSM });
        // Only the matching segment and priority get this rule.
        const others = cadences.filter(([id]) => id !== ruleId).map(([id]) => ruleById(id));
        expect(plan(others, account, [], '2027-01-01T00:00:00Z')).toEqual([]);
      },
    );
  }
});

describe('accelerator quarter rule', () => {
  ruleIt(
    'accelerator.quarter',
    'Each contract quarter after the first reminds the CSA at its start, due a month later, completed only by an accelerator event in that quarter.',
    (rule) => {
      expectWindow(rule, {
        account: SUCCESS_SERVICES,
        periodKey: '2026-06-02',
        opens: '2026-06-02',
        due: '2026-07-02',
        forUserId: CSA,
      });
      expectWindow(rule, {
        account: SUCCESS_SERVICES,
        periodKey: '2026-09-02',
        opens: '2026-09-02',
        due: '2026-10-02',
        forUserId: CSA,
      });
      const activities = [
        makeAcceleratorStart('q0', '2026-05-20'),
        makeActivity('e1', 'csa_engagement', '2026-06-05'),
        makeAcceleratorStart('q1', '2026-06-10'),
      ];
      const acceleratorOf = (tasks: PlannedTask[]) => tasks.map((task) => task.completedByAcceleratorId);
      expect(acceleratorOf(plan([rule], SUCCESS_SERVICES, activities, '2026-06-11T00:00:00Z'))).toEqual(['q1']);
      // In quarter 2 the quarter-1 start no longer counts; quarter 1 stays visible as completed.
      const inQuarterTwo = plan([rule], SUCCESS_SERVICES, activities, '2026-09-15T00:00:00Z');
      expect(inQuarterTwo.map((task) => [task.periodKey, task.completedByAcceleratorId])).toEqual([
        ['2026-06-02', 'q1'],
        ['2026-09-02', null],
      ]);
      // A start in quarter 2 does not make up for a quarter 1 without one.
      const lateOnly = [makeAcceleratorStart('q2', '2026-09-10')];
      expect(acceleratorOf(plan([rule], SUCCESS_SERVICES, lateOnly, '2026-09-15T00:00:00Z'))).toEqual(['q2']);
      expect(plan([rule], SUCCESS_SERVICES, lateOnly, '2026-09-15T00:00:00Z').map((task) => task.periodKey)).toEqual([
        '2026-09-02',
      ]);
    },
  );

  it('A contract year starting 31 January has quarters starting 30 April, 31 July and 31 October, each reminder due a calendar month later.', () => {
    const rule = ruleById('accelerator.quarter');
    const account = makeAccount({ successServices: true, contractStart: '2027-01-31', renewalDate: null });
    const quarters = [
      ['2027-04-30', '2027-05-31'],
      ['2027-07-31', '2027-08-31'],
      ['2027-10-31', '2027-11-30'],
      ['2028-01-31', '2028-02-29'],
    ];
    for (const [opens, due] of quarters) {
      expectWindow(rule, {
        account,
        periodKey: opens as string,
        opens: opens as string,
        due: due as string,
        forUserId: CSA,
      });
    }
    // A start on 29 April belongs to the first quarter, so the second quarter's reminder stays open.
    const april = [makeAcceleratorStart('a1', '2027-04-29')];
    expect(plan([rule], account, april, '2027-05-01T00:00:00Z').map((task) => task.completedByAcceleratorId)).toEqual([
      null,
    ]);
    const firstDayOfQuarter = [makeAcceleratorStart('a2', '2027-04-30')];
    expect(
      plan([rule], account, firstDayOfQuarter, '2027-04-30T00:00:00Z').map((task) => task.completedByAcceleratorId),
    ).toEqual(['a2']);
  });
});

/** Hand-computed: an accelerator starting Monday 1 March 2027; week 1 is 1–7 March, week 12 is 17–23 May. */
describe('accelerator phase rules', () => {
  const account = makeAccount({ successServices: true, contractStart: '2027-01-31', renewalDate: null });
  const start = makeAcceleratorStart('acc-1', '2027-03-01');

  ruleIt(
    'accelerator.discovery',
    'The discovery workshop opens on the start day and is due at the end of week 1; only a discovery engagement of that accelerator completes it.',
    (rule) => {
      expectWindow(rule, {
        account,
        periodKey: '2027-03-01',
        opens: '2027-03-01',
        due: '2027-03-08',
        forUserId: CSA,
        activities: [start],
      });
      const other = [
        start,
        makeEngagement('p1', '2027-03-03', 'acc-1', 'planning'),
        makeEngagement('o1', '2027-03-03', 'acc-x', 'discovery'),
      ];
      expect(completionOf(rule, account, other, '2027-03-04T00:00:00Z')).toEqual([null]);
      const done = [...other, makeEngagement('d1', '2027-03-04', 'acc-1', 'discovery')];
      expect(completionOf(rule, account, done, '2027-03-04T12:00:00Z')).toEqual(['d1']);
    },
  );

  ruleIt(
    'accelerator.planning',
    'The planning workshop opens as week 2 begins and is due at its end; one held early still completes it.',
    (rule) => {
      expectWindow(rule, {
        account,
        periodKey: '2027-03-01',
        opens: '2027-03-08',
        due: '2027-03-15',
        forUserId: CSA,
        activities: [start],
      });
      const early = [start, makeEngagement('p1', '2027-03-05', 'acc-1', 'planning')];
      expect(plan([rule], account, early, '2027-03-10T00:00:00Z')).toEqual([]);
      const onTime = [start, makeEngagement('p2', '2027-03-09', 'acc-1', 'planning')];
      expect(completionOf(rule, account, onTime, '2027-03-10T00:00:00Z')).toEqual(['p2']);
    },
  );

  ruleIt(
    'accelerator.close_out',
    'The close-out opens as week 12 begins and is due at its end; the next accelerator gets its own.',
    (rule) => {
      expectWindow(rule, {
        account,
        periodKey: '2027-03-01',
        opens: '2027-05-17',
        due: '2027-05-24',
        forUserId: CSA,
        activities: [start],
      });
      const next = makeAcceleratorStart('acc-2', '2027-05-10');
      const closedOut = [start, next, makeEngagement('c1', '2027-05-20', 'acc-1', 'close_out')];
      expect(completionOf(rule, account, closedOut, '2027-05-21T00:00:00Z')).toEqual(['c1']);
      // The second one (week 12 from 26 July) is planned as its own period.
      const later = plan([rule], account, closedOut, '2027-07-26T00:00:00Z');
      expect(later.map((task) => [task.periodKey, task.completedByActivityId])).toEqual([
        ['2027-03-01', 'c1'],
        ['2027-05-10', null],
      ]);
    },
  );

  it('A Success Services account with no accelerator started has no phase tasks.', () => {
    const phases = CLOCK_RULES.filter((rule) => rule.anchor.kind === 'acceleratorStart');
    expect(plan(phases, account, [], '2027-06-01T00:00:00Z')).toEqual([]);
  });
});

describe('the rule table', () => {
  it('gives every rule a unique id.', () => {
    const ids = CLOCK_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every step of a sequence group a unique step number.', () => {
    const steps = CLOCK_RULES.flatMap((rule) =>
      rule.sequence ? [`${rule.sequence.group}#${rule.sequence.step}`] : [],
    );
    expect(new Set(steps).size).toBe(steps.length);
  });

  it('never makes a task due before it opens, even from a month-end anchor.', () => {
    const account = makeAccount({
      contractStart: '2028-01-31',
      renewalDate: '2028-05-31',
      csaAseIdentifiedOn: '2028-01-31',
      successServices: true,
      csmSegment: 'Strategic',
      successPlanActive: false,
      priority: 'PR1',
    });
    const tasks = plan(CLOCK_RULES, account, [], '2030-01-01T00:00:00Z');
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) expect(task.dueAt.getTime()).toBeGreaterThanOrEqual(task.opensAt.getTime());
  });

  it('has at least one test in this file for every rule in CLOCK_RULES.', () => {
    expect([...tested].sort()).toEqual(CLOCK_RULES.map((rule) => rule.id).sort());
  });
});
