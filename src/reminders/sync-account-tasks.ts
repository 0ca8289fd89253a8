import { and, eq, inArray } from 'drizzle-orm';
import { isCompleted, type PlannedTask } from '../clocks/plan-tasks';
import type { DbOrTx } from '../db/database';
import { tasks } from '../db/schema';
import type { Account } from '../domain/account';
import { queueTaskOpened, taskOpenedKey } from '../outbox';
import { createTaskRepository } from '../tasks/task-repository';
import { diffTasks } from './task-diff';

export interface SyncReport {
  created: number;
  /** Tasks this sync closed because their activity was logged: their messages need an update. */
  completed: string[];
  /** Done tasks this sync reopened because their activity was deleted or no longer matches. */
  reopened: string[];
  /** Tasks that left the plan (the clock moved on, the account's dates changed, or it was closed). */
  closed: string[];
  /** Open tasks that moved to a role's new holder: their messages need an update. */
  reassigned: string[];
  queued: number;
  /** Filled in by the planner: the teams of the accounts synced. */
  people?: string[];
}

export interface AccountPlan {
  account: Account;
  /** Since when cs-bot has known the account: no "task opened" message is due before it. */
  trackedSince: Date;
  planned: PlannedTask[];
  /** Why tasks that left the plan close, when the caller knows better than "the clock moved on". */
  closeReason?: string;
}

const STILL_OPEN = ['open', 'snoozed'] as const;

/**
 * Brings several accounts' stored tasks in line with their plans, in one transaction that re-reads
 * them: new tasks are inserted (ON CONFLICT DO NOTHING, so concurrent planners create each once)
 * and only the inserts that won queue their "task opened" message; completed ones are marked done;
 * tasks that left the plan are closed. Running it twice with the same inputs changes nothing the
 * second time. A pass syncs its changed accounts a chunk at a time, so a first pass over a bulk
 * import costs a few statements per chunk, not per account.
 */
export async function syncAccountsTasks(db: DbOrTx, plans: readonly AccountPlan[], now: Date): Promise<SyncReport> {
  const report: SyncReport = { created: 0, completed: [], reopened: [], closed: [], reassigned: [], queued: 0 };
  if (plans.length === 0) return report;
  return db.transaction(async (tx) => {
    const stored = await createTaskRepository({ db: tx }).keysForAccounts(plans.map((plan) => plan.account.id));
    const inserts: Array<{ plan: AccountPlan; task: PlannedTask }> = [];
    const closures = new Map<string, string[]>();
    for (const plan of plans) {
      const diff = diffTasks(plan.planned, stored.get(plan.account.id) ?? []);
      for (const { id, activityId, acceleratorId } of diff.completions) {
        const updated = await tx
          .update(tasks)
          .set({
            status: 'done',
            completedByActivityId: activityId,
            completedByAcceleratorId: acceleratorId,
            snoozedUntil: null,
            updatedAt: now,
          })
          .where(and(eq(tasks.id, id), inArray(tasks.status, STILL_OPEN)))
          .returning({ id: tasks.id });
        report.completed.push(...updated.map((row) => row.id));
      }
      if (diff.reopenings.length > 0) {
        const reopened = await reopenTasks(tx, plan, diff.reopenings, now);
        report.reopened.push(...reopened.ids);
        report.queued += reopened.queued;
      }
      for (const { id, forUser } of diff.reassignments) {
        const moved = await tx
          .update(tasks)
          .set({ forUser, updatedAt: now })
          .where(and(eq(tasks.id, id), inArray(tasks.status, STILL_OPEN)))
          .returning({ id: tasks.id });
        report.reassigned.push(...moved.map((row) => row.id));
      }
      inserts.push(...diff.inserts.map((task) => ({ plan, task })));
      if (diff.closures.length > 0) {
        const reason =
          plan.account.status === 'closed'
            ? 'The account was closed.'
            : (plan.closeReason ?? 'The clock moved on to a newer period.');
        closures.set(reason, [...(closures.get(reason) ?? []), ...diff.closures]);
      }
    }
    const inserted = await insertTasks(tx, inserts);
    report.created += inserted.created;
    report.queued += inserted.queued;
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
 * Reopens done tasks whose activity was deleted or edited away. A task completed before its "task
 * opened" message went out never had one: it is queued now (the key keeps one that was sent from
 * going again; that one is refreshed by the caller and gets its buttons back).
 */
async function reopenTasks(
  tx: DbOrTx,
  plan: AccountPlan,
  reopenings: ReadonlyArray<{ id: string; task: PlannedTask }>,
  now: Date,
): Promise<{ ids: string[]; queued: number }> {
  const rows = await tx
    .update(tasks)
    .set({ status: 'open', completedByActivityId: null, completedByAcceleratorId: null, updatedAt: now })
    .where(
      and(
        inArray(
          tasks.id,
          reopenings.map(({ id }) => id),
        ),
        eq(tasks.status, 'done'),
      ),
    )
    .returning({ id: tasks.id });
  const ids = rows.map((row) => row.id);
  const announce = reopenings
    .filter(({ id, task }) => ids.includes(id) && (plan.account.channelId || task.forUserId))
    .map(({ id, task }) => ({
      key: taskOpenedKey(id),
      accountId: task.accountId,
      taskIds: [id],
      recipientUser: task.forUserId,
      channelId: plan.account.channelId,
      ...dueAndQueued(new Date(Math.max(task.opensAt.getTime(), now.getTime())), plan.trackedSince),
    }));
  const queued = announce.length > 0 ? await queueTaskOpened(tx, announce) : [];
  return { ids, queued: queued.length };
}

/**
 * The message is due when its task opened, but never before cs-bot knew the account: a task that
 * opened before an account was added is announced now, as news. It counts as queued from then too,
 * so a pass that comes late (the bot was down) sends it marked late.
 */
function dueAndQueued(opensAt: Date, trackedSince: Date): { dueAt: Date; createdAt: Date } {
  const due = new Date(Math.max(opensAt.getTime(), trackedSince.getTime()));
  return { dueAt: due, createdAt: due };
}

const taskName = (accountId: string, ruleId: string, periodKey: string) => `${accountId}/${ruleId}/${periodKey}`;

/**
 * One statement for the new tasks; the insert returns only the rows this planner won, so a
 * concurrent planner's tasks never get a second "task opened" message.
 */
async function insertTasks(
  tx: DbOrTx,
  inserts: ReadonlyArray<{ plan: AccountPlan; task: PlannedTask }>,
): Promise<{ created: number; queued: number }> {
  if (inserts.length === 0) return { created: 0, queued: 0 };
  const byName = new Map(
    inserts.map((entry) => [taskName(entry.task.accountId, entry.task.ruleId, entry.task.periodKey), entry]),
  );
  const inserted = await createTaskRepository({ db: tx }).insertPlanned(
    inserts.map(({ task }) => ({
      accountId: task.accountId,
      ruleId: task.ruleId,
      periodKey: task.periodKey,
      title: task.title,
      forRole: task.forRole,
      forUser: task.forUserId,
      opensAt: task.opensAt,
      dueAt: task.dueAt,
      status: isCompleted(task) ? 'done' : 'open',
      completedByActivityId: task.completedByActivityId,
      completedByAcceleratorId: task.completedByAcceleratorId,
    })),
  );
  const announce = inserted.flatMap((row) => {
    const entry = byName.get(taskName(row.accountId, row.ruleId, row.periodKey));
    if (!entry || isCompleted(entry.task)) return [];
    const { plan, task } = entry;
    if (!(plan.account.channelId || task.forUserId)) return [];
    return [
      {
        key: taskOpenedKey(row.id),
        accountId: row.accountId,
        taskIds: [row.id],
        recipientUser: task.forUserId,
        channelId: plan.account.channelId,
        ...dueAndQueued(task.opensAt, plan.trackedSince),
      },
    ];
  });
  const queued = await queueTaskOpened(tx, announce);
  return { created: inserted.length, queued: queued.length };
}
