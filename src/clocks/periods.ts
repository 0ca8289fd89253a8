/**
 * The occurrences (periods) of a rule for one account: which day each counts from and when it
 * opens, is due and accepts completing activities. Calendar days only; instants come later.
 */
import type { Account } from '../domain/account';
import { ACCELERATOR_STARTED, type ClockActivity } from '../domain/activity';
import { addCalendar, type CalendarDay, type CalendarOffset } from './calendar';
import type { ClockRule } from './clock-rule';

export interface ClockPeriod {
  /** The day this period counts from; with the rule id it names the task. */
  readonly key: CalendarDay;
  readonly opensOn: CalendarDay;
  readonly dueOn: CalendarDay;
  /** First day a completing activity counts. */
  readonly completesFrom: CalendarDay;
  /** Day completing activities stop counting (exclusive), or null for never. */
  readonly completesBefore: CalendarDay | null;
  /** For an `acceleratorStart` anchor, the accelerator this period follows. */
  readonly acceleratorId: string | null;
}

/** Recurring anchors count every period from the original day plus a number of months, never by chaining. */
interface Origin {
  readonly base: CalendarDay;
  readonly months: number;
}

function at(origin: Origin, offset: CalendarOffset): CalendarDay {
  return addCalendar(origin.base, {
    months: origin.months + (offset.years ?? 0) * 12 + (offset.months ?? 0),
    days: offset.days ?? 0,
  });
}

function toPeriod(
  rule: ClockRule,
  origin: Origin,
  next: Origin | null,
  acceleratorId: string | null = null,
): ClockPeriod {
  const opensOn = at(origin, rule.opens);
  const window = rule.completionWindow;
  return {
    key: at(origin, {}),
    opensOn,
    dueOn: at(origin, rule.due),
    completesFrom: window?.from ? at(origin, window.from) : opensOn,
    completesBefore: window?.endsAtNextPeriod && next ? at(next, {}) : null,
    acceleratorId,
  };
}

/**
 * Periods every `stepMonths` from `base`, starting at step `first`, for as long as they have opened
 * by `today`; `next` is the first one still to open.
 */
function monthlyPeriods(
  rule: ClockRule,
  base: CalendarDay,
  stepMonths: number,
  first: number,
  today: CalendarDay,
): { opened: ClockPeriod[]; next: ClockPeriod } {
  const opened: ClockPeriod[] = [];
  for (let n = first; ; n += 1) {
    const origin = { base, months: n * stepMonths };
    const period = toPeriod(rule, origin, { base, months: (n + 1) * stepMonths });
    // Opening days grow with n, so the first unopened period ends the list.
    if (period.opensOn > today) return { opened, next: period };
    opened.push(period);
  }
}

/**
 * Every period of `rule` for `account` that the account's dates and `activities` (up to today,
 * sorted by day) define: for recurring anchors, those opened by `today` and the first one still
 * to open. The planner reads both what has opened and what opens next off this one list.
 */
export function knownPeriods(
  rule: ClockRule,
  account: Account,
  activities: readonly ClockActivity[],
  today: CalendarDay,
): ClockPeriod[] {
  const anchor = rule.anchor;
  switch (anchor.kind) {
    case 'accountDay': {
      const day = account[anchor.field];
      return day === null ? [] : [toPeriod(rule, { base: day, months: 0 }, null)];
    }
    case 'contractYear':
    case 'contractQuarter': {
      if (account.contractStart === null) return [];
      const { opened, next } =
        anchor.kind === 'contractYear'
          ? monthlyPeriods(rule, account.contractStart, 12, 0, today)
          : monthlyPeriods(rule, account.contractStart, 3, anchor.fromQuarter, today);
      return [...opened, next];
    }
    case 'lastCompletion': {
      const completionDays = [
        ...new Set(activities.filter((activity) => rule.completedBy.includes(activity.type)).map((a) => a.occurredOn)),
      ];
      const initial = account[anchor.initial];
      // The initial day only counts while no completing activity came before (or on) it.
      const first = completionDays[0];
      const days =
        initial !== null && (first === undefined || initial < first) ? [initial, ...completionDays] : completionDays;
      return days.map((day, index) => {
        const nextDay = days[index + 1];
        return toPeriod(rule, { base: day, months: 0 }, nextDay === undefined ? null : { base: nextDay, months: 0 });
      });
    }
    case 'acceleratorStart':
      return activities
        .filter((event) => event.type === ACCELERATOR_STARTED)
        .map((event) => toPeriod(rule, { base: event.occurredOn, months: 0 }, null, event.acceleratorId ?? event.id));
  }
}
