import { and, eq, inArray } from 'drizzle-orm';
import type { PlannedTask } from '../clocks/plan-tasks';
import type { DbOrTx } from '../db/database';
import { notifications, tasks } from '../db/schema';
import type { Account } from '../domain/account';
import { diffTasks } from './task-diff';

export interface SyncReport {
  created: number;
  /** Tasks this sync closed because their activity was logged: their messages need an update. */
  completed: string[];
  /** Tasks that left the plan (the clock moved on, or the account was closed). */
  closed: string[];
  queued: number;
}

export const taskOpenedKey = (taskId: string) => `task_opened:${taskId}`;

const STILL_OPEN = ['open', 'snoozed'] as const;

/**
 * Brings one account's stored tasks in line with its plan, in one transaction that re-reads them:
 * new tasks are inserted (ON CONFLICT DO NOTHING, so concurrent planners create each once) and
 * only the insert that won queues the "task opened" message; completed ones are marked done; tasks
 * that left the plan are closed. Running it twice with the same inputs changes nothing the second time.
 */
export async function syncAccountTasks(
  db: DbOrTx,
  input: { account: Account; trackedSince: Date; planned: PlannedTask[]; now: Date },
): Promise<SyncReport> {
  const { account, trackedSince, planned, now } = input;
  return db.transaction(async (tx) => {
    const report: SyncReport = { created: 0, completed: [], closed: [], queued: 0 };
    const stored = await tx
      .select({
        id: tasks.id,
        ruleId: tasks.ruleId,
        periodKey: tasks.periodKey,
        status: tasks.status,
        forUser: tasks.forUser,
      })
      .from(tasks)
      .where(eq(tasks.accountId, account.id));
    const diff = diffTasks(planned, stored, trackedSince);

    for (const { id, activityId } of diff.completions) {
      const updated = await tx
        .update(tasks)
        .set({ status: 'done', completedByActivityId: activityId, snoozedUntil: null, updatedAt: now })
        .where(and(eq(tasks.id, id), inArray(tasks.status, STILL_OPEN)))
        .returning({ id: tasks.id });
      report.completed.push(...updated.map((row) => row.id));
    }
    for (const { id, forUser } of diff.reassignments) {
      await tx.update(tasks).set({ forUser, updatedAt: now }).where(eq(tasks.id, id));
    }
    if (diff.inserts.length > 0) {
      // One statement for all new tasks; RETURNING names only the rows this planner won, so a
      // concurrent planner's tasks never get a second "task opened" message.
      const inserted = await tx
        .insert(tasks)
        .values(
          diff.inserts.map((task) => ({
            accountId: account.id,
            ruleId: task.ruleId,
            periodKey: task.periodKey,
            title: task.title,
            forRole: task.forRole,
            forUser: task.forUserId,
            opensAt: task.opensAt,
            dueAt: task.dueAt,
            status: task.completedByActivityId ? ('done' as const) : ('open' as const),
            completedByActivityId: task.completedByActivityId,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: tasks.id, status: tasks.status, forUser: tasks.forUser, opensAt: tasks.opensAt });
      report.created += inserted.length;
      const announce = inserted.filter((task) => task.status === 'open' && (account.channelId || task.forUser));
      if (announce.length > 0) {
        const queued = await tx
          .insert(notifications)
          .values(
            announce.map((task) => ({
              key: taskOpenedKey(task.id),
              kind: 'task_opened' as const,
              accountId: account.id,
              taskIds: [task.id],
              recipientUser: task.forUser,
              channelId: account.channelId,
              dueAt: task.opensAt,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: notifications.id });
        report.queued += queued.length;
      }
    }
    if (diff.closures.length > 0) {
      const reason = account.status === 'closed' ? 'The account was closed.' : 'The clock moved on to a newer period.';
      const closed = await tx
        .update(tasks)
        .set({ status: 'closed', resolvedReason: reason, resolvedAt: now, updatedAt: now })
        .where(and(inArray(tasks.id, diff.closures), inArray(tasks.status, STILL_OPEN)))
        .returning({ id: tasks.id });
      report.closed.push(...closed.map((row) => row.id));
    }
    return report;
  });
}
