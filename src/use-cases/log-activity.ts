import type { AccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import { logActivityInputSchema } from '../activities/log-activity-input';
import { type FieldErrors, fieldErrorsOf } from '../domain/field-errors';
import { dayIn } from '../domain/calendar-day';
import type { Account } from '../domain/account';
import type { Activity } from '../domain/activity';
import { activitySummaryMessage } from '../views/activity-summary';
import type { ChannelMessage, SlackPoster } from '../slack/slack-poster';

export interface LogActivityDeps {
  accounts: AccountRepository;
  activities: ActivityRepository;
  slack: SlackPoster;
  timeZone: string;
  /** Called after the activity is stored, e.g. to complete the task it satisfies. */
  onActivityLogged?: (activity: Activity, account: Account) => Promise<void>;
}

export type LogActivityResult =
  | { ok: true; activity: Activity; account: Account; channelPost: 'posted' | 'no_channel' | { failed: string } }
  | { ok: false; fieldErrors: FieldErrors };

/**
 * Validates and stores one activity, then tells the account's channel. The row is written only
 * when every field is valid; a failed channel post never undoes it, it is reported instead.
 */
export async function logActivity(deps: LogActivityDeps, raw: unknown, now: Date): Promise<LogActivityResult> {
  const parsed = logActivityInputSchema(dayIn(now, deps.timeZone)).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;

  const account = await deps.accounts.findById(input.accountId);
  if (!account) return { ok: false, fieldErrors: { accountId: 'That account no longer exists.' } };
  if (account.status === 'closed') {
    return { ok: false, fieldErrors: { accountId: `${account.name} is closed; reopen it to log work.` } };
  }

  const activity = await deps.activities.insert({ ...input, accountId: account.id });
  await deps.onActivityLogged?.(activity, account);

  if (!account.channelId) return { ok: true, activity, account, channelPost: 'no_channel' };
  const message: ChannelMessage = activitySummaryMessage(account, activity);
  const posted = await deps.slack.postMessage({ channel: account.channelId, ...message });
  return {
    ok: true,
    activity,
    account,
    channelPost: posted.ok ? 'posted' : { failed: posted.error },
  };
}
