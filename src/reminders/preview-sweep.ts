import { and, eq, lte, sql, TransactionRollbackError } from 'drizzle-orm';
import type { Database } from '../db/database';
import { accounts, notifications, tasks } from '../db/schema';
import { createClockRuntime } from './clock-runtime';

/** One line of `sweep --dry-run`: a task that would open, or a message that would be sent. */
export interface SweepPreviewLine {
  account: string | null;
  rule: string | null;
  opens_at: string | null;
  due_at: string;
  for: string | null;
  message: string | null;
}

/**
 * What a sweep at `at` would do, without doing it: the planner runs inside a transaction that is
 * rolled back, so the preview is exactly what a real pass would create, and nothing is written.
 */
export async function previewSweep(
  deps: { db: Database; timeZone: string; admins: string[] },
  at: Date,
): Promise<SweepPreviewLine[]> {
  let lines: SweepPreviewLine[] = [];
  try {
    await deps.db.transaction(async (db) => {
      await createClockRuntime({ db, slack: null, timeZone: deps.timeZone, admins: deps.admins }).runPass(at);
      // Rows this transaction wrote carry its start time as created_at: now() is fixed per transaction.
      const opened = await db
        .select({ task: tasks, account: accounts.name, message: notifications.kind })
        .from(tasks)
        .innerJoin(accounts, eq(tasks.accountId, accounts.id))
        .leftJoin(
          notifications,
          sql`${notifications.taskIds} @> array[${tasks.id}]::uuid[] and ${notifications.kind} = 'task_opened'`,
        )
        .where(sql`${tasks.createdAt} = now()`);
      const messages = await db
        .select({ row: notifications, account: accounts.name })
        .from(notifications)
        .leftJoin(accounts, eq(notifications.accountId, accounts.id))
        .where(and(eq(notifications.status, 'pending'), lte(notifications.dueAt, at)));
      const taskMessageKeys = new Set(opened.map(({ task }) => `task_opened:${task.id}`));
      lines = [
        ...opened.map(({ task, account, message }) => ({
          account,
          rule: task.ruleId,
          opens_at: task.opensAt.toISOString(),
          due_at: task.dueAt.toISOString(),
          for: task.forUser ?? task.forRole,
          message: message ?? null,
        })),
        ...messages
          .filter(({ row }) => !taskMessageKeys.has(row.key))
          .map(({ row, account }) => ({
            account,
            rule: null,
            opens_at: null,
            due_at: row.dueAt.toISOString(),
            for: row.recipientUser ?? row.channelId,
            message: row.kind,
          })),
      ];
      db.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return lines;
}
