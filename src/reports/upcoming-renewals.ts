/** Renewals coming up, and whether the soft renewal question was asked for each. */
import type { ReportAccount } from '../accounts/account-repository';
import type { ReportActivity } from '../activities/activity-repository';
import { addCalendar, type CalendarDay } from '../clocks/calendar';
import { CLOCK_RULES } from '../clocks/rules';
import { groupBy } from '../db/in-chunks';
import type { RenewalOutcome } from '../domain/activity';
import { type AccountRef, refOf } from './report-account';
import { daysBetween } from './report-days';

/** How far ahead the reports look for renewals. */
export const RENEWAL_HORIZON_DAYS = 120;

export interface UpcomingRenewal {
  account: AccountRef;
  renewalDate: CalendarDay;
  /** Days from today to the renewal date (0: today). */
  daysLeft: number;
  /** The day of the latest renewal call since the question's window opened; null: not asked yet. */
  askedOn: CalendarDay | null;
  /** What the customer answered on that call. */
  outcome: RenewalOutcome | null;
}

/** The renewal question's window opens where its clock does (renewal date − 4 months), read from the rule itself. */
const QUESTION_OPENS = (() => {
  const rule = CLOCK_RULES.find((candidate) => candidate.id === 'renewal.question');
  if (!rule) throw new Error('The renewal.question clock is missing from CLOCK_RULES.');
  return rule.opens;
})();

export const renewalQuestionOpensOn = (renewalDate: CalendarDay): CalendarDay =>
  addCalendar(renewalDate, QUESTION_OPENS);

const latestFirst = (a: ReportActivity, b: ReportActivity) =>
  b.occurredOn.localeCompare(a.occurredOn) || b.createdAt.getTime() - a.createdAt.getTime();

/**
 * Accounts renewing from today to today + 120 days, soonest first. The question counts as asked
 * when a renewal call is dated on or after the day its window opened; the latest such call gives
 * the answer. A renewal date already past is not "upcoming" (`/cs renewed` moves it on).
 */
export function upcomingRenewals(
  accounts: readonly ReportAccount[],
  activities: readonly ReportActivity[],
  today: CalendarDay,
): UpcomingRenewal[] {
  const horizon = addCalendar(today, { days: RENEWAL_HORIZON_DAYS });
  const callsByAccount = groupBy(
    activities.filter((activity) => activity.type === 'renewal_call'),
    (activity) => activity.accountId,
  );
  return accounts
    .flatMap((account) => {
      const renewalDate = account.renewalDate;
      if (renewalDate === null || renewalDate < today || renewalDate > horizon) return [];
      const opensOn = renewalQuestionOpensOn(renewalDate);
      const latest = (callsByAccount.get(account.id) ?? [])
        .filter((call) => call.occurredOn >= opensOn)
        .sort(latestFirst)[0];
      return [
        {
          account: refOf(account),
          renewalDate,
          daysLeft: daysBetween(today, renewalDate),
          askedOn: latest?.occurredOn ?? null,
          outcome: latest?.renewalOutcome ?? null,
        },
      ];
    })
    .sort((a, b) => a.renewalDate.localeCompare(b.renewalDate) || a.account.name.localeCompare(b.account.name));
}
