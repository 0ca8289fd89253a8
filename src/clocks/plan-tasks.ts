/**
 * The tasks the clocks say should exist for one account at one instant. Pure: the same inputs
 * always give the same (deep-equal) tasks, in the same order, whatever order activities come in.
 */
import type { Account, TeamRole } from '../domain/account';
import { ACCELERATOR_STARTED, type ClockActivity } from '../domain/activity';
import { isIsoDay } from '../domain/calendar-day';
import { matchesAccount } from './applies';
import { type CalendarDay, dayIn, startOfDayIn } from './calendar';
import type { ClockRule } from './clock-rule';
import { byOccurrence, matchCompletions, type PeriodSlot } from './completion';
import { knownPeriods } from './periods';
import { CLOCK_RULES } from './rules';

export interface PlannedTask {
  readonly accountId: string;
  readonly ruleId: string;
  /** The day the period counts from. (accountId, ruleId, periodKey) names a task for good. */
  readonly periodKey: CalendarDay;
  readonly title: string;
  readonly forRole: TeamRole;
  /** The account-team member in `forRole`, or null while nobody holds it. */
  readonly forUserId: string | null;
  /** Start of the opening day in the team zone. */
  readonly opensAt: Date;
  /** Start of the due day in the team zone. */
  readonly dueAt: Date;
  readonly completedByActivityId: string | null;
  /** Set instead when an accelerator starting completed it (the first accelerator, a quarter's). */
  readonly completedByAcceleratorId: string | null;
}

export interface PlanTasksInput {
  readonly rules?: readonly ClockRule[];
  readonly account: Account;
  /** The account's timeline; other accounts' activities are ignored. */
  readonly activities: readonly ClockActivity[];
  readonly now: Date;
  /** The team's IANA time zone, in which account dates and occurredOn days are read. */
  readonly timeZone: string;
  /**
   * Since when cs-bot has known the account. A one-time task (an onboarding step, a handoff, a
   * renewal question) already due before then is history, not work: importing a two-year-old
   * account must not flood its channel, and an activity logged later completes the oldest step
   * that is still open, not one that was skipped. Recurring clocks keep their current period.
   */
  readonly trackedSince?: Date;
}

interface Outcome {
  readonly slot: PeriodSlot;
  readonly completion: ClockActivity | null;
}

/**
 * Which periods of one rule become tasks, given all its opened periods, oldest first:
 *   - a period completed before it opened is dropped: it never needed a reminder (an EBR held at
 *     month 2, a cadence call made before the next one's window opened);
 *   - of the rest, the newest one, plus the one before it when that one is completed, so the
 *     activity that closed it stays visible after the next period opens (for cadence calls the
 *     same call closes one period and starts the next). Older periods are out of the plan: a
 *     recurring rule only nags about its current occurrence.
 * One-period rules (onboarding steps, handoff, renewal question) thus plan their one task once open.
 */
function tasksOfRule(outcomes: readonly Outcome[]): Outcome[] {
  const needed = outcomes.filter(
    ({ slot, completion }) => completion === null || completion.occurredOn >= slot.period.opensOn,
  );
  const latest = needed.at(-1);
  const previous = needed.at(-2);
  if (!latest) return [];
  return previous?.completion ? [previous, latest] : [latest];
}

function isHistory(rule: ClockRule, dueOn: CalendarDay, timeZone: string, trackedSince: Date | undefined): boolean {
  return (
    trackedSince !== undefined && rule.anchor.kind === 'accountDay' && startOfDayIn(dueOn, timeZone) < trackedSince
  );
}

/** The account's own activities, up to and including `today`, earliest first. */
function timelineUpTo(account: Account, activities: readonly ClockActivity[], today: CalendarDay): ClockActivity[] {
  return activities
    .filter((activity) => activity.accountId === account.id)
    .map((activity) => {
      // Days compare as strings, so a malformed one would be silently misplaced.
      if (!isIsoDay(activity.occurredOn)) throw new RangeError(`Activity ${activity.id} has no valid occurredOn day`);
      return activity;
    })
    .filter((activity) => activity.occurredOn <= today)
    .sort(byOccurrence);
}

function completedBy(
  completion: ClockActivity | null,
): Pick<PlannedTask, 'completedByActivityId' | 'completedByAcceleratorId'> {
  if (completion?.type === ACCELERATOR_STARTED) {
    return { completedByActivityId: null, completedByAcceleratorId: completion.acceleratorId ?? completion.id };
  }
  return { completedByActivityId: completion?.id ?? null, completedByAcceleratorId: null };
}

/** Whether the plan sees the task completed, by an activity or by an accelerator starting. */
export const isCompleted = (task: Pick<PlannedTask, 'completedByActivityId' | 'completedByAcceleratorId'>) =>
  task.completedByActivityId !== null || task.completedByAcceleratorId !== null;

export interface ClockPlan {
  readonly tasks: PlannedTask[];
  /**
   * The first instant after `now` at which the plan could differ if nothing about the account
   * changed (no activity logged, no field edited): the plan reads `now` only as "today", and only
   * through which periods have opened and which activities are dated by then. So it is the start
   * of the earliest later day on which a period opens or a dated activity comes into view; null
   * when there is none (a closed account, or clocks that wait for an activity). The engine
   * replans an account only once this instant has come, or when the account changed.
   */
  readonly nextChange: Date | null;
}

/**
 * Plans the tasks for `account` at `now`, and when that plan can next change.
 *
 * - A closed account plans nothing.
 * - "Today" is the day `now` falls on in the team zone; activities dated after today are ignored,
 *   so planning for a past instant with today's timeline reproduces what was due then.
 * - A rule plans tasks when its filter matches the account and a period has opened by today (see
 *   `tasksOfRule`); its completion is matched as described in completion.ts.
 */
export function planClocks({
  rules = CLOCK_RULES,
  account,
  activities,
  now,
  timeZone,
  trackedSince,
}: PlanTasksInput): ClockPlan {
  if (Number.isNaN(now.getTime())) throw new RangeError('`now` is not a valid instant');
  // Read today first: it rejects an unknown zone (RangeError) even for a closed account.
  const today = dayIn(now, timeZone);
  if (account.status === 'closed') return { tasks: [], nextChange: null };

  const timeline = timelineUpTo(account, activities, today);
  let next: CalendarDay | null = null;
  const consider = (day: CalendarDay) => {
    if (day > today && (next === null || day < next)) next = day;
  };
  for (const activity of activities) if (activity.accountId === account.id) consider(activity.occurredOn);

  const slotsByRule = rules
    .filter((rule) => matchesAccount(rule.appliesTo, account))
    .map((rule) => {
      const periods = knownPeriods(rule, account, timeline, today);
      for (const period of periods) consider(period.opensOn);
      return {
        rule,
        slots: periods
          .filter((period) => period.opensOn <= today && !isHistory(rule, period.dueOn, timeZone, trackedSince))
          .map((period): PeriodSlot => ({ rule, period })),
      };
    });
  const completions = matchCompletions(
    slotsByRule.flatMap(({ slots }) => slots),
    timeline,
  );

  const tasks = slotsByRule.flatMap(({ rule, slots }) => {
    const outcomes = slots.map((slot) => ({ slot, completion: completions.get(slot) ?? null }));
    return tasksOfRule(outcomes).map(({ slot, completion }) => ({
      accountId: account.id,
      ruleId: rule.id,
      periodKey: slot.period.key,
      title: rule.title,
      forRole: rule.forRole,
      forUserId: account.team.find((member) => member.role === rule.forRole)?.slackUserId ?? null,
      opensAt: startOfDayIn(slot.period.opensOn, timeZone),
      dueAt: startOfDayIn(slot.period.dueOn, timeZone),
      ...completedBy(completion),
    }));
  });
  return { tasks, nextChange: next === null ? null : startOfDayIn(next, timeZone) };
}

/** The tasks the clocks say should exist for one account at `now` (see `planClocks`). */
export function planTasks(input: PlanTasksInput): PlannedTask[] {
  return planClocks(input).tasks;
}

/** When the plan of `planTasks(input)` can next change (see `ClockPlan.nextChange`). */
export function nextPlanChange(input: PlanTasksInput): Date | null {
  return planClocks(input).nextChange;
}

/**
 * Whether `task` is overdue at `now`: not completed, and its due instant has arrived (a task due at
 * the start of a day is overdue from that first instant on). Snoozes and "Not needed" live with
 * the stored task, not here.
 */
export function isOverdue(
  task: Pick<PlannedTask, 'dueAt' | 'completedByActivityId' | 'completedByAcceleratorId'>,
  now: Date,
): boolean {
  return !isCompleted(task) && now.getTime() >= task.dueAt.getTime();
}
