import { type Account, effectivePriority, TEAM_ROLES } from '../domain/account';
import type { Activity } from '../domain/activity';
import { formatDay } from '../domain/calendar-day';
import type { KnownBlock } from '../slack/block-kit';
import { SLACK_LIMITS, truncateMrkdwn, truncateText } from '../slack/block-kit-limits';
import { escapeMrkdwn, mentionChannel, mentionUser } from '../slack/mrkdwn';
import { describeActivity } from './activity-summary';

const HEALTH_EMOJI = { green: ':large_green_circle:', yellow: ':large_yellow_circle:', red: ':red_circle:' } as const;

/** How much of each activity's notes the timeline shows: a glance, not the record. */
const NOTE_SHOWN = 140;

const orDash = (value: string | null | undefined) => value ?? '—';

/** `/cs account <name>`: the account at a glance, with its last few activities. */
export function accountSummaryMessage(account: Account, recent: Activity[]): { text: string; blocks: KnownBlock[] } {
  const name = escapeMrkdwn(account.name);
  const team = TEAM_ROLES.map((role) => {
    const member = account.team.find((m) => m.role === role);
    return `${role}: ${member ? mentionUser(member.slackUserId) : '—'}`;
  }).join('  ·  ');
  const fields = [
    `*Channel*\n${account.channelId ? mentionChannel(account.channelId) : '—'}`,
    `*Health*\n${HEALTH_EMOJI[account.health]} ${account.health}`,
    `*Priority*\n${effectivePriority(account.health, account.priority)}`,
    `*Segment*\nSales: ${orDash(account.salesSegment)} · CSM: ${orDash(account.csmSegment)}`,
    `*Contract start*\n${account.contractStart ? formatDay(account.contractStart) : '—'}`,
    `*Renewal*\n${account.renewalDate ? formatDay(account.renewalDate) : '—'}`,
    `*Success Services*\n${account.successServices ? 'Yes' : 'No'}`,
    `*Status*\n${account.status}`,
  ];
  const timeline =
    recent.length === 0
      ? '_No activities logged yet. Log one with `/cs log`._'
      : recent
          .map((activity) => {
            const notes = activity.notes
              ? ` — ${truncateMrkdwn(escapeMrkdwn(activity.notes.replace(/\s+/g, ' ')), NOTE_SHOWN)}`
              : '';
            return `• ${formatDay(activity.occurredOn)} · *${describeActivity(activity)}* by ${mentionUser(activity.loggedBy)}${notes}`;
          })
          .join('\n');
  return {
    text: `${name}: ${account.health}, ${effectivePriority(account.health, account.priority)}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncateText(account.name, SLACK_LIMITS.headerText) } },
      { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn' as const, text })) },
      { type: 'context', elements: [{ type: 'mrkdwn', text: team }] },
      { type: 'divider' },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: truncateMrkdwn(`*Latest activities*\n${timeline}`, SLACK_LIMITS.text) },
      },
    ],
  };
}
