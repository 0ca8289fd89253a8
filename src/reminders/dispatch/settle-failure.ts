/** What happens to rows whose message Slack did not take, for reasons other than a broken channel. */
import { decideRetry } from './retry-policy';
import { idsOf, type RunContext } from './run-context';
import type { SlackFailure } from './slack-errors';
import type { NotificationRow } from './types';

function describe(failure: SlackFailure): string {
  switch (failure.kind) {
    case 'rate_limited':
      return `rate limited for ${failure.retryAfterMs} ms`;
    case 'unknown_outcome':
      return `unknown outcome: ${failure.message}`;
    case 'channel_broken':
    case 'error':
      return failure.error;
  }
}

export async function settleFailure(ctx: RunContext, rows: NotificationRow[], failure: SlackFailure): Promise<void> {
  if (rows.length === 0) return;
  const lastError = describe(failure);
  const now = ctx.now();
  if (failure.kind === 'rate_limited') {
    // Waiting is not failing: the attempt is given back.
    const notBefore = new Date(now.getTime() + failure.retryAfterMs);
    await ctx.store.release(idsOf(rows), { notBefore, lastError, refundAttempt: true });
    ctx.report.retried += rows.length;
    return;
  }
  for (const row of rows) {
    const decision = decideRetry(row.attempts, ctx.options.maxAttempts, now);
    if (decision.give === 'up') {
      await ctx.store.markFailed([row.id], lastError);
      ctx.report.failed += 1;
      ctx.logger.error(`Reminder ${row.key} failed after ${row.attempts} attempts: ${lastError}`);
    } else {
      await ctx.store.release([row.id], { notBefore: decision.notBefore, lastError, refundAttempt: false });
      ctx.report.retried += 1;
      ctx.logger.warn(
        `Reminder ${row.key} not sent (${lastError}); retrying after ${decision.notBefore.toISOString()}`,
      );
    }
  }
}
