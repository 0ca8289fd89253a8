/**
 * What the planner writes to the outbox. Every insert is ON CONFLICT DO NOTHING on the key and
 * returns only the rows it created, so concurrent planners queue each message once and each
 * counts only what it queued.
 */
import { inArray, sql } from 'drizzle-orm';
import { type DbOrTx, jsonRecordset, queryRows } from '../db/database';
import { inChunks } from '../db/in-chunks';
import { notifications } from '../db/schema';

export interface TaskOpenedInput {
  key: string;
  accountId: string;
  taskIds: string[];
  recipientUser: string | null;
  /** The account channel; null sends it to the recipient's DM. */
  channelId: string | null;
  dueAt: Date;
  /**
   * When the row should have been queued, if earlier than now: a task that opened while the bot
   * was down is queued at restart, yet was due all along, so it must go out marked late.
   */
  createdAt?: Date;
}

export interface DigestInput {
  key: string;
  recipientUser: string;
  dueAt: Date;
}

export type QueuedRow = { id: string };

// Seven columns a row: a chunk stays far under PostgreSQL's 65,535 bind parameters.
const INSERT_ROWS = 1_000;

async function insertNew(db: DbOrTx, rows: Array<typeof notifications.$inferInsert>): Promise<QueuedRow[]> {
  const queued: QueuedRow[] = [];
  for (const chunk of inChunks(rows, INSERT_ROWS)) {
    queued.push(
      ...(await db.insert(notifications).values(chunk).onConflictDoNothing().returning({ id: notifications.id })),
    );
  }
  return queued;
}

/** Rows one JSON-fed insert carries. */
const JSON_INSERT_ROWS = 2_000;

/**
 * Queues "task opened" messages; pass the planner's transaction so they commit with their tasks.
 * A first pass over a bulk import queues one per task, so the rows travel as one JSON parameter.
 */
export async function queueTaskOpened(db: DbOrTx, rows: readonly TaskOpenedInput[]): Promise<QueuedRow[]> {
  const queued: QueuedRow[] = [];
  for (const chunk of inChunks(rows, JSON_INSERT_ROWS)) {
    queued.push(
      ...(await queryRows<QueuedRow>(
        db,
        sql`
          insert into ${notifications} (key, kind, account_id, task_ids, recipient_user, channel_id, due_at, created_at)
          select key, 'task_opened', "accountId", "taskIds", "recipientUser", "channelId", "dueAt", coalesce("createdAt", now())
          from ${jsonRecordset(chunk)} as t(
            key text, "accountId" uuid, "taskIds" uuid[], "recipientUser" text, "channelId" text,
            "dueAt" timestamptz, "createdAt" timestamptz)
          on conflict do nothing
          returning id`,
      )),
    );
  }
  return queued;
}

/** Queues overdue DMs (each names its person; no channel, no account). */
export function queueDigests(db: DbOrTx, rows: readonly DigestInput[]): Promise<QueuedRow[]> {
  return insertNew(
    db,
    rows.map((row) => ({ ...row, kind: 'overdue_digest' as const, channelId: null })),
  );
}

export interface TeamDigestInput {
  key: string;
  channelId: string;
  dueAt: Date;
}

/**
 * Queues the Monday team digest. It counts as created at its due time, whenever it is queued:
 * one queued after downtime goes out marked late, as a reminder that fell due meanwhile does.
 */
export function queueTeamDigest(db: DbOrTx, row: TeamDigestInput): Promise<QueuedRow[]> {
  return insertNew(db, [
    { ...row, kind: 'team_digest' as const, accountId: null, recipientUser: null, createdAt: row.dueAt },
  ]);
}

/** Which of these keys are queued already (in any status), to skip work before inserting. */
export async function existingKeys(db: DbOrTx, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of inChunks([...new Set(keys)])) {
    const rows = await db
      .select({ key: notifications.key })
      .from(notifications)
      .where(inArray(notifications.key, chunk));
    for (const { key } of rows) found.add(key);
  }
  return found;
}
