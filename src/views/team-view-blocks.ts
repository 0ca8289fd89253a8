/** The team view as Block Kit (for the App Home and the Monday digest) and as plain text. */

import { dayIn, formatDay } from '../domain/calendar-day';
import { QUIET_DAYS } from '../reports/quiet-accounts';
import type { TeamView } from '../reports/team-view';
import { RENEWAL_HORIZON_DAYS } from '../reports/upcoming-renewals';
import type { KnownBlock } from '../slack/block-kit';
import { SLACK_LIMITS, truncateMrkdwn, truncateText } from '../slack/block-kit-limits';
import { mentionUser } from '../slack/mrkdwn';
import {
  accountWithCsm,
  ebrMissingLine,
  type ListLines,
  listLines,
  plural,
  renewalLine,
  titledLines,
} from './report-lines';

/** Lines a list of the team view shows at most, however much room there is: a digest is read at a glance. */
export const TEAM_VIEW_LINES = 15;

interface Part {
  title: string;
  lines: ListLines;
  empty: string;
}

const overdueCount = (view: TeamView) => view.overdueByPerson.reduce((sum, person) => sum + person.count, 0);
const notAsked = (view: TeamView) => view.renewals.filter((renewal) => renewal.askedOn === null).length;

/** One line of counts per list: the plain fallback, and the whole view when there is no room for lists. */
function counts(view: TeamView): string[] {
  const people = view.overdueByPerson.length;
  return [
    `Overdue tasks: ${overdueCount(view)}${people > 0 ? ` for ${plural(people, 'person', 'people')}` : ''}`,
    `Renewals in the next ${RENEWAL_HORIZON_DAYS} days: ${view.renewals.length} (${notAsked(view)} with the renewal question not asked)`,
    `Strategic accounts without an EBR this contract year: ${view.strategicWithoutEbr.length}`,
    `Accounts with no activity in ${QUIET_DAYS} days: ${view.quietAccounts.length}`,
  ];
}

function parts(view: TeamView): Part[] {
  const [overdue, renewals, ebr, quiet] = counts(view);
  return [
    {
      title: `:alarm_clock: *${overdue}*`,
      lines: listLines(
        view.overdueByPerson,
        (person) =>
          `• ${person.user ? mentionUser(person.user) : 'Nobody (a role no one holds)'}: ${person.count}, the oldest due ${formatDay(dayIn(person.oldestDue, view.timeZone))}`,
      ),
      empty: '_Nothing overdue._ :tada:',
    },
    {
      title: `:calendar: *${renewals}*`,
      lines: listLines(view.renewals, renewalLine),
      empty: '_No renewals coming up._',
    },
    {
      title: `:bar_chart: *${ebr}*`,
      lines: listLines(view.strategicWithoutEbr, (status) => ebrMissingLine(status)),
      empty: '_Every Strategic account has held its EBR._',
    },
    {
      title: `:zzz: *${quiet}*`,
      lines: listLines(
        view.quietAccounts,
        (quietAccount) =>
          `• ${accountWithCsm(quietAccount.account)} · ${quietAccount.lastActivityOn ? `last activity ${formatDay(quietAccount.lastActivityOn)}` : 'nothing logged yet'}`,
      ),
      empty: '_Every account has had an activity lately._',
    },
  ];
}

/**
 * The team view within `maxBlocks` blocks: a header, then each list with its count, at most 15
 * lines each and "…and N more" for the rest. With too little room for the lists, one block of
 * counts stands for the whole view.
 */
export function teamViewBlocks(view: TeamView, options: { maxBlocks: number }): KnownBlock[] {
  if (options.maxBlocks < 1) return [];
  const lists = parts(view);
  if (options.maxBlocks < lists.length + 1) {
    return [{ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(teamViewText(view), SLACK_LIMITS.text) } }];
  }
  const share = Math.floor((options.maxBlocks - 1) / lists.length);
  return [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncateText(`Team view · ${formatDay(view.today)}`, SLACK_LIMITS.headerText) },
    },
    ...lists.flatMap((part) =>
      titledLines(part.title, part.lines, { maxBlocks: share, maxLines: TEAM_VIEW_LINES, empty: part.empty }),
    ),
  ];
}

/** The team view as plain text (a message's notification fallback): the day and each list's count. */
export function teamViewText(view: TeamView): string {
  return [`Team view, ${formatDay(view.today)}`, ...counts(view)].join('\n');
}
