import type { Activity } from '../domain/activity';
import { formatDay } from '../domain/calendar-day';
import type { HomeView, KnownBlock } from '../slack/block-kit';
import { escapeMrkdwn, truncate } from '../slack/mrkdwn';
import type { TaskWithAccount } from '../tasks/task-repository';
import { describeActivity } from './activity-summary';
import { taskBlocks } from './task-reminder';

export const OPEN_LOG_MODAL_ACTION = 'open_log_modal';

const HOME_TASKS = 10;

/** The App Home tab: a button to log, this person's open tasks (with their buttons) and what they logged lately. */
export function buildAppHome(
  recent: Array<{ activity: Activity; accountName: string }>,
  openTasks: TaskWithAccount[],
  options: { now: Date; timeZone: string; notice?: string },
): HomeView {
  const lines = recent.map(
    ({ activity, accountName }) =>
      `• ${formatDay(activity.occurredOn)} · *${escapeMrkdwn(accountName)}* · ${describeActivity(activity)}` +
      (activity.notes ? ` — ${truncate(escapeMrkdwn(activity.notes.replace(/\s+/g, ' ')), 100)}` : ''),
  );
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'cs-bot' } },
    ...(options.notice
      ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: truncate(options.notice, 3000) }] }]
      : []),
    {
      type: 'section',
      text: { type: 'mrkdwn', text: 'Log customer work in seconds. `/cs help` lists every command.' },
      accessory: {
        type: 'button',
        action_id: OPEN_LOG_MODAL_ACTION,
        style: 'primary',
        text: { type: 'plain_text', text: 'Log activity' },
      },
    },
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          openTasks.length === 0
            ? '*Your open tasks*\n_Nothing open. :tada:_'
            : `*Your open tasks* (${openTasks.length}, ${openTasks.filter((task) => task.dueAt <= options.now).length} overdue)`,
      },
    },
    ...openTasks.slice(0, HOME_TASKS).flatMap((task) => taskBlocks(task, { ...options, showAccount: true })),
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Your latest activities*\n${lines.length > 0 ? truncate(lines.join('\n'), 2900) : '_Nothing logged yet._'}`,
      },
    },
  ];
  return { type: 'home', blocks };
}
