/**
 * A person's DM conversation id (D…). Reminders are posted to, and searched for in, the concrete
 * conversation rather than a user id, so that recovery can read the same history it posted to.
 * The id never changes, so it is cached in slack_users after the first conversations.open.
 */
import type { webApi } from '@slack/bolt';
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { slackUsers } from '../../db/schema';
import { classifySlackError, type SlackFailure } from './slack-errors';

export type DmChannelResult = { ok: true; channel: string } | { ok: false; failure: SlackFailure };

export interface DmChannels {
  /** Resolves several users at once: one cache read, then conversations.open for the rest. */
  resolve(userIds: string[]): Promise<Map<string, DmChannelResult>>;
}

// A row created here knows only the DM; the epoch fetchedAt makes the profile refresh still happen.
const UNKNOWN_TIME_ZONE = 'UTC';
const NEVER_FETCHED = new Date(0);

export function createDmChannels({ db, slack }: { db: Database; slack: webApi.WebClient }): DmChannels {
  async function open(userId: string): Promise<DmChannelResult> {
    try {
      const answer = await slack.conversations.open({ users: userId });
      const channel = answer.channel?.id;
      if (!channel) return { ok: false, failure: { kind: 'error', error: 'conversations.open returned no channel' } };
      await db
        .insert(slackUsers)
        .values({ userId, timeZone: UNKNOWN_TIME_ZONE, dmChannelId: channel, fetchedAt: NEVER_FETCHED })
        .onConflictDoUpdate({ target: slackUsers.userId, set: { dmChannelId: sql`excluded.dm_channel_id` } });
      return { ok: true, channel };
    } catch (error) {
      return { ok: false, failure: classifySlackError(error) };
    }
  }

  return {
    async resolve(userIds) {
      const unique = [...new Set(userIds)];
      const results = new Map<string, DmChannelResult>();
      if (unique.length === 0) return results;
      const cached = await db
        .select({ userId: slackUsers.userId, dmChannelId: slackUsers.dmChannelId })
        .from(slackUsers)
        .where(inArray(slackUsers.userId, unique));
      for (const { userId, dmChannelId } of cached) {
        if (dmChannelId) results.set(userId, { ok: true, channel: dmChannelId });
      }
      for (const userId of unique) {
        if (!results.has(userId)) results.set(userId, await open(userId));
      }
      return results;
    },
  };
}
