import { and, eq, inArray } from 'drizzle-orm';
import type { PlannedTask } from '../clocks/plan-tasks';
import { CLOCK_RULES } from '../clocks/rules';
import type { Database } from '../db/database';
import { notifications, tasks } from '../db/schema';
import type { Account } from '../domain/account';

export interface SyncReport {
  created: number;
  /** Tasks this sync closed because their activity was logged: their messages need an update. */
  completed: string[];
  /** Tasks that left the plan (the clock moved on, or the account was closed). */
  closed: string[];
  queued: number;
}

const taskKey = (ruleId: string, periodKey: string) => `${ruleId}|${periodKey}`;

const ONE_SHOT_RULES = new Set(CLOCK_RULES.filter((rule) => rule.anchor.kind === 'accountDay').map((rule) => rule.id));

/**
 * A one-time task (an onboarding step, a handoff, a past renewal question) that was already due
 * before cs-bot knew the account is history, not work: importing a two-year-old account must not
 * flood its channel with every onboarding step. Recurring clocks keep their current period.
 */
export function isHistory(planned: PlannedTask, trackedSince: Date): boolean {
  return ONE_SHOT_RULES.has(planned.ruleId) && planned.dueAt < trackedSince;
}

export const taskOpenedKey = (taskId: string) => `task_opened:${taskId}`;

/**
 * Brings one account's stored tasks in line with its plan, in one transaction: new tasks are
 * inserted (ON CONFLICT DO NOTHING, so concurrent planners create each once) and only the insert
 * that won queues the "task opened" message; completed ones are marked done; tasks that left the
 * plan are closed. Running it twice with the same inputs changes nothing the second time.
 */
export async function syncAccountTasks(
  db: Database,
  input: { account: Account; trackedSince: Date; planned: PlannedTask[]; now: Date },
): Promise<SyncReport> {
  const { account, trackedSince, planned, now } = input;
  return db.transaction(async (tx) => {
    const report: SyncReport = { created: 0, completed: [], closed: [], queued: 0 };
    const existing = await tx.select().from(tasks).where(eq(tasks.accountId, account.id));
    const existingByKey = new Map(existing.map((task) => [taskKey(task.ruleId, task.periodKey), task]));
    const plannedKeys = new Set<string>();

    for (const task of planned) {
      const key = taskKey(task.ruleId, task.periodKey);
      plannedKeys.add(key);
      const stored = existingByKey.get(key);
      if (stored) {
        const active = stored.status === 'open' || stored.status === 'snoozed';
        if (active && task.completedByActivityId) {
          await tx
            .update(tasks)
            .set({ status: 'done', completedByActivityId: task.completedByActivityId, snoozedUntil: null, updatedAt: now })
            .where(and(eq(tasks.id, stored.id), inArray(tasks.status, ['open', 'snoozed'])));
          report.completed.push(stored.id);
        } else if (active && stored.forUser !== task.forUserId) {
          // The account team changed: the task follows whoever holds the role now.
          await tx.update(tasks).set({ forUser: task.forUserId, updatedAt: now }).where(eq(tasks.id, stored.id));
        }
        continue;
      }
      if (isHistory(task, trackedSince)) continue;

      const done = task.completedByActivityId !== null;
      const [inserted] = await tx
        .insert(tasks)
        .values({
          accountId: account.id,
          ruleId: task.ruleId,
          periodKey: task.periodKey,
          title: task.title,
          forRole: task.forRole,
          forUser: task.forUserId,
          opensAt: task.opensAt,
          dueAt: task.dueAt,
          status: done ? 'done' : 'open',
          completedByActivityId: task.completedByActivityId,
        })
        .onConflictDoNothing()
        .returning({ id: tasks.id });
      if (!inserted) continue;
      report.created += 1;
      if (done || (!account.channelId && !task.forUserId)) continue;
      const queued = await tx
        .insert(notifications)
        .values({
          key: taskOpenedKey(inserted.id),
          kind: 'task_opened',
          accountId: account.id,
          taskIds: [inserted.id],
          recipientUser: task.forUserId,
          channelId: account.channelId,
          dueAt: task.opensAt,
        })
        .onConflictDoNothing()
        .returning({ id: notifications.id });
      report.queued += queued.length;
    }

    const leftThePlan = existing.filter(
      (task) => (task.status === 'open' || task.status === 'snoozed') && !plannedKeys.has(taskKey(task.ruleId, task.periodKey)),
    );
    if (leftThePlan.length > 0) {
      const reason = account.status === 'closed' ? 'The account was closed.' : 'The clock moved on to a newer period.';
      await tx
        .update(tasks)
        .set({ status: 'closed', resolvedReason: reason, resolvedAt: now, updatedAt: now })
        .where(
          and(
            inArray(
              tasks.id,
              leftThePlan.map((task) => task.id),
            ),
            inArray(tasks.status, ['open', 'snoozed']),
          ),
        );
      report.closed.push(...leftThePlan.map((task) => task.id));
    }
    return report;
  });
}
