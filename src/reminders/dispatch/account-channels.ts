/** Which account channels Slack refuses posts to, as recorded on the account. */
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { accounts } from '../../db/schema';

export interface AccountChannels {
  /** The ids, among those given, of accounts whose channel is marked broken. */
  brokenAccountIds(accountIds: string[]): Promise<Set<string>>;
  /**
   * Marks the account's channel broken, unless it already is or the account has moved to another
   * channel since the reminder was queued. True when this call marked it.
   */
  markBroken(accountId: string, channelId: string, reason: string, now: Date): Promise<boolean>;
}

export function createAccountChannels({ db }: { db: Database }): AccountChannels {
  return {
    async brokenAccountIds(accountIds) {
      if (accountIds.length === 0) return new Set();
      const rows = await db
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(inArray(accounts.id, [...new Set(accountIds)]), isNotNull(accounts.channelBrokenAt)));
      return new Set(rows.map((row) => row.id));
    },

    async markBroken(accountId, channelId, reason, now) {
      const marked = await db
        .update(accounts)
        .set({ channelBrokenAt: now, channelBrokenReason: reason, updatedAt: now })
        .where(and(eq(accounts.id, accountId), eq(accounts.channelId, channelId), isNull(accounts.channelBrokenAt)))
        .returning({ id: accounts.id });
      return marked.length > 0;
    },
  };
}
