import { and, asc, eq, inArray, isNotNull, lte, min, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { groupBy, inChunks } from '../db/in-chunks';
import { accounts, tasks } from '../db/schema';
import type { StoredTaskKey, Task } from '../domain/task';

export type TaskWithAccount = Task & { accountName: string; accountChannelId: string | null };

const activeAt = (now: Date) =>
  or(eq(tasks.status, 'open'), and(eq(tasks.status, 'snoozed'), lte(tasks.snoozedUntil, now)));

const withAccount = {
  task: tasks,
  accountName: accounts.name,
  accountChannelId: accounts.channelId,
};

function flatten(rows: Array<{ task: Task; accountName: string; accountChannelId: string | null }>): TaskWithAccount[] {
  return rows.map(({ task, accountName, accountChannelId }) => ({ ...task, accountName, accountChannelId }));
}

export function createTaskRepository({ db }: { db: DbOrTx }) {
  return {
    async findById(id: string): Promise<TaskWithAccount | null> {
      const rows = await db
        .select(withAccount)
        .from(tasks)
        .innerJoin(accounts, eq(tasks.accountId, accounts.id))
        .where(eq(tasks.id, id));
      return flatten(rows)[0] ?? null;
    },

    async findByIds(ids: string[]): Promise<TaskWithAccount[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .select(withAccount)
        .from(tasks)
        .innerJoin(accounts, eq(tasks.accountId, accounts.id))
        .where(inArray(tasks.id, ids))
        .orderBy(asc(tasks.dueAt), asc(tasks.createdAt));
      return flatten(rows);
    },

    async listForAccount(accountId: string): Promise<Task[]> {
      return db.select().from(tasks).where(eq(tasks.accountId, accountId)).orderBy(asc(tasks.dueAt));
    },

    /** Tasks still asking for work, for one person or one account, oldest due first. */
    async listActive(filter: { forUser?: string; accountId?: string }, now: Date): Promise<TaskWithAccount[]> {
      const rows = await db
        .select(withAccount)
        .from(tasks)
        .innerJoin(accounts, eq(tasks.accountId, accounts.id))
        .where(
          and(
            activeAt(now),
            filter.forUser ? eq(tasks.forUser, filter.forUser) : undefined,
            filter.accountId ? eq(tasks.accountId, filter.accountId) : undefined,
          ),
        )
        .orderBy(asc(tasks.dueAt), asc(tasks.createdAt));
      return flatten(rows);
    },

    /** For each person with overdue active tasks, the oldest due time among them: one grouped query on a partial index. */
    async oldestActiveDueByUser(now: Date): Promise<Array<{ user: string; oldestDue: Date }>> {
      const rows = await db
        .select({ user: tasks.forUser, oldestDue: min(tasks.dueAt) })
        .from(tasks)
        .where(
          and(
            inArray(tasks.status, ['open', 'snoozed']),
            isNotNull(tasks.forUser),
            lte(tasks.dueAt, now),
            or(eq(tasks.status, 'open'), lte(tasks.snoozedUntil, now)),
          ),
        )
        .groupBy(tasks.forUser);
      return rows.flatMap(({ user, oldestDue }) =>
        user && oldestDue ? [{ user, oldestDue: new Date(oldestDue) }] : [],
      );
    },

    /** The planner's view of stored tasks, for many accounts in one read, grouped by account. */
    async keysForAccounts(accountIds: string[]): Promise<Map<string, StoredTaskKey[]>> {
      const rows: Array<StoredTaskKey & { accountId: string }> = [];
      for (const ids of inChunks(accountIds)) {
        rows.push(
          ...(await db
            .select({
              accountId: tasks.accountId,
              id: tasks.id,
              ruleId: tasks.ruleId,
              periodKey: tasks.periodKey,
              status: tasks.status,
              forUser: tasks.forUser,
            })
            .from(tasks)
            .where(inArray(tasks.accountId, ids))),
        );
      }
      return groupBy(rows, (row) => row.accountId);
    },

    /** Snoozes an active task; returns false when it was already closed. */
    async snooze(id: string, by: string, until: Date, now: Date): Promise<boolean> {
      const updated = await db
        .update(tasks)
        .set({
          status: 'snoozed',
          snoozedUntil: until,
          resolvedBy: by,
          resolvedReason: null,
          resolvedAt: now,
          updatedAt: now,
        })
        .where(and(eq(tasks.id, id), inArray(tasks.status, ['open', 'snoozed'])))
        .returning({ id: tasks.id });
      return updated.length > 0;
    },

    /** Closes an active task as not needed, remembering who said so and why. */
    async markNotNeeded(id: string, by: string, reason: string, now: Date): Promise<boolean> {
      const updated = await db
        .update(tasks)
        .set({
          status: 'not_needed',
          snoozedUntil: null,
          resolvedBy: by,
          resolvedReason: reason,
          resolvedAt: now,
          updatedAt: now,
        })
        .where(and(eq(tasks.id, id), inArray(tasks.status, ['open', 'snoozed'])))
        .returning({ id: tasks.id });
      return updated.length > 0;
    },

    async countByStatus(): Promise<Record<string, number>> {
      const rows = await db
        .select({ status: tasks.status, count: sql<number>`count(*)::int` })
        .from(tasks)
        .groupBy(tasks.status);
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    },
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;
