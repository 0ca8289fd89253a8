import type { RecordedAccountChange } from '../accounts/account-change-repository';
import { type Account, effectivePriority, TEAM_ROLES } from '../domain/account';
import type { Activity } from '../domain/activity';
import { formatDay } from '../domain/calendar-day';
import type { KnownBlock } from '../slack/block-kit';
import { SLACK_LIMITS, truncateMrkdwn, truncateText } from '../slack/block-kit-limits';
import { escapeMrkdwn, mentionChannel, mentionUser } from '../slack/mrkdwn';
import { ACCELERATOR_MODAL } from './accelerator-modal';
import { ACCOUNT_MODAL } from './account-add-modal';
import { changeHistoryLine } from './account-change-messages';
import { TIMELINE_ACTIONS } from './account-timeline';
import { activityMenu } from './activity-menu';
import { describeActivity } from './activity-summary';

const HEALTH_EMOJI = { green: ':large_green_circle:', yellow: ':large_yellow_circle:', red: ':red_circle:' } as const;

/** How much of each activity's notes the timeline shows: a glance, not the record. */
const NOTE_SHOWN = 140;

const orDash = (value: string | null | undefined) => value ?? '—';

/** `/cs account <name>`: the account at a glance, with its last few activities and changes. */
export function accountSummaryMessage(
  account: Account,
  recent: Activity[],
  changes: { latest: RecordedAccountChange[]; timeZone: string } = { latest: [], timeZone: 'UTC' },
  /** For a Success Services account: its running accelerator and phase, or that none runs. */
  accelerator: string | null = null,
): { text: string; blocks: KnownBlock[] } {
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
    ...(accelerator ? [`*Accelerator*\n${accelerator}`] : []),
  ];
  return {
    text: `${name}: ${account.health}, ${effectivePriority(account.health, account.priority)}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncateText(account.name, SLACK_LIMITS.headerText) } },
      { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn' as const, text })) },
      { type: 'context', elements: [{ type: 'mrkdwn', text: team }] },
      { type: 'divider' },
      ...latestActivities(recent),
      ...latestChanges(changes.latest, changes.timeZone),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ACCOUNT_MODAL.editButton,
            text: { type: 'plain_text', text: 'Edit' },
            value: account.id,
          },
          {
            type: 'button' as const,
            action_id: TIMELINE_ACTIONS.open,
            text: { type: 'plain_text' as const, text: 'Timeline' },
            value: account.id,
          },
          ...(account.successServices && account.status === 'active'
            ? [
                {
                  type: 'button' as const,
                  action_id: ACCELERATOR_MODAL.startButton,
                  text: { type: 'plain_text' as const, text: 'Start accelerator' },
                  value: account.id,
                },
              ]
            : []),
        ],
      },
    ],
  };
}

/**
 * The timeline: one section per activity, each with its Edit/Delete menu (the use-case refuses
 * those who may not, naming who can).
 */
function latestActivities(recent: Activity[]): KnownBlock[] {
  const heading: KnownBlock = { type: 'section', text: { type: 'mrkdwn', text: '*Latest activities*' } };
  if (recent.length === 0) {
    return [
      {
        ...heading,
        text: { type: 'mrkdwn', text: '*Latest activities*\n_No activities logged yet. Log one with `/cs log`._' },
      },
    ];
  }
  return [
    heading,
    ...recent.map((activity): KnownBlock => {
      const notes = activity.notes
        ? ` — ${truncateMrkdwn(escapeMrkdwn(activity.notes.replace(/\s+/g, ' ')), NOTE_SHOWN)}`
        : '';
      const line = `• ${formatDay(activity.occurredOn)} · *${describeActivity(activity)}* by ${mentionUser(activity.loggedBy)}${notes}`;
      return {
        type: 'section',
        text: { type: 'mrkdwn', text: truncateMrkdwn(line, SLACK_LIMITS.text) },
        accessory: activityMenu(activity.id),
      };
    }),
  ];
}

/** Who changed what lately, newest first; nothing when the account was never edited. */
function latestChanges(latest: RecordedAccountChange[], timeZone: string): KnownBlock[] {
  if (latest.length === 0) return [];
  const lines = latest.map((change) => changeHistoryLine(change, timeZone)).join('\n');
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncateMrkdwn(`*Latest changes*\n${lines}`, SLACK_LIMITS.text) },
    },
  ];
}
