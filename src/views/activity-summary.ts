import type { Account } from '../domain/account';
import { ACTIVITY_TYPE_LABELS, type Activity, RENEWAL_OUTCOME_LABELS } from '../domain/activity';
import { formatDay } from '../domain/calendar-day';
import { escapeMrkdwn, mentionUser, truncate } from '../slack/mrkdwn';
import type { ChannelMessage } from '../slack/slack-poster';

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

/** The short summary posted in the account's channel after someone logs an activity. */
export function activitySummaryMessage(account: Account, activity: Activity): ChannelMessage {
  const who = mentionUser(activity.loggedBy);
  const headline = `${who} logged *${describeActivity(activity)}* for *${escapeMrkdwn(account.name)}* on ${formatDay(activity.occurredOn)}`;
  const others = activity.participants.filter((id) => id !== activity.loggedBy);
  const context =
    [
      others.length > 0 ? `With ${others.map(mentionUser).join(', ')}` : null,
      activity.sourceMessageUrl ? `Logged from <${linkTarget(activity.sourceMessageUrl)}|a Slack message>` : null,
    ]
      .filter(Boolean)
      .join(' · ') || null;
  const notes = activity.notes ? `>${truncate(escapeMrkdwn(activity.notes), 2900).replace(/\n/g, '\n>')}` : null;
  return {
    unfurl: false,
    text: `${headline}${notes ? `\n${notes}` : ''}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: headline } },
      ...(notes ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: notes } }] : []),
      ...(context ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: context }] }] : []),
    ],
  };
}
