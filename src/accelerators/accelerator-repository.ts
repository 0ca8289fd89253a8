import { and, asc, eq, inArray, isNull, min } from 'drizzle-orm';
import { createAccountChangeRepository } from '../accounts/account-change-repository';
import type { DbOrTx } from '../db/database';
import { groupBy, inChunks } from '../db/in-chunks';
import { accelerators, accounts, activities } from '../db/schema';
import type { Accelerator } from '../domain/accelerator';
import { ACCELERATOR_STARTED, type ClockActivity } from '../domain/activity';
import { handleOnce } from '../requests/handled-requests';
import type { AcceleratorProgress } from './accelerator-rules';

export type NewAccelerator = Omit<Accelerator, 'id' | 'createdAt'>;

/** What a click or a lookup finds when the accelerator was cancelled meanwhile. */
export const ACCELERATOR_GONE = 'That accelerator was already cancelled.';

/** The start was refused inside the transaction (a limit, the account gone); nothing was written. */
export class AcceleratorRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AcceleratorRefusedError';
  }
}

export function createAcceleratorRepository({ db }: { db: DbOrTx }) {
  /**
   * The accelerators with the day each was closed out (its first close-out engagement that is not
   * deleted), earliest first: one more query, whatever the number of accelerators.
   */
  async function withCloseOuts(rows: readonly Accelerator[]): Promise<AcceleratorProgress[]> {
    if (rows.length === 0) return [];
    const closeOuts = await db
      .select({ acceleratorId: activities.acceleratorId, day: min(activities.occurredOn) })
      .from(activities)
      .where(
        and(
          inArray(
            activities.acceleratorId,
            rows.map((row) => row.id),
          ),
          eq(activities.acceleratorPhase, 'close_out'),
          isNull(activities.deletedAt),
        ),
      )
      .groupBy(activities.acceleratorId);
    const closedOn = new Map(closeOuts.map((row) => [row.acceleratorId, row.day]));
    return rows
      .map((accelerator) => ({ accelerator, closedOutOn: closedOn.get(accelerator.id) ?? null }))
      .sort((a, b) => (a.accelerator.startsOn < b.accelerator.startsOn ? -1 : 1));
  }

  /** Accelerators of one account with the day each was closed out, earliest first. */
  async function listProgress(accountId: string): Promise<AcceleratorProgress[]> {
    return withCloseOuts(await db.select().from(accelerators).where(eq(accelerators.accountId, accountId)));
  }

  return {
    listProgress,
    /** These accelerators with the day each was closed out. */
    progressOf: withCloseOuts,

    /** The accelerators of many accounts with their close-out days, in two queries whatever the number of accounts. */
    async listProgressForAccounts(accountIds: readonly string[]): Promise<AcceleratorProgress[]> {
      if (accountIds.length === 0) return [];
      const ids = [...new Set(accountIds)];
      return withCloseOuts(await db.select().from(accelerators).where(inArray(accelerators.accountId, ids)));
    },

    /**
     * Starts an accelerator once per `requestKey`, with the account row locked so two starts at
     * once cannot both pass the limits: `refuse` sees the account's accelerators as they are inside
     * the lock and returns why this one may not start (then nothing is written, the key stays
     * free). Null for a replay.
     */
    async startOnce(
      input: NewAccelerator,
      refuse: (existing: readonly Accelerator[]) => string | null,
      once: { requestKey: string; now: Date },
    ): Promise<Accelerator | null> {
      return db.transaction(async (tx) => {
        if (!(await handleOnce(tx, once.requestKey, once.now))) return null;
        const [account] = await tx
          .select({ id: accounts.id })
          .from(accounts)
          .where(eq(accounts.id, input.accountId))
          .for('update');
        if (!account) throw new AcceleratorRefusedError('That account no longer exists.');
        const existing = await tx.select().from(accelerators).where(eq(accelerators.accountId, input.accountId));
        const reason = refuse(existing);
        if (reason) throw new AcceleratorRefusedError(reason);
        const [row] = await tx.insert(accelerators).values(input).returning();
        if (!row) throw new Error('Inserting an accelerator returned no row.');
        return row;
      });
    },

    async findById(id: string): Promise<Accelerator | null> {
      const [row] = await db.select().from(accelerators).where(eq(accelerators.id, id));
      return row ?? null;
    },

    /**
     * Cancels an accelerator once per `requestKey`: deletes it (its engagements stay, no longer
     * attached to it) and records who cancelled what in the account's changes, in one transaction.
     * `refuse` sees it as it is inside the transaction (a close-out logged meanwhile) and returns
     * why it may not be cancelled. Null for a replay; AcceleratorRefusedError when it is gone.
     */
    async cancelOnce(
      id: string,
      by: string,
      refuse: (progress: AcceleratorProgress) => string | null,
      once: { requestKey: string; now: Date },
    ): Promise<Accelerator | null> {
      return db.transaction(async (tx) => {
        if (!(await handleOnce(tx, once.requestKey, once.now))) return null;
        const [row] = await tx.select().from(accelerators).where(eq(accelerators.id, id)).for('update');
        if (!row) throw new AcceleratorRefusedError(ACCELERATOR_GONE);
        const [progress] = await createAcceleratorRepository({ db: tx }).progressOf([row]);
        const reason = refuse(progress ?? { accelerator: row, closedOutOn: null });
        if (reason) throw new AcceleratorRefusedError(reason);
        await tx.delete(accelerators).where(eq(accelerators.id, id));
        await createAccountChangeRepository({ db: tx }).record(row.accountId, by, once.now, [
          { field: 'accelerator', oldValue: `${row.type}, starting ${row.startsOn}`, newValue: null },
        ]);
        return row;
      });
    },

    /** The accelerator an account started on a day: what names its phase tasks (their period key). */
    async findByStart(accountId: string, startsOn: string): Promise<Accelerator | null> {
      const [row] = await db
        .select()
        .from(accelerators)
        .where(and(eq(accelerators.accountId, accountId), eq(accelerators.startsOn, startsOn)));
      return row ?? null;
    },

    /** The CSA engagements that belong to an accelerator, earliest first (deleted ones left out). */
    async listEngagements(acceleratorId: string) {
      return db
        .select({
          id: activities.id,
          occurredOn: activities.occurredOn,
          acceleratorPhase: activities.acceleratorPhase,
          loggedBy: activities.loggedBy,
          contentModule: activities.contentModule,
        })
        .from(activities)
        .where(and(eq(activities.acceleratorId, acceleratorId), isNull(activities.deletedAt)))
        .orderBy(asc(activities.occurredOn), asc(activities.createdAt));
    },

    /** What the clocks read of these accounts' accelerators: each start as a clock event on its start day. */
    async listClockStarts(accountIds: readonly string[]): Promise<Map<string, ClockActivity[]>> {
      const rows: ClockActivity[] = [];
      for (const ids of inChunks(accountIds)) {
        const starts = await db
          .select({
            id: accelerators.id,
            accountId: accelerators.accountId,
            occurredOn: accelerators.startsOn,
            createdAt: accelerators.createdAt,
          })
          .from(accelerators)
          .where(inArray(accelerators.accountId, ids));
        rows.push(...starts.map((start) => ({ ...start, type: ACCELERATOR_STARTED, acceleratorId: start.id })));
      }
      return groupBy(rows, (row) => row.accountId);
    },
  };
}

export type AcceleratorRepository = ReturnType<typeof createAcceleratorRepository>;
