/** The one module that queries home_viewers: who has been looking at their App Home. */
import { and, gte, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { inChunks } from '../db/in-chunks';
import { homeViewers } from '../db/schema';

export function createHomeViewerRepository({ db }: { db: DbOrTx }) {
  return {
    /** They opened their Home (or clicked on it) at `at`. */
    async recordOpened(userId: string, at: Date): Promise<void> {
      await db
        .insert(homeViewers)
        .values({ userId, openedAt: at })
        .onConflictDoUpdate({
          target: homeViewers.userId,
          set: { openedAt: sql`greatest(${homeViewers.openedAt}, excluded.opened_at)` },
        });
    },

    /** Of these people, those who opened their Home at `since` or later. */
    async openedSince(userIds: readonly string[], since: Date): Promise<string[]> {
      const found: string[] = [];
      for (const ids of inChunks([...new Set(userIds)])) {
        const rows = await db
          .select({ userId: homeViewers.userId })
          .from(homeViewers)
          .where(and(inArray(homeViewers.userId, ids), gte(homeViewers.openedAt, since)));
        found.push(...rows.map((row) => row.userId));
      }
      return found;
    },
  };
}

export type HomeViewerRepository = ReturnType<typeof createHomeViewerRepository>;
