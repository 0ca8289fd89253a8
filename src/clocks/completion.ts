/**
 * Which activity completes which period.
 *
 * Rule: within a completion group (a rule's sequence group, or else the rule alone) the periods
 * are taken in order (sequence step, then period key), and each takes the earliest activity that
 *   - is of one of the rule's `completedBy` types,
 *   - happened on or after the period's `completesFrom` day (and before `completesBefore`, if set),
 *   - has not already completed an earlier period of the same group.
 * So an activity completes at most one task per group: one onboarding milestone ticks off the
 * oldest open checklist step, one EBR covers one contract year, one cadence call closes the period
 * it ends (and, being the new "last cadence call", starts the next one). Different groups do not
 * share this budget: a meeting can complete both the CSM kickoff and the CSA internal handover.
 * "Earliest" orders activities by occurredOn, then createdAt, then id, so the answer does not
 * depend on the order they were passed in.
 */
import type { ClockActivity } from '../domain/activity';
import type { ClockRule } from './clock-rule';
import type { ClockPeriod } from './periods';

export interface PeriodSlot {
  readonly rule: ClockRule;
  readonly period: ClockPeriod;
}

/** Activities in the order "earliest" means above. */
export function byOccurrence(a: ClockActivity, b: ClockActivity): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1;
  const created = a.createdAt.getTime() - b.createdAt.getTime();
  if (created !== 0) return created;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function groupOf(rule: ClockRule): string {
  return rule.sequence ? `sequence:${rule.sequence.group}` : `rule:${rule.id}`;
}

function slotOrder(a: PeriodSlot, b: PeriodSlot): number {
  const step = (a.rule.sequence?.step ?? 0) - (b.rule.sequence?.step ?? 0);
  if (step !== 0) return step;
  return a.period.key < b.period.key ? -1 : a.period.key > b.period.key ? 1 : 0;
}

function accepts(slot: PeriodSlot, activity: ClockActivity): boolean {
  const { period, rule } = slot;
  return (
    rule.completedBy.includes(activity.type) &&
    activity.occurredOn >= period.completesFrom &&
    (period.completesBefore === null || activity.occurredOn < period.completesBefore) &&
    (rule.acceleratorPhase === undefined ||
      (activity.acceleratorPhase === rule.acceleratorPhase && activity.acceleratorId === period.acceleratorId))
  );
}

/**
 * The completing activity of every slot (null while none has happened).
 * `activities` must already be sorted with `byOccurrence`.
 */
export function matchCompletions(
  slots: readonly PeriodSlot[],
  activities: readonly ClockActivity[],
): Map<PeriodSlot, ClockActivity | null> {
  const groups = new Map<string, PeriodSlot[]>();
  for (const slot of slots) {
    const key = groupOf(slot.rule);
    const group = groups.get(key);
    if (group) group.push(slot);
    else groups.set(key, [slot]);
  }
  const result = new Map<PeriodSlot, ClockActivity | null>();
  for (const group of groups.values()) {
    const used = new Set<string>();
    for (const slot of group.sort(slotOrder)) {
      const match = activities.find((activity) => !used.has(activity.id) && accepts(slot, activity)) ?? null;
      if (match) used.add(match.id);
      result.set(slot, match);
    }
  }
  return result;
}
