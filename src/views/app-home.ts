import type { Activity } from '../domain/activity';
import { formatDay } from '../domain/calendar-day';
import type { HomeView, KnownBlock } from '../slack/block-kit';
import { fitItems, SLACK_LIMITS, truncateMrkdwn } from '../slack/block-kit-limits';
import { escapeMrkdwn } from '../slack/mrkdwn';
import type { TaskWithAccount } from '../tasks/task-repository';
import { describeActivity } from './activity-summary';
import { taskBlocks } from './task-reminder';

export const OPEN_LOG_MODAL_ACTION = 'open_log_modal';

/** The Home shows the first few tasks; `/cs tasks` lists them all (up to a message's limit). */
export const HOME_TASKS = 10;

/** How much of each activity's notes the Home shows. */
const NOTE_SHOWN = 100;

/** The App Home tab: a button to log, this person's open tasks (with their buttons) and what they logged lately. */
export function buildAppHome(
  recent: Array<{ activity: Activity; accountName: string }>,
  openTasks: TaskWithAccount[],
  options: { now: Date; timeZone: string; notice?: string },
): HomeView {
  const lines = recent.map(
    ({ activity, accountName }) =>
      `• ${formatDay(activity.occurredOn)} · *${escapeMrkdwn(accountName)}* · ${describeActivity(activity)}` +
      (activity.notes ? ` — ${truncateMrkdwn(escapeMrkdwn(activity.notes.replace(/\s+/g, ' ')), NOTE_SHOWN)}` : ''),
  );
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'cs-bot' } },
    ...(options.notice
      ? [
          {
            type: 'context' as const,
            elements: [{ type: 'mrkdwn' as const, text: truncateMrkdwn(options.notice, SLACK_LIMITS.text) }],
          },
        ]
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
    // Two blocks a task, and one for the line saying how many more `/cs tasks` shows.
    ...fitItems(
      openTasks,
      HOME_TASKS * 2 + 1,
      (task) => taskBlocks(task, { ...options, showAccount: true }),
      (hidden) => `…and ${hidden} more: \`/cs tasks\` lists them.`,
    ),
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncateMrkdwn(
          `*Your latest activities*\n${lines.length > 0 ? lines.join('\n') : '_Nothing logged yet._'}`,
          SLACK_LIMITS.text,
        ),
      },
    },
  ];
  return { type: 'home', blocks };
}
