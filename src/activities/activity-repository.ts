import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { groupBy, inChunks } from '../db/in-chunks';
import { activities } from '../db/schema';
import type { Activity, ActivityType, ClockActivity } from '../domain/activity';
import { handleOnce } from '../requests/handled-requests';

/** Most activities are typed, not logged from a message, so the source link may be left out. */
export type NewActivity = Omit<Activity, 'id' | 'createdAt' | 'sourceMessageUrl'> & {
  sourceMessageUrl?: string | null;
};

export function createActivityRepository({ db }: { db: DbOrTx }) {
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

    /** The account's timeline, newest first (by the day it happened, then by when it was logged). */
    async listRecent(accountId: string, limit: number): Promise<Activity[]> {
      return db
        .select()
        .from(activities)
        .where(eq(activities.accountId, accountId))
        .orderBy(desc(activities.occurredOn), desc(activities.createdAt))
        .limit(limit);
    },

    async listForAccount(accountId: string): Promise<Activity[]> {
      return db
        .select()
        .from(activities)
        .where(eq(activities.accountId, accountId))
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
            })
            .from(activities)
            .where(and(inArray(activities.accountId, ids), inArray(activities.type, [...types])))),
        );
      }
      return groupBy(rows, (row) => row.accountId);
    },

    async listLoggedBy(userId: string, limit: number): Promise<Activity[]> {
      return db
        .select()
        .from(activities)
        .where(and(eq(activities.loggedBy, userId)))
        .orderBy(desc(activities.createdAt))
        .limit(limit);
    },
  };
}

export type ActivityRepository = ReturnType<typeof createActivityRepository>;
