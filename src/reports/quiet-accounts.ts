/** Accounts nobody has touched for a while. */
import type { ReportAccount } from '../accounts/account-repository';
import { addCalendar, type CalendarDay } from '../clocks/calendar';
import { type AccountRef, refOf } from './report-account';

/** An account is quiet when nothing was logged on it for more than this many days. */
export const QUIET_DAYS = 30;

export interface QuietAccount {
  account: AccountRef;
  /** The day of its latest activity; null when nothing was ever logged on it. */
  lastActivityOn: CalendarDay | null;
}

/**
 * Accounts whose latest activity is dated more than 30 days before today (one exactly 30 days ago
 * still counts as recent), or that have none: those never touched first, then the longest quiet.
 */
export function quietAccounts(
  accounts: readonly ReportAccount[],
  latestDayByAccount: ReadonlyMap<string, CalendarDay>,
  today: CalendarDay,
): QuietAccount[] {
  const recentFrom = addCalendar(today, { days: -QUIET_DAYS });
  return accounts
    .flatMap((account) => {
      const lastActivityOn = latestDayByAccount.get(account.id) ?? null;
      return lastActivityOn !== null && lastActivityOn >= recentFrom
        ? []
        : [{ account: refOf(account), lastActivityOn }];
    })
    .sort(
      (a, b) =>
        (a.lastActivityOn ?? '').localeCompare(b.lastActivityOn ?? '') || a.account.name.localeCompare(b.account.name),
    );
}
