import { and, arrayOverlaps, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { accounts, notifications } from '../db/schema';
import { isActive } from '../domain/task';
import type { KnownBlock } from '../slack/block-kit';
import type { TaskRepository, TaskWithAccount } from '../tasks/task-repository';
import { channelBrokenMessage, overdueDigestMessage, taskOpenedMessage } from '../views/task-reminder';

export type NotificationRow = typeof notifications.$inferSelect;
export type RenderedMessage = { text: string; blocks: KnownBlock[] };

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
}

async function renderRow(
  deps: RenderDeps,
  row: NotificationRow,
  now: Date,
  late: boolean,
  mode: RenderMode,
): Promise<RenderedMessage | null> {
  const options = { now, timeZone: deps.timeZone, late, lateSince: row.dueAt };
  if (row.kind === 'task_opened') {
    const tasks = await deps.tasks.findByIds(row.taskIds);
    const shown = mode === 'send' ? tasks.filter((task) => isActive(task, now)) : tasks;
    return shown.length > 0 ? taskOpenedMessage(shown, options) : null;
  }
  if (row.kind === 'overdue_digest') {
    let tasks: TaskWithAccount[];
    if (mode === 'send') {
      tasks = (await deps.tasks.listActive({ forUser: row.recipientUser ?? '' }, now)).filter(
        (task) => task.dueAt <= now,
      );
      // Remembered so the buttons on this DM can later refresh exactly these tasks.
      await deps.db
        .update(notifications)
        .set({ taskIds: tasks.map((task) => task.id) })
        .where(eq(notifications.id, row.id));
    } else {
      tasks = await deps.tasks.findByIds(row.taskIds);
    }
    return tasks.length > 0 ? overdueDigestMessage(tasks, options) : null;
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
 * Renders one Slack message for one or more outbox rows (several when a late backlog for one
 * channel is combined): each row's part in order, divided, within Slack's 50-block limit.
 */
export function createNotificationRenderer(deps: RenderDeps) {
  return async function render(
    rows: NotificationRow[],
    context: { late: boolean; now: Date; mode?: RenderMode },
  ): Promise<RenderedMessage | null> {
    const parts: RenderedMessage[] = [];
    for (const row of rows) {
      const part = await renderRow(deps, row, context.now, context.late && parts.length === 0, context.mode ?? 'send');
      if (part) parts.push(part);
    }
    if (parts.length === 0) return null;
    const [only] = parts;
    if (parts.length === 1 && only) return only;
    const blocks: KnownBlock[] = [];
    for (const part of parts) {
      if (blocks.length + part.blocks.length + 1 > 50) break;
      if (blocks.length > 0) blocks.push({ type: 'divider' });
      blocks.push(...part.blocks);
    }
    return { text: `${parts.length} reminders: ${parts.map((part) => part.text).join(' · ')}`.slice(0, 3000), blocks };
  };
}

/** The outbox rows whose message is this Slack message (one, or several combined). */
export async function rowsOfMessage(db: DbOrTx, channel: string, ts: string): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.sentChannel, channel), eq(notifications.sentTs, ts)))
    .orderBy(asc(notifications.dueAt));
}

/** The sent messages that show any of these tasks (for refreshing them after a task changes). */
export async function messagesShowingTasks(
  db: DbOrTx,
  taskIds: string[],
): Promise<Array<{ channel: string; ts: string }>> {
  if (taskIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ channel: notifications.sentChannel, ts: notifications.sentTs })
    .from(notifications)
    .where(and(eq(notifications.status, 'sent'), arrayOverlaps(notifications.taskIds, taskIds)));
  return rows.flatMap(({ channel, ts }) => (channel && ts ? [{ channel, ts }] : []));
}
