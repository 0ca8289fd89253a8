/**
 * Claims due rows lane by lane (a lane is a channel, or a person's DM: see laneOf). A lane's due
 * rows are claimed together by one dispatcher, and a lane whose rows another dispatcher is still
 * sending is left to it: so a late backlog is combined by the one claimer that holds all of it,
 * and two replicas never post into one channel at the same time.
 *
 * One short transaction: pick lanes with due rows and nobody sending, take a transaction-scoped
 * advisory lock per lane (skipping lanes another claimer is locking right now), then, in a new
 * statement that sees every claim committed before those locks, claim the locked lanes' due rows
 * with FOR UPDATE SKIP LOCKED.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { notifications } from '../db/schema';
import { type ClaimHolder, holderColumns } from './claim-holders';
import { laneSql, type NotificationRow, rowsOf } from './outbox-rows';

export interface LaneClaim {
  /** Lanes to claim at most. */
  lanes: number;
  /** Lanes this dispatcher is working already. */
  skip: ReadonlySet<string>;
  /** A 'sending' row claimed longer ago than this no longer holds its lane (recovery takes it). */
  leaseMs: number;
  /** Rows per lane at most: far more than any channel's late backlog, so that one is never split. */
  maxRowsPerLane: number;
  /** The session this dispatcher holds, named on every row it claims. */
  holder: ClaimHolder;
}

// The advisory-lock key space of lane claims (migrations lock a single bigint key of their own).
const LANE_LOCK_SPACE = 0x63736f62;

/** FNV-1a, as a signed 32-bit integer: two lanes sharing a key only make one skip the other once. */
export function laneLockKey(lane: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < lane.length; index += 1) {
    hash ^= lane.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/**
 * Claims, and looks again when another dispatcher got in between: its claim may commit after this
 * one chose lanes and before it locked them, leaving it lanes that turn out held. Looking again
 * sees that claim and goes on to the lanes still free, instead of giving up while rows are due.
 */
export async function claimLanes(
  db: DbOrTx,
  instanceId: string,
  now: Date,
  claim: LaneClaim,
): Promise<NotificationRow[]> {
  for (let attempt = 1; ; attempt += 1) {
    const { rows, contended } = await claimOnce(db, instanceId, now, claim);
    if (rows.length > 0 || !contended || attempt === 3) return rows;
  }
}

async function claimOnce(
  db: DbOrTx,
  instanceId: string,
  now: Date,
  claim: LaneClaim,
): Promise<{ rows: NotificationRow[]; contended: boolean }> {
  const due = (alias: string) => {
    const row = sql.raw(alias);
    return sql`${row}.status = 'pending' and ${row}.due_at <= ${at(now)}
      and (${row}.not_before is null or ${row}.not_before <= ${at(now)})`;
  };
  const heldElsewhere = (alias: string) => sql`exists (
    select 1 from notifications s
    where s.status = 'sending' and s.claimed_at >= ${at(new Date(now.getTime() - claim.leaseMs))}
      and ${laneSql('s')} = ${laneSql(alias)})`;

  return db.transaction(async (tx) => {
    const candidates = rowsOf<{ lane: string }>(
      await tx.execute(sql`
        select c.lane from (
          select ${laneSql('n')} as lane, min(n.due_at) as first_due
          from notifications n where ${due('n')} and not ${heldElsewhere('n')}
          group by 1
        ) c
        order by c.first_due, c.lane
        limit ${claim.lanes * 2 + claim.skip.size}`),
    )
      .map((row) => row.lane)
      .filter((lane) => !claim.skip.has(lane));
    if (candidates.length === 0) return { rows: [], contended: false };

    // Up to twice the lanes wanted, oldest due first: a replica claiming at the same moment holds
    // the first ones, and this one goes on to the next instead of coming away empty. The VALUES
    // scan runs in order and LIMIT stops it, so no more locks are taken than lanes are claimed.
    const pairs = candidates.map((lane) => sql`(${lane}::text, ${laneLockKey(lane)}::int)`);
    const locked = rowsOf<{ lane: string }>(
      await tx.execute(sql`
        select x.lane from (values ${sql.join(pairs, sql`, `)}) as x(lane, k)
        where pg_try_advisory_xact_lock(${LANE_LOCK_SPACE}::int, x.k)
        limit ${claim.lanes}`),
    ).map((row) => row.lane);
    if (locked.length === 0) return { rows: [], contended: true };

    const picked = sql`(
      select p.id from (
        select n.id, row_number() over (partition by ${laneSql('n')} order by n.due_at, n.key) as position
        from notifications n
        where ${due('n')} and ${laneSql('n')} in ${locked} and not ${heldElsewhere('n')}
      ) p
      where p.position <= ${claim.maxRowsPerLane})`;
    const rows = await tx
      .update(notifications)
      .set({
        status: 'sending',
        claimedAt: now,
        claimedBy: instanceId,
        ...holderColumns(claim.holder),
        attempts: sql`${notifications.attempts} + 1`,
        // Where it will most likely be posted; routing records a DM instead before posting there.
        sentChannel: sql`${notifications.channelId}`,
      })
      .where(
        inArray(
          notifications.id,
          tx
            .select({ id: notifications.id })
            .from(notifications)
            .where(and(eq(notifications.status, 'pending'), inArray(notifications.id, picked)))
            .for('update', { skipLocked: true }),
        ),
      )
      .returning();
    return { rows, contended: rows.length === 0 };
  });
}
