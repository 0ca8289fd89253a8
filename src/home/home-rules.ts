/**
 * What the App Home shows, as pure functions of rows and `now`: which tasks are overdue or due
 * this week, each account's cadence status, and which accelerators are in progress.
 */
import { type AcceleratorProgress, acceleratorRunningOn, describePhase } from '../accelerators/accelerator-rules';
import type { MemberAccount } from '../accounts/account-repository';
import { addCalendar, isoWeekOf, startOfDayIn } from '../clocks/calendar';
import { cadenceRuleApplies } from '../clocks/rule-lookup';
import { dayIn } from '../domain/calendar-day';

export type CadenceStatus = 'on track' | 'due' | 'overdue';

/**
 * Whether the account's cadence call is on track (no cadence task open), due (its window is open)
 * or overdue; null when no cadence clock applies to it (Scale, Digital, PR3).
 */
export function cadenceStatus(account: MemberAccount, now: Date): CadenceStatus | null {
  // Cadence filters read segment and priority only; the success-plan flag is not part of them.
  const filterable = { ...account, successPlanActive: false };
  if (!cadenceRuleApplies(filterable)) return null;
  if (account.cadenceDue === null) return 'on track';
  return account.cadenceDue <= now ? 'overdue' : 'due';
}

/** The first instant after this week (Monday to Sunday in the team zone): "this week's tasks" are due before it. */
export function endOfWeek(now: Date, timeZone: string): Date {
  const sunday = isoWeekOf(dayIn(now, timeZone)).lastDay;
  return startOfDayIn(addCalendar(sunday, { days: 1 }), timeZone);
}

/** Overdue tasks and those due by the end of this week, oldest due first (later ones wait for their week). */
export function tasksForHome<T extends { dueAt: Date }>(tasks: readonly T[], now: Date, timeZone: string): T[] {
  const weekEnds = endOfWeek(now, timeZone);
  return tasks.filter((task) => task.dueAt < weekEnds);
}

export interface AcceleratorInProgress {
  accountName: string;
  progress: AcceleratorProgress;
  phase: string;
}

/** The accelerators running today on these accounts (one per account at most), by account name. */
export function acceleratorsInProgress(
  accounts: readonly Pick<MemberAccount, 'id' | 'name'>[],
  progress: readonly AcceleratorProgress[],
  today: string,
): AcceleratorInProgress[] {
  return accounts.flatMap((account) => {
    const running = acceleratorRunningOn(
      progress.filter((entry) => entry.accelerator.accountId === account.id),
      today,
    );
    if (!running) return [];
    return [
      {
        accountName: account.name,
        progress: running,
        phase: describePhase(running.accelerator.startsOn, today, running.closedOutOn),
      },
    ];
  });
}
