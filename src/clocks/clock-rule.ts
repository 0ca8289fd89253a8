/**
 * The shape of one clock rule. A rule is data: which accounts it applies to, which day it counts
 * from, when its task opens and is due, who it is for and which activities complete it. The
 * planner (`plan-tasks.ts`) is the only code that interprets it.
 */

import type { AcceleratorPhase } from '../domain/accelerator';
import type { CsmSegment, Priority, TeamRole } from '../domain/account';
import type { ClockEventType } from '../domain/activity';
import type { CalendarOffset } from './calendar';

/** Account dates a rule can count from. Each is a calendar day in the team's zone, or null. */
export type AccountDayField = 'contractStart' | 'csaAseIdentifiedOn' | 'renewalDate';

/**
 * What a rule counts from. Each anchor yields periods; a period is one occurrence of the task and
 * its key (the day it counts from) tells occurrences apart. An anchor whose account date is null
 * yields no periods, so "requires a contract start" is implied by anchoring on it.
 */
export type ClockAnchor =
  /** One period, counted from that account date. Key: the date. */
  | { readonly kind: 'accountDay'; readonly field: AccountDayField }
  /**
   * One period per contract year n = 0, 1, 2 ..., counted from the year's first day,
   * contractStart + n years. Key: that day.
   */
  | { readonly kind: 'contractYear' }
  /**
   * One period per contract quarter k = fromQuarter, fromQuarter + 1 ..., counted from
   * contractStart + 3k months (quarter k mod 4 of contract year k div 4). Key: that day.
   */
  | { readonly kind: 'contractQuarter'; readonly fromQuarter: number }
  /**
   * One period per day an activity completing this rule happened, counted from that day: "the gap
   * since the last one". Before the first such activity there is one period counted from the
   * account date `initial`. Key: the day counted from.
   */
  | { readonly kind: 'lastCompletion'; readonly initial: AccountDayField }
  /** One period per accelerator started, counted from its start day. Key: that day. */
  | { readonly kind: 'acceleratorStart' };

/** Which accounts a rule applies to. Every field given must match; an empty filter matches all. */
export interface AccountFilter {
  readonly successServices?: boolean;
  readonly csmSegments?: readonly CsmSegment[];
  /** Matched against `effectivePriority`, so a red account counts as PR1. */
  readonly effectivePriorities?: readonly Priority[];
  readonly successPlanActive?: boolean;
}

/** Which activities count towards a period, by their `occurredOn` day. */
export interface CompletionWindow {
  /** First day that counts, as an offset from the period's anchor day. Default: the opening day. */
  readonly from?: CalendarOffset;
  /** Whether the window closes at the next period's anchor day (exclusive). Default: it never closes. */
  readonly endsAtNextPeriod?: boolean;
}

/**
 * Rules in one sequence group are steps done in order: each activity completes at most one step of
 * the group, the lowest-numbered step still waiting for it (see `completion.ts`).
 */
export interface ClockSequence {
  readonly group: string;
  readonly step: number;
}

export interface ClockRule {
  /** Stable: tasks are stored by (rule id, period key). Never rename a shipped id. */
  readonly id: string;
  /** Shown in Slack. */
  readonly title: string;
  readonly forRole: TeamRole;
  readonly appliesTo: AccountFilter;
  readonly anchor: ClockAnchor;
  /** When the task opens, from the period's anchor day (start of that day in the team zone). */
  readonly opens: CalendarOffset;
  /** When the task is due, from the period's anchor day (start of that day in the team zone). */
  readonly due: CalendarOffset;
  /** Activity types (or clock events, such as an accelerator starting) that complete the task. */
  readonly completedBy: readonly ClockEventType[];
  /**
   * With an `acceleratorStart` anchor: only a CSA engagement of this phase, belonging to the
   * period's accelerator, completes the task.
   */
  readonly acceleratorPhase?: AcceleratorPhase;
  readonly completionWindow?: CompletionWindow;
  readonly sequence?: ClockSequence;
}

/** How many days before a single-figure deadline its window opens (SPEC.md, onboarding checklist). */
export const SINGLE_FIGURE_LEAD_DAYS = 7;

/**
 * The window for a single-figure deadline ("Discovery: 60 days"): opens 7 days before the
 * deadline and is due on it. A window that would open before the anchor opens at the anchor
 * instead (choice: "Welcome: due 1 day" opens at contract start, not 6 days before it, since there
 * is nothing to do for an account before its contract starts).
 */
export function singleFigure(due: CalendarOffset): Pick<ClockRule, 'opens' | 'due'> {
  const onlyDays = !due.months && !due.years;
  const leadDays = (due.days ?? 0) - SINGLE_FIGURE_LEAD_DAYS;
  // Month figures (6 months and up) always leave 7 days of room, so only day figures can clamp.
  const opens = onlyDays ? { days: Math.max(0, leadDays) } : { ...due, days: leadDays };
  return { opens, due };
}
