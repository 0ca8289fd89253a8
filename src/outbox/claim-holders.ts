/**
 * Who holds a claim, in terms the database itself can check: the backend of the session the
 * claiming process holds open (src/db/held-session.ts). A claim whose backend pg_stat_activity no
 * longer lists belongs to a process that died; recovery need not wait out the lease for it.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import type { SessionBackend } from '../db/held-session';
import { rowsOf } from './outbox-rows';

export type ClaimHolder = SessionBackend;

/** The columns naming a claim's holder; null when the row is no longer claimed. */
export function holderColumns(holder: ClaimHolder | null) {
  return {
    claimBackendPid: holder?.pid ?? null,
    claimBackendStart: holder?.startedAt ?? null,
  };
}

/** The same key for the same holder, for maps over holders. */
export function holderKey(holder: ClaimHolder): string {
  return `${holder.pid}@${holder.startedAt}`;
}

/**
 * The distinct holders of 'sending' rows whose session has ended. A backend whose start the
 * database hides from this role (another role's session, without pg_read_all_stats) counts as
 * alive: not knowing is no reason to take a claim over early, and the lease still applies.
 */
export async function goneHoldersOf(db: DbOrTx): Promise<ClaimHolder[]> {
  const rows = rowsOf<{ pid: number; started_at: string }>(
    await db.execute(sql`
      select distinct n.claim_backend_pid as pid, n.claim_backend_start::text as started_at
      from notifications n
      where n.status = 'sending' and n.claim_backend_pid is not null
        and not exists (
          select 1 from pg_stat_activity a
          where a.pid = n.claim_backend_pid
            and (a.backend_start = n.claim_backend_start or a.backend_start is null))`),
  );
  return rows.map((row) => ({ pid: Number(row.pid), startedAt: row.started_at }));
}
