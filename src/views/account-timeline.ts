import { z } from 'zod';
import { ACCELERATOR_PHASE_LABELS } from '../domain/accelerator';
import type { Account } from '../domain/account';
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES, type Activity, type ActivityType } from '../domain/activity';
import { formatDay } from '../domain/calendar-day';
import type { KnownBlock } from '../slack/block-kit';
import { contextLine, SLACK_LIMITS, truncateMrkdwn, truncateText } from '../slack/block-kit-limits';
import { escapeMrkdwn, mentionUser } from '../slack/mrkdwn';
import { activityMenu } from './activity-menu';
import { describeActivity } from './activity-summary';

/** Activities a timeline page shows. */
export const TIMELINE_PAGE_SIZE = 10;

export const TIMELINE_ACTIONS = {
  /** "Timeline" on `/cs account`; its value is the account id. */
  open: 'timeline_open',
  older: 'timeline_older',
  newer: 'timeline_newer',
  filter: 'timeline_filter',
} as const;

/** Which page of whose timeline a button or the filter asks for. */
export interface TimelinePage {
  accountId: string;
  offset: number;
  type: ActivityType | null;
}

export const timelineValue = (page: TimelinePage) => `${page.accountId}|${page.offset}|${page.type ?? ''}`;

const pageParts = z.tuple([z.uuid(), z.string().regex(/^\d{1,7}$/), z.union([z.enum(ACTIVITY_TYPES), z.literal('')])]);

/** Reads back what `timelineValue` wrote; anything else (a forged or stale value) is null. */
export function parseTimelineValue(value: string | undefined): TimelinePage | null {
  const parsed = pageParts.safeParse((value ?? '').split('|'));
  if (!parsed.success) return null;
  const [accountId, offset, type] = parsed.data;
  return { accountId, offset: Number(offset), type: type === '' ? null : type };
}

const NOTE_SHOWN = 200;

/** The mark that makes accelerator events and renewal outcomes stand out in the list. */
function marked(activity: Activity): string {
  if (activity.type === 'csa_engagement') {
    const phase = activity.acceleratorPhase ? ` · ${ACCELERATOR_PHASE_LABELS[activity.acceleratorPhase]}` : '';
    return `:rocket: *${describeActivity(activity)}*${phase}`;
  }
  if (activity.type === 'renewal_call') return `:arrows_counterclockwise: *${describeActivity(activity)}*`;
  return `*${describeActivity(activity)}*`;
}

function activityLine(activity: Activity): KnownBlock {
  const notes = activity.notes
    ? `\n${truncateMrkdwn(escapeMrkdwn(activity.notes.replace(/\s+/g, ' ')), NOTE_SHOWN)}`
    : '';
  const line = `${formatDay(activity.occurredOn)} · ${marked(activity)} · logged by ${mentionUser(activity.loggedBy)}${notes}`;
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncateMrkdwn(line, SLACK_LIMITS.text) },
    accessory: activityMenu(activity.id),
  };
}

/**
 * `/cs timeline <account>`: one page of its activities, newest first, each with who logged it and
 * its Edit/Delete menu, a filter by type and Older/Newer buttons.
 */
export function timelineMessage(
  account: Account,
  page: TimelinePage,
  found: { activities: Activity[]; hasOlder: boolean },
): { text: string; blocks: KnownBlock[] } {
  const filter = page.type ? ` · ${ACTIVITY_TYPE_LABELS[page.type]}` : '';
  const options = [null, ...ACTIVITY_TYPES].map((type) => ({
    text: { type: 'plain_text' as const, text: type ? ACTIVITY_TYPE_LABELS[type] : 'All types' },
    value: timelineValue({ accountId: account.id, offset: 0, type }),
  }));
  const current = options.find((option) => option.value === timelineValue({ ...page, offset: 0 }));
  const first = page.offset + 1;
  const last = page.offset + found.activities.length;
  const nav = [
    ...(page.offset > 0
      ? [
          {
            type: 'button' as const,
            action_id: TIMELINE_ACTIONS.newer,
            text: { type: 'plain_text' as const, text: '← Newer' },
            value: timelineValue({ ...page, offset: Math.max(0, page.offset - TIMELINE_PAGE_SIZE) }),
          },
        ]
      : []),
    ...(found.hasOlder
      ? [
          {
            type: 'button' as const,
            action_id: TIMELINE_ACTIONS.older,
            text: { type: 'plain_text' as const, text: 'Older →' },
            value: timelineValue({ ...page, offset: page.offset + TIMELINE_PAGE_SIZE }),
          },
        ]
      : []),
  ];
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncateText(`Timeline: ${account.name}`, SLACK_LIMITS.headerText) },
    },
    {
      type: 'actions',
      elements: [
        {
          type: 'static_select',
          action_id: TIMELINE_ACTIONS.filter,
          placeholder: { type: 'plain_text', text: 'Filter by type' },
          options,
          ...(current ? { initial_option: current } : {}),
        },
      ],
    },
    ...(found.activities.length > 0
      ? found.activities.map(activityLine)
      : [contextLine(page.type ? `No ${ACTIVITY_TYPE_LABELS[page.type]} logged yet.` : 'No activities logged yet.')]),
    ...(found.activities.length > 0 ? [contextLine(`Activities ${first}–${last}${filter}, newest first`)] : []),
    ...(nav.length > 0 ? [{ type: 'actions' as const, elements: nav }] : []),
  ];
  return { text: `Timeline of ${escapeMrkdwn(account.name)}${filter}`, blocks };
}
