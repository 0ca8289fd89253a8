import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { inChunks } from '../db/in-chunks';
import { slackUsers } from '../db/schema';
import { isTimeZone } from '../domain/calendar-day';

/** A profile fetched within this long is trusted: people rarely move zones, Slack rate-limits users.info. */
const FRESH_FOR_MS = 24 * 60 * 60 * 1000;
/** How long this process trusts a zone it looked up before asking the shared cache again. */
const REMEMBER_MS = 10 * 60 * 1000;

export interface UsersInfoClient {
  users: {
    info(args: { user: string }): Promise<{ user?: { tz?: string } }>;
  };
}

/**
 * Each person's own time zone, from Slack's users.info, cached in the database so every replica
 * shares one answer. If Slack cannot say, the team's zone stands in.
 */
export function createUserTimeZones(deps: { db: DbOrTx; slack: UsersInfoClient | null; fallbackZone: string }) {
  // Every minute's digest check asks for each person with overdue work: remembered here for a
  // while, a quiet minute reads no row per person.
  const remembered = new Map<string, { zone: string; until: number }>();

  async function askSlack(userId: string, cachedZone: string | undefined, now: Date): Promise<string> {
    if (!deps.slack) return cachedZone ?? deps.fallbackZone;
    let zone = cachedZone ?? deps.fallbackZone;
    try {
      const answer = await deps.slack.users.info({ user: userId });
      if (answer.user?.tz && isTimeZone(answer.user.tz)) zone = answer.user.tz;
    } catch {
      return zone;
    }
    await deps.db
      .insert(slackUsers)
      .values({ userId, timeZone: zone, fetchedAt: now })
      .onConflictDoUpdate({ target: slackUsers.userId, set: { timeZone: zone, fetchedAt: now } });
    return zone;
  }

  /** Each person's zone: from memory, else from the shared cache in one read for all of them, else from Slack. */
  return async function timeZonesOf(userIds: readonly string[], now: Date): Promise<Map<string, string>> {
    const zones = new Map<string, string>();
    const unknown: string[] = [];
    for (const userId of new Set(userIds)) {
      const memo = remembered.get(userId);
      if (memo && now.getTime() < memo.until && now.getTime() >= memo.until - REMEMBER_MS) zones.set(userId, memo.zone);
      else unknown.push(userId);
    }
    for (const chunk of inChunks(unknown)) {
      const cached = new Map(
        (await deps.db.select().from(slackUsers).where(inArray(slackUsers.userId, chunk))).map((row) => [
          row.userId,
          row,
        ]),
      );
      for (const userId of chunk) {
        const row = cached.get(userId);
        const fresh = row && now.getTime() - row.fetchedAt.getTime() < FRESH_FOR_MS;
        const zone = fresh ? row.timeZone : await askSlack(userId, row?.timeZone, now);
        remembered.set(userId, { zone, until: now.getTime() + REMEMBER_MS });
        zones.set(userId, zone);
      }
    }
    return zones;
  };
}

export type TimeZonesOf = ReturnType<typeof createUserTimeZones>;
