/** The one module that queries account_changes: the record of who changed what on an account. */
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { accountChanges } from '../db/schema';
import type { RecordedChange } from './account-changes';

export interface RecordedAccountChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
  changedBy: string;
  changedAt: Date;
}

export function createAccountChangeRepository({ db }: { db: DbOrTx }) {
  return {
    /** Records one save's changes, a row per field; run it in the transaction that writes them. */
    async record(accountId: string, changedBy: string, changedAt: Date, changes: readonly RecordedChange[]) {
      if (changes.length === 0) return;
      await db.insert(accountChanges).values(changes.map((change) => ({ accountId, changedBy, changedAt, ...change })));
    },

    /** The latest changes first. */
    async listRecent(accountId: string, limit: number): Promise<RecordedAccountChange[]> {
      return db
        .select({
          field: accountChanges.field,
          oldValue: accountChanges.oldValue,
          newValue: accountChanges.newValue,
          reason: accountChanges.reason,
          changedBy: accountChanges.changedBy,
          changedAt: accountChanges.changedAt,
        })
        .from(accountChanges)
        .where(eq(accountChanges.accountId, accountId))
        .orderBy(desc(accountChanges.changedAt), desc(accountChanges.id))
        .limit(limit);
    },
  };
}

export type AccountChangeRepository = ReturnType<typeof createAccountChangeRepository>;
