import { inArray } from 'drizzle-orm';
import type { AccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import { planTasks } from '../clocks/plan-tasks';
import type { Database } from '../db/database';
import { accounts, notifications } from '../db/schema';
import type { Account } from '../domain/account';
import type { TaskRepository } from '../tasks/task-repository';
import { digestMoment } from './digest-schedule';
import { syncAccountTasks } from './sync-account-tasks';
import type { TimeZoneOf } from './user-time-zones';

export interface PlannerDeps {
  db: Database;
  accounts: AccountRepository;
  activities: ActivityRepository;
  tasks: TaskRepository;
  timeZone: string;
  timeZoneOf: TimeZoneOf;
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

async function trackedSince(db: Database, accountIds: string[]): Promise<Map<string, Date>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.select({ id: accounts.id, createdAt: accounts.createdAt }).from(accounts).where(inArray(accounts.id, accountIds));
  return new Map(rows.map((row) => [row.id, row.createdAt]));
}

/** Plans one account: its clocks against its timeline, stored idempotently. */
export async function planAccount(deps: PlannerDeps, account: Account, now: Date) {
  const since = (await trackedSince(deps.db, [account.id])).get(account.id) ?? now;
  const activities = await deps.activities.listForAccount(account.id);
  const planned = planTasks({ account, activities, now, timeZone: deps.timeZone });
  return syncAccountTasks(deps.db, { account, trackedSince: since, planned, now });
}

/**
 * One planner pass at `now`: every account's tasks, then each person's overdue digest once its
 * 09:00 has come. Idempotent: a second pass at the same instant creates nothing.
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
  for (const account of all) {
    const sync = await planAccount(deps, account, now);
    report.accounts += 1;
    report.tasksCreated += sync.created;
    report.tasksCompleted += sync.completed.length;
    report.tasksClosed += sync.closed.length;
    report.messagesQueued += sync.queued;
    report.completedTaskIds.push(...sync.completed);
  }
  report.digestsQueued = await queueDigests(deps, now);
  return report;
}

/** Queues today's overdue DM for each person whose 09:00 has come and who had something overdue then. */
async function queueDigests(deps: PlannerDeps, now: Date): Promise<number> {
  let queued = 0;
  for (const user of await deps.tasks.usersWithOverdue(now, now)) {
    const moment = digestMoment(now, await deps.timeZoneOf(user, now));
    if (!moment) continue;
    // Only what was already overdue at 09:00 counts: a task falling due at 22:00 waits for tomorrow.
    const overdueThen = await deps.tasks.usersWithOverdue(moment.sendAt, now);
    if (!overdueThen.includes(user)) continue;
    const inserted = await deps.db
      .insert(notifications)
      .values({ key: digestKey(user, moment.day), kind: 'overdue_digest', recipientUser: user, channelId: null, dueAt: moment.sendAt })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    queued += inserted.length;
  }
  return queued;
}
