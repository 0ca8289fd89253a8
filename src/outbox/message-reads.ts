/** Reads of the outbox by what is shown in Slack: for refreshing messages and for previews. */
import { and, arrayOverlaps, asc, eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { accounts, notifications } from '../db/schema';
import type { NotificationRow } from './outbox-rows';

/** The outbox rows whose message is this Slack message (one, or several combined), oldest due first. */
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

/** Pending rows due by `at`, with their account's name: what a sweep at `at` would send. */
export async function pendingDueWithAccount(
  db: DbOrTx,
  at: Date,
): Promise<Array<{ row: NotificationRow; account: string | null }>> {
  return db
    .select({ row: notifications, account: accounts.name })
    .from(notifications)
    .leftJoin(accounts, eq(notifications.accountId, accounts.id))
    .where(and(eq(notifications.status, 'pending'), lte(notifications.dueAt, at)));
}
