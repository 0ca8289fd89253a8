/**
 * `/cs report` as data: the weekly calls, cadence compliance, EBR coverage, renewals and success
 * plans, for the whole team or for one person (their calls, and the accounts they are the CSM of).
 */
import type { ReportAccount } from '../accounts/account-repository';
import type { ReportActivity } from '../activities/activity-repository';
import type { CalendarDay } from '../clocks/calendar';
import { dayIn } from '../domain/calendar-day';
import type { ReportTask } from '../tasks/task-repository';
import { type CadenceByCsm, cadenceCompliance } from './cadence-compliance';
import { PREVIOUS_WEEKS, type WeeklyCalls, weeklyCalls } from './call-minimums';
import { type EbrStatus, ebrCoverage } from './ebr-coverage';
import type { AccountRef } from './report-account';
import { reportWeeks } from './report-days';
import { strategicWithoutPlan } from './success-plans';
import { type UpcomingRenewal, upcomingRenewals } from './upcoming-renewals';

export interface CsReport {
  today: CalendarDay;
  /** The team's zone, to show instants (a cadence task's due time) as its days. */
  timeZone: string;
  /** Whose report it is: null for the team's (a CS admin's), else that person's. */
  person: string | null;
  calls: WeeklyCalls;
  cadence: CadenceByCsm[];
  ebr: { held: EbrStatus[]; missing: EbrStatus[] };
  renewals: UpcomingRenewal[];
  successPlans: AccountRef[];
}

/** What the report is computed from. */
export interface CsReportRows {
  /** Every active account (the report narrows them to a person's itself). */
  accounts: readonly ReportAccount[];
  /** Calls dated from `callsSince(today)` on. */
  calls: readonly ReportActivity[];
  /** EBRs and renewal calls of the last 12 months at least (`lookBackFor` in team-view.ts). */
  ebrsAndRenewalCalls: readonly ReportActivity[];
  /** Open and snoozed cadence tasks. */
  cadenceTasks: readonly ReportTask[];
}

/** The first day a call can count on: the Monday of the earliest week the report shows. */
export function callsSince(today: CalendarDay): CalendarDay {
  const { current, previous } = reportWeeks(today, PREVIOUS_WEEKS);
  return (previous.at(-1) ?? current).firstDay;
}

export function csReportOf(
  rows: CsReportRows,
  params: { now: Date; timeZone: string; person: string | null },
): CsReport {
  const today = dayIn(params.now, params.timeZone);
  const { person } = params;
  const accounts = person === null ? rows.accounts : rows.accounts.filter((account) => account.csm === person);
  return {
    today,
    timeZone: params.timeZone,
    person,
    calls: weeklyCalls({
      // The minimum comes from the person's own accounts, but a call counts on any active account.
      accounts: rows.accounts,
      calls: rows.calls,
      today,
      people: person === null ? null : [person],
    }),
    cadence: cadenceCompliance(accounts, rows.cadenceTasks, params.now),
    ebr: ebrCoverage(accounts, rows.ebrsAndRenewalCalls, today),
    renewals: upcomingRenewals(accounts, rows.ebrsAndRenewalCalls, today),
    successPlans: strategicWithoutPlan(accounts),
  };
}
