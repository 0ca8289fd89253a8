/** `/cs report` as a message: one list per report, within a message's 50 blocks. */
import { dayIn, formatDay } from '../domain/calendar-day';
import type { CadenceAccount, CadenceByCsm } from '../reports/cadence-compliance';
import { type CallTally, PREVIOUS_WEEKS } from '../reports/call-minimums';
import type { CsReport } from '../reports/cs-report';
import type { EbrStatus } from '../reports/ebr-coverage';
import { RENEWAL_HORIZON_DAYS } from '../reports/upcoming-renewals';
import type { KnownBlock } from '../slack/block-kit';
import { contextLine, SLACK_LIMITS, truncateText } from '../slack/block-kit-limits';
import { mentionUser } from '../slack/mrkdwn';
import {
  accountName,
  accountWithCsm,
  ebrMissingLine,
  joinLines,
  listLines,
  plural,
  renewalLine,
  titledLines,
} from './report-lines';

/** Lines a report's list shows at most; the rest is counted in "…and N more". */
export const REPORT_LINES = 40;

/** Accounts a cadence line names in each state before it only counts the rest. */
const CADENCE_NAMES = 5;

function callLine(tally: CallTally): string {
  const who = `• ${mentionUser(tally.user)}`;
  if (!tally.segment) {
    return `${who} · no call minimum (CSM of no Strategic, Growth or Scale account) · this week *${tally.thisWeek}* · the ${PREVIOUS_WEEKS} weeks before: ${tally.previousWeeks.join(', ')}`;
  }
  const minimum = tally.segment.weeklyMinimum;
  const mark = tally.thisWeek >= minimum ? ':white_check_mark:' : ':warning:';
  const met = tally.previousWeeks.filter((count) => count >= minimum).length;
  return `${who} · ${tally.segment.label} (${plural(tally.accounts, 'account')}) · this week *${tally.thisWeek} of ${minimum}* ${mark} · the ${PREVIOUS_WEEKS} weeks before: ${tally.previousWeeks.join(', ')} (minimum met in ${met} of ${PREVIOUS_WEEKS})`;
}

function named(entries: readonly CadenceAccount[], timeZone: string | null): string {
  const names = entries.slice(0, CADENCE_NAMES).map((entry) => {
    const due = timeZone !== null && entry.dueAt ? ` (due ${formatDay(dayIn(entry.dueAt, timeZone))})` : '';
    return `${accountName(entry.account)}${due}`;
  });
  const rest = entries.length - names.length;
  return rest > 0 ? `${names.join(', ')} and ${rest} more` : names.join(', ');
}

function cadenceLine(group: CadenceByCsm, timeZone: string): string {
  const parts = [`${group.onTime.length} on time`];
  if (group.due.length > 0) parts.push(`${group.due.length} due: ${named(group.due, null)}`);
  if (group.overdue.length > 0) parts.push(`${group.overdue.length} overdue: ${named(group.overdue, timeZone)}`);
  return `• ${group.csm ? mentionUser(group.csm) : 'No CSM'}: ${parts.join(' · ')}`;
}

const ebrHeldLine = (status: EbrStatus) =>
  `• :white_check_mark: ${accountWithCsm(status.account)} · EBR ${status.lastEbrOn ? formatDay(status.lastEbrOn) : 'held'}`;

const sum = (groups: readonly CadenceByCsm[], state: 'onTime' | 'due' | 'overdue') =>
  groups.reduce((total, group) => total + group[state].length, 0);

/**
 * The report's five lists under a header saying whose it is, then what counts as a call. The
 * lists share the blocks left, so a team of any size gets one message rather than a refusal.
 */
export function reportMessage(report: CsReport): { text: string; blocks: KnownBlock[] } {
  const { week } = report.calls;
  const weekRange = `${formatDay(week.firstDay)} – ${formatDay(week.lastDay)}`;
  const title = `${report.person === null ? 'Team report' : 'Your report'} · week of ${formatDay(week.firstDay)}`;
  const notAsked = report.renewals.filter((renewal) => renewal.askedOn === null).length;
  const ebrTotal = report.ebr.held.length + report.ebr.missing.length;
  const lists = [
    {
      title: `:telephone_receiver: *Calls this week* (${weekRange}) against the weekly minimum`,
      lines: listLines(report.calls.tallies, callLine),
      empty: '_No active account has a CSM yet._',
    },
    {
      title: `:repeat: *Cadence calls* · ${sum(report.cadence, 'onTime')} on time, ${sum(report.cadence, 'due')} due, ${sum(report.cadence, 'overdue')} overdue`,
      lines: listLines(report.cadence, (group) => cadenceLine(group, report.timeZone)),
      empty: '_No account has a cadence clock (Strategic or Growth at PR1 or PR2, with a contract start)._',
    },
    {
      title: `:bar_chart: *EBRs this contract year* (Strategic accounts) · ${report.ebr.held.length} of ${ebrTotal} held`,
      lines: joinLines(
        listLines(report.ebr.missing, (status) => ebrMissingLine(status, ':warning:')),
        listLines(report.ebr.held, ebrHeldLine),
      ),
      empty: '_No Strategic account is in a contract year._',
    },
    {
      title: `:calendar: *Renewals in the next ${RENEWAL_HORIZON_DAYS} days* · ${report.renewals.length}, ${notAsked} with the renewal question not asked`,
      lines: listLines(report.renewals, renewalLine),
      empty: '_No renewals coming up._',
    },
    {
      title: `:clipboard: *Strategic accounts without an active success plan* · ${report.successPlans.length}`,
      lines: listLines(report.successPlans, (account) => `• ${accountWithCsm(account)}`),
      empty: '_Every Strategic account has an active success plan._',
    },
  ];
  const intro =
    report.person === null
      ? 'Every active account and every CSM.'
      : 'Your calls and the accounts you are the CSM of; CS admins see the whole team.';
  const footer =
    'Calls are the activities of type call, cadence call, EBR and renewal call, counted for whoever logged them, in the week they are dated (Monday to Sunday). Closed accounts and deleted activities never count.';
  // The header, the intro and the footer take three blocks; the lists share the rest.
  const share = Math.floor((SLACK_LIMITS.messageBlocks - 3) / lists.length);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncateText(title, SLACK_LIMITS.headerText) } },
    contextLine(intro),
    ...lists.flatMap((list) =>
      titledLines(list.title, list.lines, { maxBlocks: share, maxLines: REPORT_LINES, empty: list.empty }),
    ),
    contextLine(footer),
  ];
  return { text: title, blocks };
}
