import { eq, sql, TransactionRollbackError } from 'drizzle-orm';
import type { Database } from '../db/database';
import { accounts, tasks } from '../db/schema';
import { existingKeys, pendingDueWithAccount, taskOpenedKey } from '../outbox';
import { createClockRuntime } from './clock-runtime';
import type { PlannerReport } from './run-planner';

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
  options: { full?: boolean } = {},
): Promise<{ lines: SweepPreviewLine[]; planner: PlannerReport }> {
  let lines: SweepPreviewLine[] = [];
  let planner: PlannerReport | null = null;
  try {
    await deps.db.transaction(async (db) => {
      const runtime = createClockRuntime({ db, slack: null, timeZone: deps.timeZone, admins: deps.admins });
      planner = (await runtime.runPass(at, options)).planner;
      // Rows this transaction wrote carry its start time as created_at: now() is fixed per transaction.
      const opened = await db
        .select({ task: tasks, account: accounts.name })
        .from(tasks)
        .innerJoin(accounts, eq(tasks.accountId, accounts.id))
        .where(sql`${tasks.createdAt} = now()`);
      const announced = await existingKeys(
        db,
        opened.map(({ task }) => taskOpenedKey(task.id)),
      );
      const messages = await pendingDueWithAccount(db, at);
      const taskMessageKeys = new Set(opened.map(({ task }) => taskOpenedKey(task.id)));
      lines = [
        ...opened.map(({ task, account }) => ({
          account,
          rule: task.ruleId,
          opens_at: task.opensAt.toISOString(),
          due_at: task.dueAt.toISOString(),
          for: task.forUser ?? task.forRole,
          message: announced.has(taskOpenedKey(task.id)) ? 'task_opened' : null,
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
  if (!planner) throw new Error('The sweep preview ran no planner pass.');
  return { lines, planner };
}
