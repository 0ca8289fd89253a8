import { and, eq, inArray } from 'drizzle-orm';
import type { PlannedTask } from '../clocks/plan-tasks';
import type { DbOrTx } from '../db/database';
import { inChunks } from '../db/in-chunks';
import { tasks } from '../db/schema';
import type { Account } from '../domain/account';
import { queueTaskOpened, taskOpenedKey } from '../outbox';
import { createTaskRepository } from '../tasks/task-repository';
import { diffTasks } from './task-diff';

export interface SyncReport {
  created: number;
  /** Tasks this sync closed because their activity was logged: their messages need an update. */
  completed: string[];
  /** Tasks that left the plan (the clock moved on, or the account was closed). */
  closed: string[];
  queued: number;
}

export interface AccountPlan {
  account: Account;
  /** Since when cs-bot has known the account: no "task opened" message is due before it. */
  trackedSince: Date;
  planned: PlannedTask[];
}

const STILL_OPEN = ['open', 'snoozed'] as const;

/** Rows a multi-row insert carries at once, well under PostgreSQL's 65,535 bind parameters. */
const INSERT_ROWS = 1_000;

/**
 * Brings several accounts' stored tasks in line with their plans, in one transaction that re-reads
 * them: new tasks are inserted (ON CONFLICT DO NOTHING, so concurrent planners create each once)
 * and only the inserts that won queue their "task opened" message; completed ones are marked done;
 * tasks that left the plan are closed. Running it twice with the same inputs changes nothing the
 * second time. A pass syncs its changed accounts a chunk at a time, so a first pass over a bulk
 * import costs a few statements per chunk, not per account.
 */
export async function syncAccountsTasks(db: DbOrTx, plans: readonly AccountPlan[], now: Date): Promise<SyncReport> {
  const report: SyncReport = { created: 0, completed: [], closed: [], queued: 0 };
  if (plans.length === 0) return report;
  return db.transaction(async (tx) => {
    const stored = await createTaskRepository({ db: tx }).keysForAccounts(plans.map((plan) => plan.account.id));
    const inserts: Array<{ plan: AccountPlan; task: PlannedTask }> = [];
    const closures = new Map<string, string[]>();
    for (const plan of plans) {
      const diff = diffTasks(plan.planned, stored.get(plan.account.id) ?? []);
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
      inserts.push(...diff.inserts.map((task) => ({ plan, task })));
      if (diff.closures.length > 0) {
        const reason =
          plan.account.status === 'closed' ? 'The account was closed.' : 'The clock moved on to a newer period.';
        closures.set(reason, [...(closures.get(reason) ?? []), ...diff.closures]);
      }
    }
    for (const chunk of inChunks(inserts, INSERT_ROWS)) {
      const queued = await insertTasks(tx, chunk);
      report.created += queued.created;
      report.queued += queued.queued;
    }
    for (const [reason, ids] of closures) {
      const closed = await tx
        .update(tasks)
        .set({ status: 'closed', resolvedReason: reason, resolvedAt: now, updatedAt: now })
        .where(and(inArray(tasks.id, ids), inArray(tasks.status, STILL_OPEN)))
        .returning({ id: tasks.id });
      report.closed.push(...closed.map((row) => row.id));
    }
    return report;
  });
}

/**
 * One statement for the chunk's new tasks; RETURNING names only the rows this planner won, so a
 * concurrent planner's tasks never get a second "task opened" message. Each message is due when
 * its task opened, but never before cs-bot knew the account: a task that opened before an account
 * was added is announced now, as news, not as a message the bot failed to send on time.
 */
/**
 * The message is due when its task opened, but never before cs-bot knew the account; it counts as
 * queued from then too, so a pass that comes late (the bot was down) sends it marked late.
 */
function dueAndQueued(opensAt: Date, trackedSince: Date): { dueAt: Date; createdAt: Date } {
  const due = new Date(Math.max(opensAt.getTime(), trackedSince.getTime()));
  return { dueAt: due, createdAt: due };
}

async function insertTasks(
  tx: DbOrTx,
  chunk: ReadonlyArray<{ plan: AccountPlan; task: PlannedTask }>,
): Promise<{ created: number; queued: number }> {
  const plans = new Map(chunk.map(({ plan }) => [plan.account.id, plan]));
  const inserted = await tx
    .insert(tasks)
    .values(
      chunk.map(({ task }) => ({
        accountId: task.accountId,
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
    .returning({
      id: tasks.id,
      accountId: tasks.accountId,
      status: tasks.status,
      forUser: tasks.forUser,
      opensAt: tasks.opensAt,
    });
  const announce = inserted.flatMap((task) => {
    const plan = plans.get(task.accountId);
    if (!plan || task.status !== 'open' || !(plan.account.channelId || task.forUser)) return [];
    return [{ task, plan }];
  });
  if (announce.length === 0) return { created: inserted.length, queued: 0 };
  const queued = await queueTaskOpened(
    tx,
    announce.map(({ task, plan }) => ({
      key: taskOpenedKey(task.id),
      accountId: task.accountId,
      taskIds: [task.id],
      recipientUser: task.forUser,
      channelId: plan.account.channelId,
      ...dueAndQueued(task.opensAt, plan.trackedSince),
    })),
  );
  return { created: inserted.length, queued: queued.length };
}
