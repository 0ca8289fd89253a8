/**
 * The outbox rows as the dispatcher sees them. Every claim is one short transaction with
 * FOR UPDATE SKIP LOCKED, so any number of dispatchers split the rows between them; every later
 * write is a single statement guarded by "still ours and still sending", so a dispatcher whose
 * claim was taken over (it was presumed dead) cannot overwrite what the new owner decided.
 */
import { and, asc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { coalesce } from '../db/coalesce';
import type { DbOrTx } from '../db/database';
import { groupBy } from '../db/in-chunks';
import { notifications } from '../db/schema';
import { type ClaimHolder, goneHoldersOf, holderColumns } from './claim-holders';
import { claimLanes, type LaneClaim } from './lane-claims';
import { type NewNotification, type NotificationRow, rowsOf } from './outbox-rows';

type Sent = { ids: string[]; channel: string; ts: string; now: Date; late: boolean };

/**
 * Marks many lanes' posts sent in one statement: every lane records each post it makes, and
 * hundreds of lanes posting each second would otherwise cost a statement apiece. Each row is
 * still guarded by "ours and still sending", so a batch can only mark what its callers own.
 */
function markSentInBatches(db: DbOrTx, instanceId: string, windowMs: number): (sent: Sent) => Promise<number> {
  return coalesce(
    async (batch: Sent[]) => {
      // The IN list leads the planner to the primary key; joined on the VALUES alone it may scan.
      const values = batch.flatMap(({ ids, channel, ts, now, late }) =>
        ids.map(
          (id) =>
            sql`(${id}::uuid, ${channel}::text, ${ts}::text, ${now.toISOString()}::timestamptz, ${late}::boolean)`,
        ),
      );
      if (values.length === 0) return batch.map(() => 0);
      const marked = rowsOf<{ id: string }>(
        await db.execute(sql`
        update notifications as n
        set status = 'sent', sent_channel = v.channel, sent_ts = v.ts, sent_at = v.sent_at, late = v.late,
            last_error = null, not_before = null
        from (values ${sql.join(values, sql`, `)}) as v(id, channel, ts, sent_at, late)
        where n.id in ${batch.flatMap(({ ids }) => ids)} and n.id = v.id
          and n.status = 'sending' and n.claimed_by = ${instanceId}
        returning n.id`),
      );
      const markedIds = new Set(marked.map((row) => row.id));
      return batch.map(({ ids }) => ids.filter((id) => markedIds.has(id)).length);
    },
    { windowMs, maxBatch: 200 },
  );
}

export interface StaleClaim {
  row: NotificationRow;
  /** The claim time before this dispatcher took the row over: where its message may be in history. */
  previousClaimedAt: Date;
  /** Who held it before: put back with the claim time when its history cannot be read yet. */
  previousHolder: ClaimHolder | null;
}

export interface StaleTakeover {
  /** Claims older than this belong to a holder presumed dead or stuck, whoever it is. */
  leaseMs: number;
  limit: number;
  /** Holders known to be gone: their claims are taken over whatever their age. */
  goneHolders: readonly ClaimHolder[];
  /** The session this dispatcher holds: the new holder of what it takes over. */
  holder: ClaimHolder;
}

export interface OutboxStore {
  /** Holders of 'sending' rows whose database session no longer exists (their process died). */
  goneHolders(): Promise<ClaimHolder[]>;
  /** Takes over 'sending' rows whose claim is older than the lease or whose holder is gone. */
  claimStale(now: Date, takeover: StaleTakeover): Promise<StaleClaim[]>;
  /**
   * Claims the due rows of up to `claim.lanes` lanes nobody else is working, whole lanes at a time,
   * recording each row's own channel as its target.
   */
  claimLanes(now: Date, claim: LaneClaim): Promise<NotificationRow[]>;
  /** Inserts rows already claimed by this dispatcher; a key that exists is left alone and not returned. */
  insertClaimed(rows: NewNotification[], now: Date, holder: ClaimHolder): Promise<NotificationRow[]>;
  /** Records where each row is about to be posted (before it is), so recovery knows which history to read. */
  setTargets(targets: ReadonlyArray<{ row: NotificationRow; channel: string }>): Promise<void>;
  /** Records which tasks a message shows when they were chosen at render time (the overdue DM). */
  setShownTasks(shown: ReadonlyArray<{ rowId: string; taskIds: string[] }>): Promise<void>;
  markSent(ids: string[], sent: { channel: string; ts: string; now: Date; late: boolean }): Promise<number>;
  /** Back to pending; `refundAttempt` when Slack was never asked, so waiting does not count as failing. */
  release(
    ids: string[],
    release: { notBefore: Date | null; lastError: string | null; refundAttempt: boolean },
  ): Promise<void>;
  /** Puts a taken-over claim's old stamp and holder back, so the next pass tries the history lookup again. */
  restoreClaim(claims: StaleClaim[]): Promise<void>;
  markSkipped(ids: string[], reason: string | null): Promise<void>;
  markFailed(ids: string[], error: string): Promise<void>;
}

export function createOutboxStore({
  db,
  instanceId,
  markSentWindowMs = 0,
}: {
  db: DbOrTx;
  instanceId: string;
  /** How long a lone markSent waits for others to share its statement. */
  markSentWindowMs?: number;
}): OutboxStore {
  const ours = (ids: string[]) =>
    and(inArray(notifications.id, ids), eq(notifications.status, 'sending'), eq(notifications.claimedBy, instanceId));
  const markSent = markSentInBatches(db, instanceId, markSentWindowMs);

  return {
    goneHolders() {
      return goneHoldersOf(db);
    },

    async claimStale(now, { leaseMs, limit, goneHolders, holder }) {
      const expiredBefore = new Date(now.getTime() - leaseMs);
      const heldByGone: SQL[] = goneHolders.map((gone) => sql`(${gone.pid}::int, ${gone.startedAt}::timestamptz)`);
      const takeable = or(
        lt(notifications.claimedAt, expiredBefore),
        heldByGone.length > 0
          ? sql`(${notifications.claimBackendPid}, ${notifications.claimBackendStart}) in (${sql.join(heldByGone, sql`, `)})`
          : undefined,
      );
      return db.transaction(async (tx) => {
        const stale = await tx
          .select()
          .from(notifications)
          .where(and(eq(notifications.status, 'sending'), takeable))
          .orderBy(asc(notifications.claimedAt))
          .limit(limit)
          .for('update', { skipLocked: true });
        if (stale.length === 0) return [];
        const taken = await tx
          .update(notifications)
          .set({ claimedAt: now, claimedBy: instanceId, ...holderColumns(holder) })
          .where(
            inArray(
              notifications.id,
              stale.map((row) => row.id),
            ),
          )
          .returning();
        const previous = new Map(stale.map((row) => [row.id, row]));
        return taken.map((row) => {
          const before = previous.get(row.id);
          const previousHolder =
            before?.claimBackendPid != null && before.claimBackendStart != null
              ? { pid: before.claimBackendPid, startedAt: before.claimBackendStart }
              : null;
          return { row, previousClaimedAt: before?.claimedAt ?? expiredBefore, previousHolder };
        });
      });
    },

    claimLanes(now, claim) {
      return claimLanes(db, instanceId, now, claim);
    },

    async insertClaimed(rows, now, holder) {
      if (rows.length === 0) return [];
      return db
        .insert(notifications)
        .values(
          rows.map((row) => ({
            ...row,
            status: 'sending' as const,
            claimedAt: now,
            claimedBy: instanceId,
            ...holderColumns(holder),
            attempts: 1,
          })),
        )
        .onConflictDoNothing({ target: notifications.key })
        .returning();
    },

    async setTargets(targets) {
      // A claim records the row's own channel already; only rows going elsewhere (DMs) need a write.
      const elsewhere = targets.filter(({ row, channel }) => row.sentChannel !== channel);
      for (const [channel, group] of groupBy(elsewhere, (target) => target.channel)) {
        await db
          .update(notifications)
          .set({ sentChannel: channel })
          .where(ours(group.map(({ row }) => row.id)));
      }
    },

    async setShownTasks(shown) {
      for (const { rowId, taskIds } of shown) {
        await db
          .update(notifications)
          .set({ taskIds })
          .where(ours([rowId]));
      }
    },

    async markSent(ids, { channel, ts, now, late }) {
      if (ids.length === 0) return 0;
      return markSent({ ids, channel, ts, now, late });
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
          ...holderColumns(null),
          // The target is decided afresh on the next claim (the channel may have broken meanwhile).
          sentChannel: null,
          ...(refundAttempt ? { attempts: sql`greatest(${notifications.attempts} - 1, 0)` } : {}),
        })
        .where(ours(ids));
    },

    async restoreClaim(claims) {
      for (const { row, previousClaimedAt, previousHolder } of claims) {
        await db
          .update(notifications)
          .set({ claimedAt: previousClaimedAt, ...holderColumns(previousHolder) })
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
