import type { AccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import { logActivityInputSchema } from '../activities/log-activity-input';
import type { Account } from '../domain/account';
import type { Activity } from '../domain/activity';
import { dayIn } from '../domain/calendar-day';
import { type FieldErrors, fieldErrorsOf } from '../domain/field-errors';
import type { SlackPoster } from '../slack/slack-poster';
import { activitySummaryMessage } from '../views/activity-summary';

export interface LogActivityDeps {
  accounts: AccountRepository;
  activities: ActivityRepository;
  timeZone: string;
}

export type RecordActivityResult =
  | { ok: true; activity: Activity; account: Account }
  | { ok: false; fieldErrors: FieldErrors };

export type ChannelPostOutcome = 'posted' | 'no_channel' | { failed: string };

/**
 * Validates and stores one activity. The row is written only when every field is valid and the
 * account is open; otherwise the problems come back keyed by field.
 */
export async function recordActivity(deps: LogActivityDeps, raw: unknown, now: Date): Promise<RecordActivityResult> {
  const parsed = logActivityInputSchema(dayIn(now, deps.timeZone)).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;

  const account = await deps.accounts.findById(input.accountId);
  if (!account) return { ok: false, fieldErrors: { accountId: 'That account no longer exists.' } };
  if (account.status === 'closed') {
    return { ok: false, fieldErrors: { accountId: `${account.name} is closed; reopen it to log work.` } };
  }

  const activity = await deps.activities.insert({ ...input, accountId: account.id });
  return { ok: true, activity, account };
}

/**
 * Tells the account's channel what was logged. A failure is reported, never thrown: the row stays.
 * A post that goes through also proves the channel works again if reminders had given up on it.
 */
export async function announceActivity(
  deps: { slack: SlackPoster; accounts: AccountRepository },
  account: Account,
  activity: Activity,
): Promise<ChannelPostOutcome> {
  if (!account.channelId) return 'no_channel';
  const posted = await deps.slack.postMessage({
    channel: account.channelId,
    ...activitySummaryMessage(account, activity),
  });
  if (!posted.ok) return { failed: posted.error };
  await deps.accounts.markChannelWorking(account.id, account.channelId);
  return 'posted';
}

/** "It completes 2 open tasks." for the confirmation, or nothing. */
export function describeCompletions(completed: string[]): string {
  if (completed.length === 0) return '';
  return completed.length === 1 ? ' It completes 1 open task.' : ` It completes ${completed.length} open tasks.`;
}

/** How the person who logged hears where the summary went. */
export function describeChannelPost(account: Account, outcome: ChannelPostOutcome): string {
  if (outcome === 'posted') return `A summary is in <#${account.channelId}>.`;
  if (outcome === 'no_channel') return 'The account has no channel yet, so no summary was posted.';
  return `I could not post the summary in <#${account.channelId}> (${outcome.failed}); invite me there with \`/invite @cs-bot\`.`;
}
