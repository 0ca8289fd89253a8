import { and, asc, eq, inArray, like, lte, or, sql } from 'drizzle-orm';
import { type DbOrTx, jsonRecordset, queryRows } from '../db/database';
import { groupBy, inChunks } from '../db/in-chunks';
import { accounts, tasks } from '../db/schema';
import type { StoredTaskKey, Task, TaskStatus } from '../domain/task';
import { handleOnce } from '../requests/handled-requests';

/** A task the planner creates; (accountId, ruleId, periodKey) names it for good. */
export interface NewPlannedTask {
  accountId: string;
  ruleId: string;
  periodKey: string;
  title: string;
  forRole: string;
  forUser: string | null;
  opensAt: Date;
  dueAt: Date;
  status: Extract<TaskStatus, 'open' | 'done'>;
  completedByActivityId: string | null;
}

export interface InsertedTask {
  id: string;
  accountId: string;
  ruleId: string;
  periodKey: string;
}

/** Rows one insert carries: a single JSON parameter, so only statement size bounds it. */
const INSERT_ROWS = 2_000;

export type TaskWithAccount = Task & { accountName: string; accountChannelId: string | null };

/** A task as the reports read it: whose it is, on which account, and when it opened and falls due. */
export type ReportTask = Pick<
  Task,
  'id' | 'accountId' | 'ruleId' | 'forRole' | 'forUser' | 'opensAt' | 'dueAt' | 'status' | 'snoozedUntil'
>;

const reportColumns = {
  id: tasks.id,
  accountId: tasks.accountId,
  ruleId: tasks.ruleId,
  forRole: tasks.forRole,
  forUser: tasks.forUser,
  opensAt: tasks.opensAt,
  dueAt: tasks.dueAt,
  status: tasks.status,
  snoozedUntil: tasks.snoozedUntil,
};

/** What a person's change to a task did: made, refused because the task had closed, or a replay. */
export type TaskChange = 'changed' | 'already_closed' | 'replayed';

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
  /**
   * Runs a person's change to a task with the request's key in one transaction: a replay changes
   * nothing, and a change refused because the task had closed still uses up the key (it was answered).
   */
  async function changeOnce(
    requestKey: string,
    now: Date,
    change: (tx: DbOrTx) => Promise<Array<{ id: string }>>,
  ): Promise<TaskChange> {
    return db.transaction(async (tx) => {
      if (!(await handleOnce(tx, requestKey, now))) return 'replayed';
      return (await change(tx)).length > 0 ? 'changed' : 'already_closed';
    });
  }

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
      // A skip scan over the partial index of active tasks: one probe to find each next person and
      // one for their oldest due task, so the minute's check costs per person, not per task (a
      // GROUP BY read every active task of the book, 200 ms at 10,000 accounts).
      const rows = await queryRows<{ user: string; oldestDueMs: number | string }>(
        db,
        sql`
          with recursive people(person) as (
            (select for_user from ${tasks}
              where status in ('open', 'snoozed') and for_user is not null
              order by for_user limit 1)
            union all
            select (select t.for_user from ${tasks} t
                     where t.status in ('open', 'snoozed') and t.for_user is not null and t.for_user > people.person
                     order by t.for_user limit 1)
            from people where people.person is not null
          )
          select people.person as "user", extract(epoch from oldest.due_at) * 1000 as "oldestDueMs"
          from people
          cross join lateral (
            select t.due_at from ${tasks} t
            where t.for_user = people.person and t.status in ('open', 'snoozed') and t.for_user is not null
              and t.due_at <= ${now.toISOString()}::timestamptz
              and (t.status = 'open' or t.snoozed_until <= ${now.toISOString()}::timestamptz)
            order by t.due_at limit 1
          ) as oldest
          where people.person is not null`,
      );
      return rows.map(({ user, oldestDueMs }) => ({ user, oldestDue: new Date(Number(oldestDueMs)) }));
    },

    /**
     * Inserts planned tasks, ON CONFLICT DO NOTHING on (account, rule, period), and returns only the
     * rows this call created: a concurrent planner that won a task keeps it, and its message.
     */
    async insertPlanned(rows: readonly NewPlannedTask[]): Promise<InsertedTask[]> {
      const inserted: InsertedTask[] = [];
      for (const chunk of inChunks(rows, INSERT_ROWS)) {
        inserted.push(
          ...(await queryRows<InsertedTask>(
            db,
            sql`
              insert into ${tasks} (account_id, rule_id, period_key, title, for_role, for_user, opens_at, due_at, status,
                completed_by_activity_id, completed_by_accelerator_id)
              select "accountId", "ruleId", "periodKey", title, "forRole", "forUser", "opensAt", "dueAt", status,
                "completedByActivityId", "completedByAcceleratorId"
              from ${jsonRecordset(chunk)} as t(
                "accountId" uuid, "ruleId" text, "periodKey" text, title text, "forRole" text, "forUser" text,
                "opensAt" timestamptz, "dueAt" timestamptz, status text, "completedByActivityId" uuid,
                "completedByAcceleratorId" uuid)
              on conflict do nothing
              returning id, account_id as "accountId", rule_id as "ruleId", period_key as "periodKey"`,
          )),
        );
      }
      return inserted;
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

    /** Snoozes an active task, once per Slack request: a replay must not push `until` later. */
    async snooze(id: string, by: string, until: Date, now: Date, requestKey: string): Promise<TaskChange> {
      return changeOnce(requestKey, now, (tx) =>
        tx
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
          .returning({ id: tasks.id }),
      );
    },

    /** Closes an active task as not needed, remembering who said so and why; once per Slack request. */
    async markNotNeeded(id: string, by: string, reason: string, now: Date, requestKey: string): Promise<TaskChange> {
      return changeOnce(requestKey, now, (tx) =>
        tx
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
          .returning({ id: tasks.id }),
      );
    },

    /**
     * Tasks overdue at `now` (active, past due) on active accounts, oldest due first, in one query:
     * a task of a closed account is about to close and counts in no report.
     */
    async listOverdueForReports(params: { now: Date }): Promise<ReportTask[]> {
      return db
        .select(reportColumns)
        .from(tasks)
        .innerJoin(accounts, eq(tasks.accountId, accounts.id))
        .where(and(activeAt(params.now), lte(tasks.dueAt, params.now), eq(accounts.status, 'active')))
        .orderBy(asc(tasks.dueAt), asc(tasks.id));
    },

    /**
     * Open and snoozed tasks of the rules whose id starts with `rulePrefix` (`cadence.`), on active
     * accounts, in one query. Snoozed ones are included whatever their snooze: it hides a reminder,
     * it does not make the work less late.
     */
    async listOpenByRulePrefixForReports(params: { rulePrefix: string }): Promise<ReportTask[]> {
      const pattern = `${params.rulePrefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      return db
        .select(reportColumns)
        .from(tasks)
        .innerJoin(accounts, eq(tasks.accountId, accounts.id))
        .where(
          and(inArray(tasks.status, ['open', 'snoozed']), like(tasks.ruleId, pattern), eq(accounts.status, 'active')),
        )
        .orderBy(asc(tasks.dueAt), asc(tasks.id));
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
