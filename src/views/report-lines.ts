/** Lists of lines under a title, as few section blocks as Slack's text limit allows: how the reports show lists. */
import { RENEWAL_OUTCOME_LABELS } from '../domain/activity';
import { formatDay } from '../domain/calendar-day';
import type { EbrStatus } from '../reports/ebr-coverage';
import type { AccountRef } from '../reports/report-account';
import type { UpcomingRenewal } from '../reports/upcoming-renewals';
import type { KnownBlock } from '../slack/block-kit';
import { SLACK_LIMITS, truncateMrkdwn } from '../slack/block-kit-limits';
import { escapeMrkdwn, mentionUser } from '../slack/mrkdwn';

/** How much of an account name a report line shows: long names would crowd out the other lines. */
const NAME_SHOWN = 80;

/** "*Acme*": an account's name as a report line shows it, escaped and cut. */
export const accountName = (account: Pick<AccountRef, 'name'>): string =>
  `*${truncateMrkdwn(escapeMrkdwn(account.name), NAME_SHOWN)}*`;

/** "*Acme* (@csm)": an account as a report line names it, with its CSM. */
export function accountWithCsm(account: AccountRef): string {
  return `${accountName(account)} (${account.csm ? mentionUser(account.csm) : 'no CSM'})`;
}

export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** "• Mon 1 Feb 2027 (in 61 days) · *Acme* (@csm) · asked Tue 3 Nov 2026: At risk". */
export function renewalLine(renewal: UpcomingRenewal): string {
  const asked =
    renewal.askedOn === null
      ? ':warning: renewal question not asked'
      : `asked ${formatDay(renewal.askedOn)}: ${renewal.outcome ? RENEWAL_OUTCOME_LABELS[renewal.outcome] : 'no answer recorded'}`;
  const when = renewal.daysLeft === 0 ? 'today' : `in ${plural(renewal.daysLeft, 'day')}`;
  return `• ${formatDay(renewal.renewalDate)} (${when}) · ${accountWithCsm(renewal.account)} · ${asked}`;
}

/** "• *Acme* (@csm) · no EBR in contract year Mon 1 Jun 2026 – Mon 31 May 2027", after `mark` when given. */
export function ebrMissingLine(status: EbrStatus, mark?: string): string {
  const year = `${formatDay(status.contractYear.firstDay)} – ${formatDay(status.contractYear.lastDay)}`;
  return `• ${mark ? `${mark} ` : ''}${accountWithCsm(status.account)} · no EBR in contract year ${year}`;
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/**
 * A list for `titledLines`: how many lines it has, and its first lines, formatted only as far as
 * asked; a list can run to thousands (the quiet accounts of a big book) and shows a few dozen.
 */
export interface ListLines {
  total: number;
  first(count: number): string[];
}

export function listLines<T>(items: readonly T[], line: (item: T) => string): ListLines {
  return { total: items.length, first: (count) => items.slice(0, Math.max(0, count)).map(line) };
}

/** One list after the other. */
export function joinLines(head: ListLines, tail: ListLines): ListLines {
  return {
    total: head.total + tail.total,
    first: (count) => [...head.first(count), ...tail.first(count - head.total)],
  };
}

/**
 * `title` and then `lines`, one a line, in at most `maxBlocks` section blocks (each within Slack's
 * 3,000 characters) and at most `maxLines` lines; when some do not fit, the last block ends with
 * "…and N more", so nothing vanishes silently. No lines at all shows `empty` under the title.
 */
export function titledLines(
  title: string,
  lines: ListLines,
  options: { maxBlocks: number; maxLines: number; empty: string },
): KnownBlock[] {
  if (options.maxBlocks < 1) return [];
  const { total } = lines;
  if (total === 0) return [section(truncateMrkdwn(`${title}\n${options.empty}`, SLACK_LIMITS.text))];
  const more = (hidden: number) => `…and ${hidden} more`;
  // Every block keeps room for the "…and N more" line, so it can always go on the last one.
  const room = SLACK_LIMITS.text - more(total).length - 1;
  const texts: string[] = [truncateMrkdwn(title, room)];
  let shown = 0;
  for (const line of lines.first(options.maxLines)) {
    const cut = truncateMrkdwn(line, room);
    const last = texts.length - 1;
    if ((texts[last] ?? '').length + 1 + cut.length <= room) texts[last] = `${texts[last]}\n${cut}`;
    else if (texts.length < options.maxBlocks) texts.push(cut);
    else break;
    shown += 1;
  }
  const hidden = total - shown;
  if (hidden > 0) texts[texts.length - 1] = `${texts.at(-1)}\n${more(hidden)}`;
  return texts.map(section);
}
