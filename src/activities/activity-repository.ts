import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { activities } from '../db/schema';
import type { Activity } from '../domain/activity';

export type NewActivity = Omit<Activity, 'id' | 'createdAt'>;

export function createActivityRepository({ db }: { db: Database }) {
  return {
    async insert(input: NewActivity): Promise<Activity> {
      const [row] = await db.insert(activities).values(input).returning();
      if (!row) throw new Error('Inserting an activity returned no row.');
      return row;
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
