import type { AcceleratorRepository } from '../accelerators/accelerator-repository';
import { engagementAttachment } from '../accelerators/accelerator-rules';
import type { AccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import { type LogActivityInput, logActivityInputSchema } from '../activities/log-activity-input';
import type { Account } from '../domain/account';
import type { Activity } from '../domain/activity';
import { dayIn } from '../domain/calendar-day';
import { type FieldErrors, fieldErrorsOf } from '../domain/field-errors';
import type { RemindersService } from '../reminders/reminders-service';
import { escapeMrkdwn, mentionChannel } from '../slack/mrkdwn';
import type { SlackPoster } from '../slack/slack-poster';
import { activitySummaryMessage, describeActivity } from '../views/activity-summary';

export interface LogActivityDeps {
  accounts: AccountRepository;
  accelerators: Pick<AcceleratorRepository, 'listProgress'>;
  activities: ActivityRepository;
  reminders: Pick<RemindersService, 'accountChanged'>;
  slack: SlackPoster;
  timeZone: string;
}

export type LogActivityResult =
  | { ok: false; fieldErrors: FieldErrors }
  /** The same Slack request came again (a replay within the signing window): nothing was written. */
  | { ok: 'replayed' }
  | {
      ok: true;
      account: Account;
      activity: Activity;
      /**
       * The second phase, for after Slack's ack: the channel summary, the account's clocks (tasks
       * the activity completes close at once) and the line that tells the person what happened.
       */
      announce(now: Date): Promise<string>;
    };

/**
 * A CSA engagement belongs to the accelerator running on its day (SPEC.md "Accelerators"), in the
 * phase chosen or the one its week is in; other activities belong to none.
 */
export async function acceleratorAttachment(
  accelerators: Pick<AcceleratorRepository, 'listProgress'>,
  input: Pick<LogActivityInput, 'accountId' | 'type' | 'occurredOn' | 'acceleratorPhase'>,
): Promise<Pick<Activity, 'acceleratorId' | 'acceleratorPhase'>> {
  if (input.type !== 'csa_engagement') return { acceleratorId: null, acceleratorPhase: null };
  return engagementAttachment(
    await accelerators.listProgress(input.accountId),
    input.occurredOn,
    input.acceleratorPhase,
  );
}

type ChannelPostOutcome = 'posted' | 'no_channel' | { failed: string };

/**
 * Logging an activity, in two phases because Slack's 3 seconds cover only the first: validating
 * and storing the row (its field errors travel in a modal's ack), then everything that follows.
 * The row is written only when every field is valid and the account is open.
 */
export async function logActivity(
  deps: LogActivityDeps,
  raw: unknown,
  now: Date,
  /** What makes the Slack request unique (see src/requests/handled-requests.ts): written once per key. */
  requestKey?: string,
): Promise<LogActivityResult> {
  const parsed = logActivityInputSchema(dayIn(now, deps.timeZone)).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;

  const account = await deps.accounts.findById(input.accountId);
  if (!account) return { ok: false, fieldErrors: { accountId: 'That account no longer exists.' } };
  if (account.status === 'closed') {
    return { ok: false, fieldErrors: { accountId: `${account.name} is closed; reopen it to log work.` } };
  }

  const row = { ...input, ...(await acceleratorAttachment(deps.accelerators, input)), accountId: account.id };
  const activity = requestKey
    ? await deps.activities.insertOnce(row, requestKey, now)
    : await deps.activities.insert(row);
  if (!activity) return { ok: 'replayed' };
  return {
    ok: true,
    account,
    activity,
    async announce(later) {
      const posted = await postSummary(deps, account, activity);
      const completed = await deps.reminders.accountChanged(account, later);
      return `:white_check_mark: Logged *${describeActivity(activity)}* for *${escapeMrkdwn(account.name)}*.${describeCompletions(completed)} ${describeChannelPost(account, posted)}`;
    },
  };
}

/**
 * Tells the account's channel what was logged. A failure is reported, never thrown: the row stays.
 * A post that goes through also proves the channel works again if reminders had given up on it.
 */
async function postSummary(deps: LogActivityDeps, account: Account, activity: Activity): Promise<ChannelPostOutcome> {
  if (!account.channelId) return 'no_channel';
  const posted = await deps.slack.postMessage({
    channel: account.channelId,
    ...activitySummaryMessage(account, activity),
  });
  if (!posted.ok) return { failed: posted.error };
  // Kept so a correction can update this summary in place.
  await deps.activities.recordSummary(activity.id, { channel: posted.channel, ts: posted.ts });
  await deps.accounts.markChannelWorking(account.id, account.channelId);
  return 'posted';
}

function describeCompletions(completed: string[]): string {
  if (completed.length === 0) return '';
  return completed.length === 1 ? ' It completes 1 open task.' : ` It completes ${completed.length} open tasks.`;
}

function describeChannelPost(account: Account, outcome: ChannelPostOutcome): string {
  if (outcome === 'posted') return `A summary is in ${mentionChannel(account.channelId ?? '')}.`;
  if (outcome === 'no_channel') return 'The account has no channel yet, so no summary was posted.';
  return `I could not post the summary in ${mentionChannel(account.channelId ?? '')} (${outcome.failed}); invite me there with \`/invite @cs-bot\`.`;
}
