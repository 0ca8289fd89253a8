import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
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

  async function lookUp(userId: string, now: Date): Promise<string> {
    const [cached] = await deps.db.select().from(slackUsers).where(eq(slackUsers.userId, userId));
    if (cached && now.getTime() - cached.fetchedAt.getTime() < FRESH_FOR_MS) return cached.timeZone;
    if (!deps.slack) return cached?.timeZone ?? deps.fallbackZone;
    let zone = cached?.timeZone ?? deps.fallbackZone;
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

  return async function timeZoneOf(userId: string, now: Date): Promise<string> {
    const memo = remembered.get(userId);
    if (memo && now.getTime() < memo.until && now.getTime() > memo.until - REMEMBER_MS) return memo.zone;
    const zone = await lookUp(userId, now);
    remembered.set(userId, { zone, until: now.getTime() + REMEMBER_MS });
    return zone;
  };
}

export type TimeZoneOf = ReturnType<typeof createUserTimeZones>;
