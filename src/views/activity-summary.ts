import type { Account } from '../domain/account';
import { ACTIVITY_TYPE_LABELS, type Activity, type ActivityRecord, RENEWAL_OUTCOME_LABELS } from '../domain/activity';
import { formatDay } from '../domain/calendar-day';
import { SLACK_LIMITS, truncateMrkdwn } from '../slack/block-kit-limits';
import { escapeMrkdwn, mentionUser } from '../slack/mrkdwn';
import type { ChannelMessage } from '../slack/slack-poster';
import { activityMenu } from './activity-menu';

/** One line naming the activity, e.g. "Renewal call (Likely to renew)" or "CSA engagement: CI". */
export function describeActivity(activity: Activity): string {
  const label = ACTIVITY_TYPE_LABELS[activity.type];
  if (activity.renewalOutcome) return `${label} (${RENEWAL_OUTCOME_LABELS[activity.renewalOutcome]})`;
  if (activity.acceleratorType) {
    const module = activity.contentModule ? ` · ${escapeMrkdwn(activity.contentModule)}` : '';
    return `${label}: ${activity.acceleratorType} accelerator${module}`;
  }
  return label;
}

/** A URL inside `<url|label>`: the three characters that would end the link early are percent-encoded. */
const linkTarget = (url: string) => url.replace(/[<>|]/g, (character) => encodeURIComponent(character));

/**
 * The short summary posted in the account's channel after someone logs an activity, with the menu
 * to edit or delete it; once edited, it says so and by whom.
 */
export function activitySummaryMessage(
  account: Account,
  activity: Activity & Partial<Pick<ActivityRecord, 'editedBy'>>,
): ChannelMessage {
  const who = mentionUser(activity.loggedBy);
  const headline = `${who} logged *${describeActivity(activity)}* for *${escapeMrkdwn(account.name)}* on ${formatDay(activity.occurredOn)}`;
  const others = activity.participants.filter((id) => id !== activity.loggedBy);
  const context =
    [
      others.length > 0 ? `With ${others.map(mentionUser).join(', ')}` : null,
      activity.sourceMessageUrl ? `Logged from <${linkTarget(activity.sourceMessageUrl)}|a Slack message>` : null,
      activity.editedBy ? `Edited by ${mentionUser(activity.editedBy)}` : null,
    ]
      .filter(Boolean)
      .join(' · ') || null;
  // Quoted before it is cut: each line's ">" counts towards the section's limit too.
  const notes = activity.notes
    ? truncateMrkdwn(`>${escapeMrkdwn(activity.notes).replace(/\n/g, '\n>')}`, SLACK_LIMITS.text)
    : null;
  const bounded = (text: string) => ({ type: 'mrkdwn' as const, text: truncateMrkdwn(text, SLACK_LIMITS.text) });
  return {
    unfurl: false,
    text: truncateMrkdwn(`${headline}${notes ? `\n${notes}` : ''}`, SLACK_LIMITS.messageText),
    blocks: [
      { type: 'section', text: bounded(headline), accessory: activityMenu(activity.id) },
      ...(notes ? [{ type: 'section' as const, text: bounded(notes) }] : []),
      ...(context ? [{ type: 'context' as const, elements: [bounded(context)] }] : []),
    ],
  };
}

/** What the summary becomes once the activity is deleted: who deleted it, no notes and no menu. */
export function deletedActivitySummaryMessage(account: Account, activity: Activity, deletedBy: string): ChannelMessage {
  const text = truncateMrkdwn(
    `:wastebasket: ~${describeActivity(activity)} for ${escapeMrkdwn(account.name)} on ${formatDay(activity.occurredOn)}~ deleted by ${mentionUser(deletedBy)}`,
    SLACK_LIMITS.text,
  );
  return { unfurl: false, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
