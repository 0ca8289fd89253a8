import { inArray } from 'drizzle-orm';
import type { AccountRepository } from '../accounts/account-repository';
import { createAccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import { createActivityRepository } from '../activities/activity-repository';
import { planTasks } from '../clocks/plan-tasks';
import type { DbOrTx } from '../db/database';
import { inChunks } from '../db/in-chunks';
import { accounts, notifications } from '../db/schema';
import type { Account } from '../domain/account';
import type { TaskRepository } from '../tasks/task-repository';
import { createTaskRepository } from '../tasks/task-repository';
import { digestMoment } from './digest-schedule';
import { type SyncReport, syncAccountTasks } from './sync-account-tasks';
import { diffTasks, isEmptyDiff } from './task-diff';
import { createUserTimeZones, type TimeZoneOf, type UsersInfoClient } from './user-time-zones';

export interface PlannerDeps {
  db: DbOrTx;
  accounts: AccountRepository;
  activities: ActivityRepository;
  tasks: TaskRepository;
  timeZone: string;
  timeZoneOf: TimeZoneOf;
}

/** The planner's dependencies over one database; `slack` (users.info) may be null for a dry run. */
export function createPlannerDeps(deps: { db: DbOrTx; slack: UsersInfoClient | null; timeZone: string }): PlannerDeps {
  const { db } = deps;
  return {
    db,
    accounts: createAccountRepository({ db }),
    activities: createActivityRepository({ db }),
    tasks: createTaskRepository({ db }),
    timeZone: deps.timeZone,
    timeZoneOf: createUserTimeZones({ db, slack: deps.slack, fallbackZone: deps.timeZone }),
  };
}

export interface PlannerReport {
  accounts: number;
  tasksCreated: number;
  tasksCompleted: number;
  tasksClosed: number;
  messagesQueued: number;
  digestsQueued: number;
  /** Tasks completed by activities during this pass: their reminder messages should be refreshed. */
  completedTaskIds: string[];
}

export const digestKey = (userId: string, day: string) => `overdue_digest:${userId}:${day}`;

async function trackedSince(db: DbOrTx, accountIds: string[]): Promise<Map<string, Date>> {
  const since = new Map<string, Date>();
  for (const ids of inChunks(accountIds)) {
    const rows = await db
      .select({ id: accounts.id, createdAt: accounts.createdAt })
      .from(accounts)
      .where(inArray(accounts.id, ids));
    for (const row of rows) since.set(row.id, row.createdAt);
  }
  return since;
}

/** Plans one account now, outside the minute's pass (after an activity, a renewal or a close). */
export async function replanAccount(deps: PlannerDeps, account: Account, now: Date): Promise<SyncReport> {
  const since = (await trackedSince(deps.db, [account.id])).get(account.id) ?? now;
  const activities = await deps.activities.listForAccount(account.id);
  const planned = planTasks({ account, activities, now, timeZone: deps.timeZone });
  return syncAccountTasks(deps.db, { account, trackedSince: since, planned, now });
}

/**
 * One planner pass at `now`: every account's tasks, then each person's overdue digest once its
 * 09:00 has come. Idempotent: a second pass at the same instant creates nothing.
 *
 * Reads everything it compares in a few queries, then opens a transaction only for the accounts
 * whose stored tasks differ from their plan: most minutes, almost none do.
 */
export async function runPlanner(deps: PlannerDeps, now: Date): Promise<PlannerReport> {
  const report: PlannerReport = {
    accounts: 0,
    tasksCreated: 0,
    tasksCompleted: 0,
    tasksClosed: 0,
    messagesQueued: 0,
    digestsQueued: 0,
    completedTaskIds: [],
  };
  const all = [...(await deps.accounts.listActive()), ...(await deps.accounts.listClosedWithActiveTasks())];
  const ids = all.map((account) => account.id);
  const since = await trackedSince(deps.db, ids);
  const activities = await deps.activities.listForAccounts(ids);
  const stored = await deps.tasks.keysForAccounts(ids);

  for (const account of all) {
    report.accounts += 1;
    const accountSince = since.get(account.id) ?? now;
    const planned = planTasks({ account, activities: activities.get(account.id) ?? [], now, timeZone: deps.timeZone });
    if (isEmptyDiff(diffTasks(planned, stored.get(account.id) ?? [], accountSince))) continue;
    const sync = await syncAccountTasks(deps.db, { account, trackedSince: accountSince, planned, now });
    report.tasksCreated += sync.created;
    report.tasksCompleted += sync.completed.length;
    report.tasksClosed += sync.closed.length;
    report.messagesQueued += sync.queued;
    report.completedTaskIds.push(...sync.completed);
  }
  report.digestsQueued = await queueDigests(deps, now);
  return report;
}

/**
 * Queues today's overdue DM for each person whose 09:00 has come and who had something overdue
 * then (a task falling due at 22:00 waits for tomorrow's). People whose digest for their today
 * already exists are skipped before any insert.
 */
async function queueDigests(deps: PlannerDeps, now: Date): Promise<number> {
  const candidates: Array<{ user: string; key: string; sendAt: Date }> = [];
  for (const { user, oldestDue } of await deps.tasks.oldestActiveDueByUser(now)) {
    if (oldestDue > now) continue;
    const moment = digestMoment(now, await deps.timeZoneOf(user, now));
    if (!moment || oldestDue > moment.sendAt) continue;
    candidates.push({ user, key: digestKey(user, moment.day), sendAt: moment.sendAt });
  }
  if (candidates.length === 0) return 0;
  const existing = new Set(
    (
      await deps.db
        .select({ key: notifications.key })
        .from(notifications)
        .where(
          inArray(
            notifications.key,
            candidates.map((candidate) => candidate.key),
          ),
        )
    ).map((row) => row.key),
  );
  let queued = 0;
  for (const { user, key, sendAt } of candidates.filter((candidate) => !existing.has(candidate.key))) {
    const inserted = await deps.db
      .insert(notifications)
      .values({ key, kind: 'overdue_digest', recipientUser: user, channelId: null, dueAt: sendAt })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    queued += inserted.length;
  }
  return queued;
}
