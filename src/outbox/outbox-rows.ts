/** The outbox row as drizzle reads and writes it, and the lane each row is sent on. */
import { type SQL, sql } from 'drizzle-orm';
import type { notifications } from '../db/schema';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/**
 * The lane a row is claimed and sent on: its account channel, or its recipient's DM. One
 * dispatcher at a time works a lane, so a channel's backlog is never split between two of them
 * and two replicas never post into one channel at once. `laneSql` must say the same in SQL.
 */
export function laneOf(row: Pick<NotificationRow, 'channelId' | 'recipientUser'>): string {
  if (row.channelId !== null) return row.channelId;
  return row.recipientUser !== null ? `@${row.recipientUser}` : '';
}

/** laneOf for the notifications table under `alias` in raw SQL. */
export function laneSql(alias: string): SQL {
  return sql.raw(`coalesce(${alias}.channel_id, '@' || ${alias}.recipient_user, '')`);
}

/** Rows of a raw query, whichever driver answers (postgres.js: an array; PGlite: `{ rows }`). */
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}
