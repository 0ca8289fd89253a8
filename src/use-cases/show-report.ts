import type { AccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import { CADENCE_RULE_PREFIX } from '../clocks/rule-lookup';
import { dayIn } from '../domain/calendar-day';
import { isAdmin } from '../domain/permissions';
import { CALL_TYPES } from '../reports/call-minimums';
import { callsSince, csReportOf } from '../reports/cs-report';
import { lookBackFor } from '../reports/team-view';
import type { KnownBlock } from '../slack/block-kit';
import type { TaskRepository } from '../tasks/task-repository';
import { reportMessage } from '../views/report-message';

/**
 * `/cs report`: a CS admin sees the whole team; anyone else their own calls and the accounts they
 * are the CSM of. Four reads, however big the book; the rest is counted in src/reports.
 */
export async function showReport(
  deps: {
    accounts: AccountRepository;
    activities: ActivityRepository;
    tasks: TaskRepository;
    timeZone: string;
    admins: readonly string[];
  },
  request: { userId: string },
  now: Date,
): Promise<{ text: string; blocks: KnownBlock[] }> {
  const today = dayIn(now, deps.timeZone);
  const person = isAdmin(request.userId, deps.admins) ? null : request.userId;
  const rows = {
    accounts: await deps.accounts.listActiveForReports(),
    // Someone's own report needs only the calls they logged.
    calls: await deps.activities.listForReports({
      types: CALL_TYPES,
      since: callsSince(today),
      ...(person === null ? {} : { loggedBy: person }),
    }),
    ebrsAndRenewalCalls: await deps.activities.listForReports({
      types: ['ebr', 'renewal_call'],
      since: lookBackFor(today),
    }),
    cadenceTasks: await deps.tasks.listOpenByRulePrefixForReports({ rulePrefix: CADENCE_RULE_PREFIX }),
  };
  return reportMessage(csReportOf(rows, { now, timeZone: deps.timeZone, person }));
}
