/**
 * Before anything is sent again: rows left 'sending' past their lease belong to a dispatcher that
 * died or never learned Slack's answer. Each is looked up in the history of the channel it was
 * being posted to; found means it went out (record it), not found means it did not (send it).
 */
import { groupBy } from '../../db/in-chunks';
import type { StaleClaim } from '../../outbox';
import { STALE_CLAIMS_PER_RECOVERY } from './options';
import { isLate } from './plan-messages';
import { findReminders, HISTORY_SLACK_MS } from './reminder-history';
import type { RunContext } from './run-context';
import { classifySlackError } from './slack-errors';

async function resolveChannel(ctx: RunContext, channel: string, claims: StaleClaim[]): Promise<void> {
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
      return;
    }
    // Not knowing is no reason to send twice: leave the rows for the next pass to look again.
    await ctx.store.restoreClaim(claims);
    ctx.logger.warn(`Could not read ${channel} history to recover ${claims.length} reminder(s); will retry`, error);
    return;
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
}

export async function recoverStale(ctx: RunContext): Promise<void> {
  const claims = await ctx.store.claimStale(ctx.now(), ctx.options.leaseMs, STALE_CLAIMS_PER_RECOVERY);
  if (claims.length === 0) return;
  ctx.logger.warn(`Recovering ${claims.length} reminder(s) whose dispatcher did not finish`);
  // No target recorded: the dispatcher died before posting anything.
  const untargeted = claims.filter((claim) => claim.row.sentChannel === null);
  await ctx.store.release(
    untargeted.map((claim) => claim.row.id),
    { notBefore: null, lastError: null, refundAttempt: true },
  );
  const targeted = claims.filter((claim) => claim.row.sentChannel !== null);
  for (const [channel, channelClaims] of groupBy(targeted, (claim) => claim.row.sentChannel ?? '')) {
    await resolveChannel(ctx, channel, channelClaims);
  }
}
