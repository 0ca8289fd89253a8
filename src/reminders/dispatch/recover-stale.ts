/**
 * Before anything is sent again: rows left 'sending' by a dispatcher whose database session has
 * ended (its process died), or past their lease (a dispatcher stuck, or that never learned Slack's
 * answer). Each is looked up in the history of the channel it was being posted to, however it was
 * found stale: a dispatcher may have posted just before dying. Found means it went out (record
 * it), not found means it did not (send it).
 */
import { groupBy } from '../../db/in-chunks';
import type { StaleClaim } from '../../outbox';
import { STALE_CLAIMS_PER_RECOVERY } from './options';
import { isLate } from './plan-messages';
import { findReminders, HISTORY_SLACK_MS } from './reminder-history';
import type { RunContext } from './run-context';
import { classifySlackError } from './slack-errors';

/** Settles one channel's stale claims; false when its history could not be read and they were put back. */
async function resolveChannel(ctx: RunContext, channel: string, claims: StaleClaim[]): Promise<boolean> {
  // Claims carry the run's instant; Slack stamps messages by the wall clock. Take the earlier.
  const earliestClaim = Math.min(...claims.map((claim) => claim.previousClaimedAt.getTime()), ctx.clock());
  let found: Map<string, string>;
  try {
    found = await findReminders(ctx.slack, {
      channel,
      since: new Date(earliestClaim - HISTORY_SLACK_MS),
      keys: claims.map((claim) => claim.row.key),
    });
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'channel_broken') {
      // A channel the bot cannot read it cannot have posted to either; sending again finds out.
      await ctx.store.release(
        claims.map((claim) => claim.row.id),
        { notBefore: null, lastError: `history unreadable: ${failure.error}`, refundAttempt: false },
      );
      return true;
    }
    // Not knowing is no reason to send twice: leave the rows for the next pass to look again.
    await ctx.store.restoreClaim(claims);
    ctx.logger.warn(`Could not read ${channel} history to recover ${claims.length} reminder(s); will retry`, error);
    return false;
  }

  const missing = claims.filter((claim) => !found.has(claim.row.key));
  await ctx.store.release(
    missing.map((claim) => claim.row.id),
    { notBefore: null, lastError: 'claim expired before Slack answered; not in history', refundAttempt: false },
  );
  const sent = claims.filter((claim) => found.has(claim.row.key));
  for (const [ts, sameMessage] of groupBy(sent, (claim) => found.get(claim.row.key) ?? '')) {
    const late = sameMessage.some((claim) => isLate(claim.row, claim.previousClaimedAt, ctx.options.lateAfterMs));
    const marked = await ctx.store.markSent(
      sameMessage.map((claim) => claim.row.id),
      { channel, ts, now: ctx.now(), late },
    );
    ctx.report.recovered += marked;
    ctx.report.sent += marked;
    if (late) ctx.report.late += marked;
  }
  return true;
}

/** Settles a batch of taken-over claims; false when some were put back to be looked at again. */
async function settleClaims(ctx: RunContext, claims: StaleClaim[]): Promise<boolean> {
  ctx.logger.warn(`Recovering ${claims.length} reminder(s) whose dispatcher did not finish`);
  // No target recorded: the dispatcher died before posting anything.
  const untargeted = claims.filter((claim) => claim.row.sentChannel === null);
  await ctx.store.release(
    untargeted.map((claim) => claim.row.id),
    { notBefore: null, lastError: null, refundAttempt: true },
  );
  const targeted = claims.filter((claim) => claim.row.sentChannel !== null);
  let settled = true;
  for (const [channel, channelClaims] of groupBy(targeted, (claim) => claim.row.sentChannel ?? '')) {
    if (!(await resolveChannel(ctx, channel, channelClaims))) settled = false;
  }
  return settled;
}

/**
 * Takes over and settles every stale claim there is, batch after batch. Returns when (on the
 * wall clock) holders seen gone but still in their grace may be taken over, or null if none are.
 */
export async function recoverStale(ctx: RunContext): Promise<number | null> {
  const { due, nextAt } = ctx.goneHolders.settle(await ctx.store.goneHolders(), ctx.clock(), ctx.goneHolderGraceMs);
  for (;;) {
    const claims = await ctx.store.claimStale(ctx.now(), {
      leaseMs: ctx.options.leaseMs,
      limit: STALE_CLAIMS_PER_RECOVERY,
      goneHolders: due,
      holder: ctx.holder,
    });
    if (claims.length === 0) break;
    const settled = await settleClaims(ctx, claims);
    // Claims put back are stale again at once: the next recovery looks at them, not this one.
    if (!settled || claims.length < STALE_CLAIMS_PER_RECOVERY) break;
  }
  return nextAt;
}
