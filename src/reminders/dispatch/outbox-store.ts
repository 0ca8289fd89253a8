/**
 * The outbox rows as the dispatcher sees them. Every claim is one short transaction with
 * FOR UPDATE SKIP LOCKED, so any number of dispatchers split the rows between them; every later
 * write is a single statement guarded by "still ours and still sending", so a dispatcher whose
 * claim was taken over (it was presumed dead) cannot overwrite what the new owner decided.
 */
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { notifications } from '../../db/schema';
import type { NotificationRow } from './types';

export type NewNotification = typeof notifications.$inferInsert;

export interface StaleClaim {
  row: NotificationRow;
  /** The claim time before this dispatcher took the row over: where its message may be in history. */
  previousClaimedAt: Date;
}

export interface OutboxStore {
  /** Takes over 'sending' rows whose claim is older than the lease. */
  claimStale(now: Date, leaseMs: number, limit: number): Promise<StaleClaim[]>;
  /** Claims due pending rows, oldest due first. */
  claimDue(now: Date, limit: number): Promise<NotificationRow[]>;
  /** Inserts rows already claimed by this dispatcher; a key that exists is left alone and not returned. */
  insertClaimed(rows: NewNotification[], now: Date): Promise<NotificationRow[]>;
  /** Records where the rows are about to be posted, so recovery knows which history to read. */
  setTarget(ids: string[], channel: string): Promise<void>;
  markSent(ids: string[], sent: { channel: string; ts: string; now: Date; late: boolean }): Promise<number>;
  /** Back to pending; `refundAttempt` when Slack was never asked, so waiting does not count as failing. */
  release(
    ids: string[],
    release: { notBefore: Date | null; lastError: string | null; refundAttempt: boolean },
  ): Promise<void>;
  /** Puts a taken-over claim's old stamp back, so the next pass tries the history lookup again. */
  restoreClaim(claims: StaleClaim[]): Promise<void>;
  markSkipped(ids: string[], reason: string | null): Promise<void>;
  markFailed(ids: string[], error: string): Promise<void>;
}

export function createOutboxStore({ db, instanceId }: { db: Database; instanceId: string }): OutboxStore {
  const ours = (ids: string[]) =>
    and(inArray(notifications.id, ids), eq(notifications.status, 'sending'), eq(notifications.claimedBy, instanceId));

  return {
    async claimStale(now, leaseMs, limit) {
      const expiredBefore = new Date(now.getTime() - leaseMs);
      return db.transaction(async (tx) => {
        const stale = await tx
          .select()
          .from(notifications)
          .where(and(eq(notifications.status, 'sending'), lt(notifications.claimedAt, expiredBefore)))
          .orderBy(asc(notifications.claimedAt))
          .limit(limit)
          .for('update', { skipLocked: true });
        if (stale.length === 0) return [];
        const taken = await tx
          .update(notifications)
          .set({ claimedAt: now, claimedBy: instanceId })
          .where(
            inArray(
              notifications.id,
              stale.map((row) => row.id),
            ),
          )
          .returning();
        const previous = new Map(stale.map((row) => [row.id, row.claimedAt ?? expiredBefore]));
        return taken.map((row) => ({ row, previousClaimedAt: previous.get(row.id) ?? expiredBefore }));
      });
    },

    async claimDue(now, limit) {
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ id: notifications.id })
          .from(notifications)
          .where(
            and(
              eq(notifications.status, 'pending'),
              lte(notifications.dueAt, now),
              or(isNull(notifications.notBefore), lte(notifications.notBefore, now)),
            ),
          )
          .orderBy(asc(notifications.dueAt))
          .limit(limit)
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        return tx
          .update(notifications)
          .set({
            status: 'sending',
            claimedAt: now,
            claimedBy: instanceId,
            attempts: sql`${notifications.attempts} + 1`,
          })
          .where(
            inArray(
              notifications.id,
              due.map((row) => row.id),
            ),
          )
          .returning();
      });
    },

    async insertClaimed(rows, now) {
      if (rows.length === 0) return [];
      return db
        .insert(notifications)
        .values(
          rows.map((row) => ({
            ...row,
            status: 'sending' as const,
            claimedAt: now,
            claimedBy: instanceId,
            attempts: 1,
          })),
        )
        .onConflictDoNothing({ target: notifications.key })
        .returning();
    },

    async setTarget(ids, channel) {
      if (ids.length === 0) return;
      await db.update(notifications).set({ sentChannel: channel }).where(ours(ids));
    },

    async markSent(ids, { channel, ts, now, late }) {
      if (ids.length === 0) return 0;
      const updated = await db
        .update(notifications)
        .set({ status: 'sent', sentChannel: channel, sentTs: ts, sentAt: now, late, lastError: null, notBefore: null })
        .where(ours(ids))
        .returning({ id: notifications.id });
      return updated.length;
    },

    async release(ids, { notBefore, lastError, refundAttempt }) {
      if (ids.length === 0) return;
      await db
        .update(notifications)
        .set({
          status: 'pending',
          notBefore,
          lastError,
          claimedAt: null,
          claimedBy: null,
          // The target is decided afresh on the next claim (the channel may have broken meanwhile).
          sentChannel: null,
          ...(refundAttempt ? { attempts: sql`greatest(${notifications.attempts} - 1, 0)` } : {}),
        })
        .where(ours(ids));
    },

    async restoreClaim(claims) {
      for (const { row, previousClaimedAt } of claims) {
        await db
          .update(notifications)
          .set({ claimedAt: previousClaimedAt })
          .where(ours([row.id]));
      }
    },

    async markSkipped(ids, reason) {
      if (ids.length === 0) return;
      await db.update(notifications).set({ status: 'skipped', lastError: reason }).where(ours(ids));
    },

    async markFailed(ids, error) {
      if (ids.length === 0) return;
      await db.update(notifications).set({ status: 'failed', lastError: error }).where(ours(ids));
    },
  };
}
