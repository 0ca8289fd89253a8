/** The one module that queries handled_requests: each Slack request that writes, once. */
import { lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { handledRequests } from '../db/schema';

/** Slack refuses to sign older requests than this, so a key older than it can never come back. */
const REPLAY_WINDOW_MS = 10 * 60_000;

/** The key of a modal submission: Slack gives every state of a view its own hash. */
export const viewSubmissionKey = (viewId: string, hash: string) => `view:${viewId}:${hash}`;

/** The key of a slash command: every invocation has its own trigger id. */
export const commandKey = (triggerId: string) => `command:${triggerId}`;

/** The key of a button click or menu choice: like a command, every interaction has its own trigger id. */
export const blockActionKey = (triggerId: string) => `action:${triggerId}`;

/**
 * Records `key` as handled; false when it already was (a replay of the same signed request).
 * Run it in the transaction that writes, so a write that fails leaves the key free for a retry.
 */
export async function handleOnce(db: DbOrTx, key: string, now: Date): Promise<boolean> {
  await db.delete(handledRequests).where(lt(handledRequests.handledAt, new Date(now.getTime() - REPLAY_WINDOW_MS)));
  const inserted = await db
    .insert(handledRequests)
    .values({ key, handledAt: now })
    .onConflictDoNothing()
    .returning({ key: handledRequests.key });
  return inserted.length > 0;
}
