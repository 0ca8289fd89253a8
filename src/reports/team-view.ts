/**
 * The team view: what the CS team should look at now, across every active account. One loader
 * for `/cs report`'s neighbours (the App Home, the Monday digest); closed accounts never count.
 */
import { createAccountRepository, type ReportAccount } from '../accounts/account-repository';
import { createActivityRepository, type ReportActivity } from '../activities/activity-repository';
import { addCalendar, type CalendarDay } from '../clocks/calendar';
import type { DbOrTx } from '../db/database';
import { dayIn } from '../domain/calendar-day';
import { createTaskRepository, type ReportTask } from '../tasks/task-repository';
import { type EbrStatus, ebrCoverage } from './ebr-coverage';
import { type OverdueByPerson, overdueByPerson } from './overdue-by-person';
import { type QuietAccount, quietAccounts } from './quiet-accounts';
import { type UpcomingRenewal, upcomingRenewals } from './upcoming-renewals';

export interface TeamView {
  /** The team's day (CS_TIMEZONE) the view was taken on. */
  today: CalendarDay;
  /** The team's zone, to show instants (an overdue task's due time) as its days. */
  timeZone: string;
  /** People with overdue tasks (as the daily DM counts them), the longest overdue first. */
  overdueByPerson: OverdueByPerson[];
  /** Renewals from today to today + 120 days, soonest first, with the renewal question asked or not. */
  renewals: UpcomingRenewal[];
  /** Strategic accounts (CSM segment) with no EBR dated in their current contract year. */
  strategicWithoutEbr: EbrStatus[];
  /** Active accounts with no activity in the last 30 days (or ever). */
  quietAccounts: QuietAccount[];
}

/** What the team view is computed from: the rows `loadTeamView` reads. */
export interface TeamViewRows {
  accounts: readonly ReportAccount[];
  overdueTasks: readonly ReportTask[];
  /** EBRs and renewal calls of the last 12 months at least. */
  ebrsAndRenewalCalls: readonly ReportActivity[];
  latestDayByAccount: ReadonlyMap<string, CalendarDay>;
}

/** Far enough back for both a contract year's EBRs and a renewal question's window (4 months before a renewal ahead). */
export const lookBackFor = (today: CalendarDay): CalendarDay => addCalendar(today, { months: -12 });

export function teamViewOf(rows: TeamViewRows, params: { now: Date; timeZone: string }): TeamView {
  const today = dayIn(params.now, params.timeZone);
  const active = new Set(rows.accounts.map((account) => account.id));
  return {
    today,
    timeZone: params.timeZone,
    overdueByPerson: overdueByPerson(
      rows.overdueTasks.filter((task) => active.has(task.accountId)),
      params.now,
    ),
    renewals: upcomingRenewals(rows.accounts, rows.ebrsAndRenewalCalls, today),
    strategicWithoutEbr: ebrCoverage(rows.accounts, rows.ebrsAndRenewalCalls, today).missing,
    quietAccounts: quietAccounts(rows.accounts, rows.latestDayByAccount, today),
  };
}

/** Reads the team view in four queries, however many accounts there are. */
export async function loadTeamView(db: DbOrTx, params: { now: Date; timeZone: string }): Promise<TeamView> {
  const today = dayIn(params.now, params.timeZone);
  const activities = createActivityRepository({ db });
  const rows: TeamViewRows = {
    accounts: await createAccountRepository({ db }).listActiveForReports(),
    overdueTasks: await createTaskRepository({ db }).listOverdueForReports({ now: params.now }),
    ebrsAndRenewalCalls: await activities.listForReports({ types: ['ebr', 'renewal_call'], since: lookBackFor(today) }),
    latestDayByAccount: await activities.latestDayByAccount(),
  };
  return teamViewOf(rows, params);
}
