/** Finds reminders already in a channel by their metadata: the only way to settle an unknown outcome. */
import type { webApi } from '@slack/bolt';
import { reminderKeysOf } from './reminder-metadata';

// Enough for any account channel's traffic over a lease or a downtime; bounded so a busy channel
// cannot turn recovery into a crawl of its whole history.
const PAGE_SIZE = 200;
const MAX_PAGES = 5;

/** How far before the claim to look: clocks differ, and Slack stamps messages by its own. */
export const HISTORY_SLACK_MS = 60_000;

/** Slack's `oldest` wants seconds with microseconds. */
function slackTs(at: Date): string {
  return (Math.max(0, at.getTime()) / 1000).toFixed(6);
}

/**
 * The ts of each given key's reminder found in the channel since `since`. Throws the WebClient's
 * error when Slack cannot be read (the caller decides what not knowing means).
 */
export async function findReminders(
  slack: webApi.WebClient,
  { channel, since, keys }: { channel: string; since: Date; keys: string[] },
): Promise<Map<string, string>> {
  const wanted = new Set(keys);
  const found = new Map<string, string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES && found.size < wanted.size; page += 1) {
    const answer = await slack.conversations.history({
      channel,
      oldest: slackTs(since),
      limit: PAGE_SIZE,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const message of answer.messages ?? []) {
      for (const key of reminderKeysOf(message)) {
        if (wanted.has(key) && !found.has(key) && message.ts) found.set(key, message.ts);
      }
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!answer.has_more || !cursor) break;
  }
  return found;
}
