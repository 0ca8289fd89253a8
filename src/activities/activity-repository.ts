import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/database';
import { groupBy, inChunks } from '../db/in-chunks';
import { accounts, activities } from '../db/schema';
import type { Activity, ActivityRecord, ActivityType, ClockActivity } from '../domain/activity';
import { handleOnce } from '../requests/handled-requests';

/** Most activities are typed, not logged from a message, so the source link may be left out. */
export type NewActivity = Omit<
  Activity,
  'id' | 'createdAt' | 'sourceMessageUrl' | 'acceleratorId' | 'acceleratorPhase'
> &
  Partial<Pick<Activity, 'sourceMessageUrl' | 'acceleratorId' | 'acceleratorPhase'>>;

/** What an edit may change: the fields the log modal shows, never the author, account or source. */
export type ActivityEdit = Pick<
  Activity,
  | 'type'
  | 'occurredOn'
  | 'participants'
  | 'notes'
  | 'renewalOutcome'
  | 'acceleratorType'
  | 'contentModule'
  | 'acceleratorId'
  | 'acceleratorPhase'
>;

/** An activity as the reports count it: which account, what, when, who logged it and a renewal call's answer. */
export type ReportActivity = Pick<
  Activity,
  'id' | 'accountId' | 'type' | 'occurredOn' | 'loggedBy' | 'renewalOutcome' | 'createdAt'
>;

/** Every read below but `findById` leaves deleted activities out: they count for nothing. */
const notDeleted = isNull(activities.deletedAt);

export function createActivityRepository({ db }: { db: DbOrTx }) {
  /**
   * Changes an activity once per `requestKey`, only while it is not deleted. Key and row commit
   * together; a replay is told apart from an activity deleted meanwhile.
   */
  function updateOnce(
    id: string,
    changes: Partial<typeof activities.$inferInsert>,
    requestKey: string,
    now: Date,
  ): Promise<ActivityRecord | 'replayed' | 'deleted'> {
    return db.transaction(async (tx) => {
      if (!(await handleOnce(tx, requestKey, now))) return 'replayed';
      const [row] = await tx
        .update(activities)
        .set(changes)
        .where(and(eq(activities.id, id), notDeleted))
        .returning();
      return row ?? 'deleted';
    });
  }

  return {
    async insert(input: NewActivity): Promise<Activity> {
      const [row] = await db.insert(activities).values(input).returning();
      if (!row) throw new Error('Inserting an activity returned no row.');
      return row;
    },

    /**
     * Inserts the activity unless the Slack request named by `requestKey` was handled already (the
     * same signed bytes replayed): null then, and nothing is written. Key and row commit together.
     */
    async insertOnce(input: NewActivity, requestKey: string, now: Date): Promise<Activity | null> {
      return db.transaction(async (tx) => {
        if (!(await handleOnce(tx, requestKey, now))) return null;
        const [row] = await tx.insert(activities).values(input).returning();
        if (!row) throw new Error('Inserting an activity returned no row.');
        return row;
      });
    },

    /** One activity, deleted or not (a correction must see what it corrects). */
    async findById(id: string): Promise<ActivityRecord | null> {
      const [row] = await db.select().from(activities).where(eq(activities.id, id));
      return row ?? null;
    },

    /** Where the channel summary was posted, so a correction can update it. */
    async recordSummary(id: string, message: { channel: string; ts: string }): Promise<void> {
      await db
        .update(activities)
        .set({ summaryChannel: message.channel, summaryTs: message.ts })
        .where(eq(activities.id, id));
    },

    /** Applies an edit once per `requestKey`, only while the activity is not deleted. */
    async editOnce(
      id: string,
      edit: ActivityEdit,
      by: string,
      requestKey: string,
      now: Date,
    ): Promise<ActivityRecord | 'replayed' | 'deleted'> {
      return updateOnce(id, { ...edit, editedAt: now, editedBy: by }, requestKey, now);
    },

    /** Marks the activity deleted once per `requestKey`; a replay is told apart from one deleted already. */
    async deleteOnce(
      id: string,
      by: string,
      requestKey: string,
      now: Date,
    ): Promise<ActivityRecord | 'replayed' | 'deleted'> {
      return updateOnce(id, { deletedAt: now, deletedBy: by }, requestKey, now);
    },

    /** The account's timeline, newest first (by the day it happened, then by when it was logged). */
    async listRecent(accountId: string, limit: number): Promise<Activity[]> {
      return db
        .select()
        .from(activities)
        .where(and(eq(activities.accountId, accountId), notDeleted))
        .orderBy(desc(activities.occurredOn), desc(activities.createdAt))
        .limit(limit);
    },

    /**
     * One page of the account's timeline, newest first, optionally of one type: up to `limit`
     * activities from `offset`, and whether older ones follow.
     */
    async listPage(
      accountId: string,
      page: { offset: number; limit: number; type: ActivityType | null },
    ): Promise<{ activities: Activity[]; hasOlder: boolean }> {
      const rows = await db
        .select()
        .from(activities)
        .where(
          and(eq(activities.accountId, accountId), notDeleted, page.type ? eq(activities.type, page.type) : undefined),
        )
        .orderBy(desc(activities.occurredOn), desc(activities.createdAt), desc(activities.id))
        .offset(page.offset)
        .limit(page.limit + 1);
      return { activities: rows.slice(0, page.limit), hasOlder: rows.length > page.limit };
    },

    async listForAccount(accountId: string): Promise<Activity[]> {
      return db
        .select()
        .from(activities)
        .where(and(eq(activities.accountId, accountId), notDeleted))
        .orderBy(desc(activities.occurredOn), desc(activities.createdAt));
    },

    /**
     * What the clocks read of these accounts' timelines, grouped by account: only the activity
     * types some clock counts, and only the columns the planner compares (never the notes).
     */
    async listClockActivities(accountIds: readonly string[], types: readonly ActivityType[]) {
      const rows: ClockActivity[] = [];
      for (const ids of inChunks(accountIds)) {
        rows.push(
          ...(await db
            .select({
              id: activities.id,
              accountId: activities.accountId,
              type: activities.type,
              occurredOn: activities.occurredOn,
              createdAt: activities.createdAt,
              acceleratorId: activities.acceleratorId,
              acceleratorPhase: activities.acceleratorPhase,
            })
            .from(activities)
            .where(and(inArray(activities.accountId, ids), inArray(activities.type, [...types]), notDeleted))),
        );
      }
      return groupBy(rows, (row) => row.accountId);
    },

    async listLoggedBy(userId: string, limit: number): Promise<Activity[]> {
      return db
        .select()
        .from(activities)
        .where(and(eq(activities.loggedBy, userId), notDeleted))
        .orderBy(desc(activities.createdAt))
        .limit(limit);
    },

    /**
     * The activities of these types dated `since` or later (never the notes), optionally only those
     * one person logged, oldest first, in one query: what the reports count.
     */
    async listForReports(params: {
      types: readonly ActivityType[];
      since: string;
      loggedBy?: string;
    }): Promise<ReportActivity[]> {
      if (params.types.length === 0) return [];
      return db
        .select({
          id: activities.id,
          accountId: activities.accountId,
          type: activities.type,
          occurredOn: activities.occurredOn,
          loggedBy: activities.loggedBy,
          renewalOutcome: activities.renewalOutcome,
          createdAt: activities.createdAt,
        })
        .from(activities)
        .where(
          and(
            notDeleted,
            inArray(activities.type, [...params.types]),
            gte(activities.occurredOn, params.since),
            params.loggedBy === undefined ? undefined : eq(activities.loggedBy, params.loggedBy),
          ),
        )
        .orderBy(asc(activities.occurredOn), asc(activities.createdAt), asc(activities.id));
    },

    /** The day of each account's latest activity, for every account that has one, in one query. */
    async latestDayByAccount(): Promise<Map<string, string>> {
      // One probe of the (account, occurred_on) index per active account, not a scan of every
      // activity of the book; as text, since a date computed in SQL skips drizzle's mapping.
      const rows = await queryRows<{ accountId: string; day: string | null }>(
        db,
        sql`
          select a.id as "accountId",
            (select max(v.occurred_on)::text from ${activities} v
              where v.account_id = a.id and v.deleted_at is null) as day
          from ${accounts} a
          where a.status = 'active'`,
      );
      return new Map(rows.flatMap((row) => (row.day === null ? [] : [[row.accountId, row.day] as const])));
    },

    /**
     * Every activity between two days, both included (null leaves that side open), oldest first:
     * the order an export's reader goes through them.
     */
    async listBetween(since: string | null, until: string | null): Promise<Activity[]> {
      return db
        .select()
        .from(activities)
        .where(
          and(
            notDeleted,
            since === null ? undefined : gte(activities.occurredOn, since),
            until === null ? undefined : lte(activities.occurredOn, until),
          ),
        )
        .orderBy(asc(activities.occurredOn), asc(activities.createdAt), asc(activities.id));
    },
  };
}

export type ActivityRepository = ReturnType<typeof createActivityRepository>;
