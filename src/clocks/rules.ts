/**
 * Every customer clock from SPEC.md ("Clocks: what is due, when", "Accelerators", "Handoff") as
 * data. A new reminder rule is one entry here and one test in test/clocks/rules.test.ts.
 *
 * Offsets count from the anchor day and land on the start of a day in the team zone
 * (see calendar.ts): `due: { days: 7 }` is due at the first instant of anchor + 7.
 */
import { ACCELERATOR_STARTED, type ActivityType } from '../domain/activity';
import { type ClockRule, singleFigure } from './clock-rule';

const CONTRACT_START = { kind: 'accountDay', field: 'contractStart' } as const;

/** Success Services onboarding (SPEC.md), for the CSA; steps complete in order. */
const SUCCESS_SERVICES_ONBOARDING: readonly ClockRule[] = [
  {
    id: 'success_services.welcome_email',
    title: 'Send the Success Services welcome email',
    forRole: 'CSA',
    appliesTo: { successServices: true },
    // "24 hours after CSA and ASE are both identified": the start of the next day.
    anchor: { kind: 'accountDay', field: 'csaAseIdentifiedOn' },
    opens: {},
    due: { days: 1 },
    completedBy: ['email'],
    sequence: { group: 'success_services', step: 1 },
  },
  {
    id: 'success_services.internal_handover',
    title: 'Hold the internal account-team handover',
    forRole: 'CSA',
    appliesTo: { successServices: true },
    anchor: CONTRACT_START,
    opens: {},
    due: { days: 7 },
    // Choice: the internal prep call is logged as a meeting.
    completedBy: ['meeting'],
    sequence: { group: 'success_services', step: 2 },
  },
  {
    id: 'success_services.customer_kickoff',
    title: 'Hold the customer kickoff call',
    forRole: 'CSA',
    appliesTo: { successServices: true },
    anchor: CONTRACT_START,
    opens: {},
    due: { days: 14 },
    // Choice: a meeting or a call; the sequence gives the first meeting to the handover.
    completedBy: ['meeting', 'call'],
    sequence: { group: 'success_services', step: 3 },
  },
  {
    id: 'success_services.first_accelerator',
    title: 'Begin the first accelerator',
    forRole: 'CSA',
    appliesTo: { successServices: true },
    anchor: CONTRACT_START,
    // Choice: SPEC gives only "due 21 days"; like the checklist's single figures it opens 7 days before.
    ...singleFigure({ days: 21 }),
    // Starting an accelerator (`/cs accelerator start`) is what counts, from the contract start on.
    completedBy: [ACCELERATOR_STARTED],
    completionWindow: { from: {} },
    sequence: { group: 'success_services', step: 4 },
  },
];

/** One step of the onboarding checklist (SPEC.md), for the CSM, completed by onboarding milestones in order. */
function onboardingStep(step: number, id: string, title: string, window: Pick<ClockRule, 'opens' | 'due'>): ClockRule {
  return {
    id: `onboarding.${id}`,
    title: `Onboarding ${step}/10: ${title}`,
    forRole: 'CSM',
    appliesTo: {},
    anchor: CONTRACT_START,
    ...window,
    completedBy: ['onboarding_milestone'],
    sequence: { group: 'onboarding', step },
  };
}

/** The onboarding checklist. "2-5 days" opens at day 2 and is due at day 5; a single figure via `singleFigure`. */
const ONBOARDING_CHECKLIST: readonly ClockRule[] = [
  onboardingStep(1, 'welcome', 'Welcome', singleFigure({ days: 1 })),
  onboardingStep(2, 'personal_introduction', 'Personal introduction', { opens: { days: 2 }, due: { days: 5 } }),
  onboardingStep(3, 'installation_follow_up', 'Installation follow-up', { opens: { days: 7 }, due: { days: 10 } }),
  onboardingStep(4, 'education', 'Education', { opens: { days: 20 }, due: { days: 30 } }),
  onboardingStep(5, 'discovery', 'Discovery', singleFigure({ days: 60 })),
  onboardingStep(6, 'check_in', 'Check-in', singleFigure({ days: 90 })),
  onboardingStep(7, 'outlook', 'Outlook', singleFigure({ months: 6 })),
  onboardingStep(8, 'renewal_expansion', 'Renewal/expansion talk', singleFigure({ months: 10 })),
  onboardingStep(9, 'renewal_check', 'Renewal check', singleFigure({ months: 11 })),
  onboardingStep(10, 'renewal_follow_up', 'Renewal follow-up', singleFigure({ months: 12 })),
];

/** Days between cadence calls by CSM segment and effective priority (SPEC.md); other pairs have none. */
function cadenceRule(segment: 'Strategic' | 'Growth', priority: 'PR1' | 'PR2', gapDays: number): ClockRule {
  return {
    id: `cadence.${segment.toLowerCase()}_${priority.toLowerCase()}`,
    title: `Cadence call (${segment} ${priority}: every ${gapDays} days)`,
    forRole: 'CSM',
    appliesTo: { csmSegments: [segment], effectivePriorities: [priority] },
    // Choice: before the first cadence call the gap counts from the contract start; an account
    // with neither has no cadence task.
    anchor: { kind: 'lastCompletion', initial: 'contractStart' },
    // Choice: opens 7 days before it is due, like the checklist's single figures.
    ...singleFigure({ days: gapDays }),
    completedBy: ['cadence_call'],
    // The next call after the anchor completes the period (and starts the next one). A call on
    // the anchor day itself is the one that started the period, so it cannot complete it.
    completionWindow: { from: { days: 1 } },
  };
}

const CADENCE_CALLS: readonly ClockRule[] = [
  cadenceRule('Strategic', 'PR1', 14),
  cadenceRule('Strategic', 'PR2', 30),
  cadenceRule('Growth', 'PR1', 30),
  cadenceRule('Growth', 'PR2', 90),
];

const CSM_RECURRING: readonly ClockRule[] = [
  {
    id: 'renewal.question',
    title: 'Ask the soft renewal question',
    forRole: 'CSM',
    appliesTo: {},
    // The renewal date rolls forward a year when a renewal is recorded (renewal.ts), which makes
    // a new period: each renewal has its own task, keyed by its renewal date.
    anchor: { kind: 'accountDay', field: 'renewalDate' },
    opens: { months: -4 },
    due: { months: -3 },
    completedBy: ['renewal_call'],
  },
  {
    id: 'ebr.contract_year',
    title: 'Hold the executive business review for this contract year',
    forRole: 'CSM',
    // Choice: every account with a contract start, so every Strategic account gets its one EBR a
    // contract year; other segments get the same reminder, which they may mark Not needed.
    appliesTo: {},
    anchor: { kind: 'contractYear' },
    // Choice: opens a month before it is due, at month 5.
    opens: { months: 5 },
    due: { months: 6 },
    completedBy: ['ebr'],
    // Any EBR held in the contract year counts, even before the reminder opens; a late one logged
    // in the next contract year completes the overdue one first (each EBR completes one period).
    completionWindow: { from: {} },
  },
  {
    id: 'success_plan.strategic',
    title: 'Create an active success plan (Strategic account)',
    forRole: 'CSM',
    appliesTo: { csmSegments: ['Strategic'], successPlanActive: false },
    // Choice: counted from the contract start (the only stable day the account has), due a week
    // later. An account moved into Strategic long after its contract start is overdue at once.
    anchor: CONTRACT_START,
    opens: {},
    due: { days: 7 },
    completedBy: ['success_plan_update'],
  },
];

const ACCELERATOR_QUARTERS: readonly ClockRule[] = [
  {
    id: 'accelerator.quarter',
    title: 'Start an accelerator this quarter (none started yet)',
    forRole: 'CSA',
    appliesTo: { successServices: true },
    // Quarter 0 is covered by success_services.first_accelerator, so reminders start at quarter 1.
    anchor: { kind: 'contractQuarter', fromQuarter: 1 },
    // Choice: opens when the quarter starts, due at the end of its first month.
    opens: {},
    due: { months: 1 },
    completedBy: [ACCELERATOR_STARTED],
    // Only an accelerator started inside this quarter counts.
    completionWindow: { from: {}, endsAtNextPeriod: true },
  },
];

/**
 * One expectation of a running accelerator (SPEC.md "Accelerators"), for its CSA, counted from its
 * start day: completed by a CSA engagement of that phase belonging to that accelerator, held any
 * time from the start on (a planning workshop held early still counts).
 */
function acceleratorPhaseRule(
  phase: 'discovery' | 'planning' | 'close_out',
  title: string,
  window: Pick<ClockRule, 'opens' | 'due'>,
): ClockRule {
  return {
    id: `accelerator.${phase}`,
    title,
    forRole: 'CSA',
    appliesTo: { successServices: true },
    anchor: { kind: 'acceleratorStart' },
    ...window,
    completedBy: ['csa_engagement'],
    acceleratorPhase: phase,
    completionWindow: { from: {} },
  };
}

/** Week 1 is the start day and the 6 after it, so "in week 1" is due at the start of day 7. */
const ACCELERATOR_PHASES: readonly ClockRule[] = [
  acceleratorPhaseRule('discovery', 'Hold the accelerator discovery workshop (week 1)', {
    opens: {},
    due: { days: 7 },
  }),
  acceleratorPhaseRule('planning', 'Hold the accelerator planning workshop and agree the backlog (week 2)', {
    opens: { days: 7 },
    due: { days: 14 },
  }),
  // After about 10 weeks of execution; opens as week 12 begins.
  acceleratorPhaseRule('close_out', 'Close out the accelerator (by the end of week 12)', {
    opens: { days: 77 },
    due: { days: 84 },
  }),
];

/** Handoff from pre-sales to post-sales (SPEC.md), opened when the contract start is set. */
const HANDOFF: readonly ClockRule[] = [
  {
    id: 'handoff.welcome_call',
    title: 'Hold the welcome call and introduce the CSM',
    forRole: 'AE',
    appliesTo: {},
    anchor: CONTRACT_START,
    opens: {},
    // Choice: within the first week.
    due: { days: 7 },
    completedBy: ['call'],
  },
  {
    id: 'handoff.record_transfer',
    title: 'Transfer the customer record and technical profile to the CSM',
    forRole: 'SA',
    appliesTo: {},
    anchor: CONTRACT_START,
    opens: {},
    // Choice: within the first week; an internal hand-over is logged as "other".
    due: { days: 7 },
    completedBy: ['other'],
  },
  {
    id: 'handoff.csm_kickoff',
    title: 'Hold the kickoff with the customer',
    forRole: 'CSM',
    appliesTo: {},
    anchor: CONTRACT_START,
    opens: {},
    // Choice: within the first two weeks, after the welcome call; logged as a meeting.
    due: { days: 14 },
    completedBy: ['meeting'],
  },
];

export const CLOCK_RULES: readonly ClockRule[] = [
  ...HANDOFF,
  ...SUCCESS_SERVICES_ONBOARDING,
  ...ONBOARDING_CHECKLIST,
  ...CSM_RECURRING,
  ...CADENCE_CALLS,
  ...ACCELERATOR_QUARTERS,
  ...ACCELERATOR_PHASES,
];

/** The activity types some clock counts; the planner reads no others (accelerator starts come from their own table). */
export const CLOCK_ACTIVITY_TYPES: readonly ActivityType[] = [
  ...new Set(CLOCK_RULES.flatMap((rule) => rule.completedBy).filter((type) => type !== ACCELERATOR_STARTED)),
];
