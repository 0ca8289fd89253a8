import { eq } from 'drizzle-orm';
import { coalesce } from '../db/coalesce';
import type { DbOrTx } from '../db/database';
import { accounts } from '../db/schema';
import { isActive } from '../domain/task';
import type { NotificationRow } from '../outbox';
import { loadTeamView } from '../reports/team-view';
import type { KnownBlock } from '../slack/block-kit';
import { contextLine, SLACK_LIMITS, truncateMrkdwn } from '../slack/block-kit-limits';
import type { TaskRepository, TaskWithAccount } from '../tasks/task-repository';
import { channelBrokenMessage, overdueDigestMessage, taskOpenedMessage } from '../views/task-reminder';
import { teamDigestMessage } from './team-digest-message';

export type { NotificationRow };

/**
 * A message to post or update. `shownTasks` names the tasks a row's message shows when the
 * renderer chose them (the overdue DM lists what is overdue now): the dispatcher stores them on
 * the row, so the message's buttons can later refresh exactly these.
 */
export type RenderedMessage = {
  text: string;
  blocks: KnownBlock[];
  shownTasks?: Array<{ rowId: string; taskIds: string[] }>;
  /**
   * Rows of a combined message that did not fit in Slack's 50 blocks (only when sending): they are
   * not part of this message, and go out in the next one.
   */
  deferredRowIds?: string[];
};

/**
 * `send` renders what still asks for work (a task closed meanwhile is not reminded: null);
 * `refresh` re-renders a message already in Slack after someone acted on it, showing each task's
 * new state.
 */
export type RenderMode = 'send' | 'refresh';

export interface RenderDeps {
  db: DbOrTx;
  tasks: TaskRepository;
  timeZone: string;
  /** How long a lone task read waits for other renders to share its query (the dispatcher's lanes). */
  batchWindowMs?: number;
}

/** Where a row's tasks come from: concurrent renders share one query (see createNotificationRenderer). */
type TasksByIds = (ids: string[]) => Promise<TaskWithAccount[]>;

async function renderRow(
  deps: RenderDeps,
  tasksByIds: TasksByIds,
  row: NotificationRow,
  now: Date,
  late: boolean,
  mode: RenderMode,
): Promise<RenderedMessage | null> {
  const options = { now, timeZone: deps.timeZone, late, lateSince: row.dueAt };
  if (row.kind === 'task_opened') {
    const tasks = await tasksByIds(row.taskIds);
    const shown = mode === 'send' ? tasks.filter((task) => isActive(task, now)) : tasks;
    return shown.length > 0 ? taskOpenedMessage(shown, options) : null;
  }
  if (row.kind === 'overdue_digest') {
    if (mode === 'refresh') {
      const shown = await tasksByIds(row.taskIds);
      return shown.length > 0 ? overdueDigestMessage(shown, options) : null;
    }
    const overdue: TaskWithAccount[] = (await deps.tasks.listActive({ forUser: row.recipientUser ?? '' }, now)).filter(
      (task) => task.dueAt <= now,
    );
    if (overdue.length === 0) return null;
    return {
      ...overdueDigestMessage(overdue, options),
      shownTasks: [{ rowId: row.id, taskIds: overdue.map((task) => task.id) }],
    };
  }
  if (row.kind === 'team_digest') {
    // Monday's post is that morning's picture: re-rendering it later would change its figures.
    if (mode === 'refresh') return null;
    const view = await loadTeamView(deps.db, { now, timeZone: deps.timeZone });
    return teamDigestMessage(view, { ...options, redirected: row.recipientUser !== null });
  }
  const [account] = row.accountId
    ? await deps.db
        .select({ name: accounts.name, channelId: accounts.channelId, reason: accounts.channelBrokenReason })
        .from(accounts)
        .where(eq(accounts.id, row.accountId))
    : [];
  return account ? channelBrokenMessage(account) : null;
}

/**
 * How many of a combined message's parts fit in Slack's 50 blocks, with a divider between parts
 * (at least one, which fits on its own). A message already in Slack (refresh) keeps one block for
 * the line that counts the parts left out; a message being sent leaves them to the next message.
 */
function partsWithinBlockLimit(parts: RenderedMessage[], mode: RenderMode): number {
  let blocks = 0;
  for (const [index, part] of parts.entries()) {
    const divider = index > 0 ? 1 : 0;
    const countLine = mode === 'refresh' && index < parts.length - 1 ? 1 : 0;
    if (index > 0 && blocks + divider + part.blocks.length + countLine > SLACK_LIMITS.messageBlocks) return index;
    blocks += divider + part.blocks.length;
  }
  return parts.length;
}

/**
 * Renders one Slack message for one or more outbox rows (several when a late backlog for one
 * channel is combined): each row's part in order, divided, within Slack's 50-block limit. Parts
 * past the limit are left to the next message (their rows come back as `deferredRowIds`) rather
 * than counted in a line and taken as sent. It reads the tasks and accounts it shows and writes
 * nothing; the caller passes the rows.
 */
export function createNotificationRenderer(deps: RenderDeps) {
  // The dispatcher renders for hundreds of channels each second; their reads go out together.
  const tasksByIds: TasksByIds = coalesce(
    async (idLists: string[][]) => {
      const found = await deps.tasks.findByIds([...new Set(idLists.flat())]);
      return idLists.map((ids) => found.filter((task) => ids.includes(task.id)));
    },
    { windowMs: deps.batchWindowMs ?? 0 },
  );
  return async function render(
    rows: NotificationRow[],
    context: { late: boolean; now: Date; mode?: RenderMode },
  ): Promise<RenderedMessage | null> {
    const mode = context.mode ?? 'send';
    const parts: Array<{ row: NotificationRow; part: RenderedMessage }> = [];
    for (const row of rows) {
      const part = await renderRow(deps, tasksByIds, row, context.now, context.late && parts.length === 0, mode);
      if (part) parts.push({ row, part });
    }
    if (parts.length === 0) return null;
    const fitting = partsWithinBlockLimit(
      parts.map(({ part }) => part),
      mode,
    );
    const shown = parts.slice(0, fitting);
    const left = parts.length - fitting;
    const blocks: KnownBlock[] = [];
    for (const { part } of shown) {
      if (blocks.length > 0) blocks.push({ type: 'divider' });
      blocks.push(...part.blocks);
    }
    if (left > 0 && mode === 'refresh')
      blocks.push(contextLine(`…and ${left} more reminder${left === 1 ? '' : 's'}: \`/cs tasks\` lists them.`));
    const [first] = shown;
    const text =
      shown.length === 1 && first
        ? first.part.text
        : truncateMrkdwn(
            `${shown.length} reminders: ${shown.map(({ part }) => part.text).join(' · ')}`,
            SLACK_LIMITS.text,
          );
    const shownTasks = shown.flatMap(({ part }) => part.shownTasks ?? []);
    return {
      text,
      blocks,
      ...(shownTasks.length > 0 ? { shownTasks } : {}),
      ...(mode === 'send' && left > 0 ? { deferredRowIds: parts.slice(fitting).map(({ row }) => row.id) } : {}),
    };
  };
}
