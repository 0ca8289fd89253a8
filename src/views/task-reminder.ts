import { z } from 'zod';
import { isCompletedByAcceleratorStart } from '../clocks/rule-lookup';
import { TEAM_ROLE_LABELS } from '../domain/account';
import { dayIn, formatDay } from '../domain/calendar-day';
import { isActive, SNOOZE_CHOICES, type SnoozeChoice } from '../domain/task';
import type { KnownBlock } from '../slack/block-kit';
import { fitItems, SLACK_LIMITS, truncateMrkdwn } from '../slack/block-kit-limits';
import { escapeMrkdwn, mentionChannel, mentionUser } from '../slack/mrkdwn';
import type { TaskWithAccount } from '../tasks/task-repository';

export const TASK_ACTIONS = {
  log: 'task_log',
  snooze: 'task_snooze',
  notNeeded: 'task_not_needed',
} as const;

const SNOOZE_LABELS: Record<SnoozeChoice, string> = { '1d': '1 day', '3d': '3 days', '1w': '1 week' };

/**
 * Slack allows 50 blocks a message; each task takes two, leaving room for a header, a footer and
 * the line that says how many more there are (and for combining a late backlog's parts).
 */
export const MAX_TASKS_PER_MESSAGE = 20;

/** The blocks a list of tasks may take in one message: MAX_TASKS_PER_MESSAGE and the "more" line. */
export const TASK_LIST_BLOCKS = MAX_TASKS_PER_MESSAGE * 2 + 1;

/**
 * Tasks as blocks, as many as fit in TASK_LIST_BLOCKS; the rest are counted on a last line, e.g.
 * "…and 12 more: `/cs tasks` lists them." (`more` says where to find them).
 */
export function taskListBlocks(
  tasks: readonly TaskWithAccount[],
  render: (task: TaskWithAccount) => KnownBlock[],
  more: string,
): KnownBlock[] {
  return fitItems(tasks, TASK_LIST_BLOCKS, render, (hidden) => `…and ${hidden} more${more}`);
}

export const snoozeValue = (taskId: string, choice: SnoozeChoice) => `${taskId}|${choice}`;

/** Reads back what `snoozeValue` wrote; anything else (a forged or stale value) is null. */
export function parseSnoozeValue(value: string | undefined): { taskId: string; choice: SnoozeChoice } | null {
  const [taskId, choice] = (value ?? '').split('|');
  if (!taskId || !z.uuid().safeParse(taskId).success || !choice || !Object.hasOwn(SNOOZE_CHOICES, choice)) return null;
  return { taskId, choice: choice as SnoozeChoice };
}

function whoFor(task: TaskWithAccount): string {
  return task.forUser
    ? `${mentionUser(task.forUser)} (${task.forRole})`
    : `the ${TEAM_ROLE_LABELS[task.forRole]} (nobody holds this role on the account yet)`;
}

function statusLine(task: TaskWithAccount, now: Date, timeZone: string): string | null {
  const by = task.resolvedBy ? ` by ${mentionUser(task.resolvedBy)}` : '';
  switch (task.status) {
    case 'done':
      return task.completedByAcceleratorId
        ? ':white_check_mark: Done: an accelerator was started.'
        : ':white_check_mark: Done: the matching activity was logged.';
    case 'not_needed':
      return `:heavy_minus_sign: Not needed${by}${task.resolvedReason ? `: ${escapeMrkdwn(task.resolvedReason)}` : ''}`;
    case 'closed':
      return `:lock: Closed. ${escapeMrkdwn(task.resolvedReason ?? '')}`.trim();
    case 'snoozed':
      return task.snoozedUntil && task.snoozedUntil > now
        ? `:zzz: Snoozed${by} until ${formatDay(dayIn(task.snoozedUntil, timeZone))}.`
        : null;
    case 'open':
      return null;
  }
}

/** The task's buttons; without `canChange` only "Log it", which anyone may use. */
function taskActions(task: TaskWithAccount, canChange: boolean): KnownBlock {
  const log = {
    type: 'button' as const,
    action_id: TASK_ACTIONS.log,
    style: 'primary' as const,
    // Starting an accelerator is what these tasks wait for; the same button opens that modal.
    text: {
      type: 'plain_text' as const,
      text: isCompletedByAcceleratorStart(task.ruleId) ? 'Start accelerator' : 'Log it',
    },
    value: task.id,
  };
  if (!canChange) return { type: 'actions', block_id: `task:${task.id}`, elements: [log] };
  return {
    type: 'actions',
    block_id: `task:${task.id}`,
    elements: [
      log,
      {
        type: 'static_select',
        action_id: TASK_ACTIONS.snooze,
        placeholder: { type: 'plain_text', text: 'Snooze' },
        options: (Object.keys(SNOOZE_LABELS) as SnoozeChoice[]).map((choice) => ({
          text: { type: 'plain_text', text: SNOOZE_LABELS[choice] },
          value: snoozeValue(task.id, choice),
        })),
      },
      {
        type: 'button',
        action_id: TASK_ACTIONS.notNeeded,
        text: { type: 'plain_text', text: 'Not needed' },
        value: task.id,
      },
    ],
  };
}

/**
 * One task: what, for which account and whom, when due; buttons while it still asks for work.
 * `canChange: false` leaves out Snooze and Not needed, for a reader who may not use them.
 */
export function taskBlocks(
  task: TaskWithAccount,
  options: { now: Date; timeZone: string; showAccount: boolean; canChange?: boolean },
): KnownBlock[] {
  const due = formatDay(dayIn(task.dueAt, options.timeZone));
  const overdue = isActive(task, options.now) && task.dueAt <= options.now;
  const account = options.showAccount ? ` · *${escapeMrkdwn(task.accountName)}*` : '';
  const headline = `${overdue ? ':red_circle:' : ':alarm_clock:'} *${escapeMrkdwn(task.title)}*${account}\nFor ${whoFor(task)} · ${overdue ? 'was due' : 'due'} ${due}`;
  const status = statusLine(task, options.now, options.timeZone);
  return [
    { type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(headline, SLACK_LIMITS.text) } },
    status
      ? { type: 'context', elements: [{ type: 'mrkdwn', text: truncateMrkdwn(status, SLACK_LIMITS.text) }] }
      : taskActions(task, options.canChange ?? true),
  ];
}

function lateNotice(dueAt: Date, timeZone: string): KnownBlock {
  return {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `:hourglass_flowing_sand: Sent late: cs-bot was offline when this fell due (${formatDay(dayIn(dueAt, timeZone))}).`,
      },
    ],
  };
}

/** The channel message when tasks open: one task normally, several when a late backlog is combined. */
export function taskOpenedMessage(
  tasks: TaskWithAccount[],
  options: { now: Date; timeZone: string; late: boolean; lateSince: Date },
): { text: string; blocks: KnownBlock[] } {
  const [first] = tasks;
  const text =
    tasks.length === 1 && first
      ? `New task for ${escapeMrkdwn(first.accountName)}: ${escapeMrkdwn(first.title)}, for ${first.forUser ? mentionUser(first.forUser) : `the ${first.forRole}`}`
      : `${tasks.length} tasks opened while cs-bot was offline`;
  const blocks: KnownBlock[] = [];
  if (options.late) blocks.push(lateNotice(options.lateSince, options.timeZone));
  if (tasks.length > 1)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${tasks.length} tasks opened:*` } });
  const oneAccount = first && tasks.every((task) => task.accountId === first.accountId);
  const seeAll = oneAccount ? `\`/cs tasks ${escapeMrkdwn(first.accountName)}\`` : '`/cs tasks <account>`';
  const render = (task: TaskWithAccount) => taskBlocks(task, { ...options, showAccount: true });
  blocks.push(...taskListBlocks(tasks, render, `: ${seeAll} lists them.`));
  return { text, blocks };
}

/** The daily DM: everything overdue for one person, oldest first. */
export function overdueDigestMessage(
  tasks: TaskWithAccount[],
  options: { now: Date; timeZone: string; late: boolean; lateSince: Date },
): { text: string; blocks: KnownBlock[] } {
  const count = tasks.length === 1 ? '1 overdue task' : `${tasks.length} overdue tasks`;
  const blocks: KnownBlock[] = [];
  if (options.late) blocks.push(lateNotice(options.lateSince, options.timeZone));
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `:wave: You have *${count}*, oldest first:` } });
  const render = (task: TaskWithAccount) => taskBlocks(task, { ...options, showAccount: true });
  blocks.push(...taskListBlocks(tasks, render, ': `/cs tasks` lists them.'));
  return { text: `You have ${count}`, blocks };
}

/** Tells an admin that an account's channel refuses the bot's messages. */
export function channelBrokenMessage(account: { name: string; channelId: string | null; reason: string | null }): {
  text: string;
  blocks: KnownBlock[];
} {
  const text =
    `:warning: I can't post in ${account.channelId ? mentionChannel(account.channelId) : 'the channel'} for *${escapeMrkdwn(account.name)}* ` +
    `(${escapeMrkdwn(account.reason ?? 'unknown error')}). Its reminders go to each person's DM until the channel is fixed: ` +
    'unarchive it and `/invite @cs-bot`, or give the account another channel.';
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.text) } }],
  };
}
