/** Posts one planned message on its lane and records what became of its rows. */

import { handleBrokenChannel } from './broken-channel';
import type { Lane } from './lanes';
import { findReminders, HISTORY_SLACK_MS } from './reminder-history';
import { reminderMetadata, slackMetadata } from './reminder-metadata';
import { UNKNOWN_OUTCOME_BACKOFF_MS } from './retry-policy';
import { idsOf, type QueuedMessage, type RunContext } from './run-context';
import { settleFailure } from './settle-failure';
import { classifySlackError } from './slack-errors';
import type { RenderedMessage } from './types';

function rowsOf(messages: QueuedMessage[]) {
  return messages.flatMap((message) => message.rows);
}

async function recordSent(ctx: RunContext, message: QueuedMessage, channel: string, ts: string): Promise<number> {
  const marked = await ctx.store.markSent(idsOf(message.rows), { channel, ts, now: ctx.now(), late: message.late });
  if (marked < message.rows.length) {
    ctx.logger.warn(`${message.rows.length - marked} reminder(s) posted to ${channel} had been taken over meanwhile`);
  }
  ctx.report.sent += marked;
  if (message.late) ctx.report.late += marked;
  if (message.combined) ctx.report.combinedMessages += 1;
  return marked;
}

/** Releases the message and everything queued behind it on the lane, to be claimed again. */
async function releaseLane(
  ctx: RunContext,
  message: QueuedMessage,
  lane: Lane<QueuedMessage>,
  release: { notBefore: Date | null; lastError: string },
): Promise<void> {
  const rows = [...message.rows, ...rowsOf(lane.takeRest())];
  await ctx.store.release(idsOf(rows), { ...release, refundAttempt: true });
  ctx.report.retried += rows.length;
}

/** The post's answer was lost: Slack's history says whether it went out. */
async function settleUnknownOutcome(ctx: RunContext, message: QueuedMessage, attemptAt: number): Promise<void> {
  const keys = message.rows.map((row) => row.key);
  // Give Slack the channel's usual interval to show the message in history before reading it.
  await ctx.pacer.wait(message.channel);
  let found: Map<string, string>;
  try {
    found = await findReminders(ctx.slack, {
      channel: message.channel,
      since: new Date(attemptAt - HISTORY_SLACK_MS),
      keys,
    });
  } catch (error) {
    // Still not knowing: the rows stay claimed; recovery looks again once the lease runs out, or
    // sooner if this process dies meanwhile.
    ctx.logger.warn(`Lost Slack's answer for ${keys.join(', ')} and could not read ${message.channel}`, error);
    return;
  }
  const ts = keys.map((key) => found.get(key)).find((value) => value !== undefined);
  if (ts !== undefined) {
    ctx.report.recovered += await recordSent(ctx, message, message.channel, ts);
    return;
  }
  const notBefore = new Date(ctx.now().getTime() + UNKNOWN_OUTCOME_BACKOFF_MS);
  await ctx.store.release(idsOf(message.rows), {
    notBefore,
    lastError: "lost Slack's answer; not in history",
    refundAttempt: false,
  });
  ctx.report.retried += message.rows.length;
}

async function render(ctx: RunContext, message: QueuedMessage): Promise<RenderedMessage | null | Error> {
  try {
    return await ctx.render(message.rows, { late: message.late, now: ctx.now(), combined: message.combined });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The rows a combined message had no room for become the lane's next message, so the post, its
 * metadata keys and what is marked sent name only the rows the channel actually sees.
 */
function splitOffDeferred(message: QueuedMessage, deferredRowIds: string[], lane: Lane<QueuedMessage>): QueuedMessage {
  const deferred = new Set(deferredRowIds);
  const rest = message.rows.filter((row) => deferred.has(row.id));
  if (rest.length === 0) return message;
  const rows = message.rows.filter((row) => !deferred.has(row.id));
  lane.putNext({ ...message, rows: rest, combined: rest.length > 1 });
  return { ...message, rows, combined: rows.length > 1 };
}

export async function deliverMessage(ctx: RunContext, queued: QueuedMessage, lane: Lane<QueuedMessage>): Promise<void> {
  const { channel } = queued;
  const rendered = await render(ctx, queued);
  if (rendered instanceof Error) {
    await settleFailure(ctx, queued.rows, { kind: 'error', error: `render failed: ${rendered.message}` });
    return;
  }
  if (rendered === null) {
    await ctx.store.markSkipped(idsOf(queued.rows), null);
    ctx.report.skipped += queued.rows.length;
    return;
  }
  const message = rendered.deferredRowIds ? splitOffDeferred(queued, rendered.deferredRowIds, lane) : queued;
  if (rendered.shownTasks) await ctx.store.setShownTasks(rendered.shownTasks);

  for (;;) {
    await ctx.pacer.wait(channel);
    if (ctx.stopping()) {
      await releaseLane(ctx, message, lane, { notBefore: null, lastError: 'dispatcher stopped before posting' });
      return;
    }
    if (ctx.clock() > message.deadline) {
      await releaseLane(ctx, message, lane, { notBefore: null, lastError: 'claim ran out of time' });
      return;
    }
    const attemptAt = ctx.clock();
    try {
      const answer = await ctx.posts.run(() =>
        ctx.slack.chat.postMessage({
          channel,
          text: rendered.text,
          ...(rendered.blocks ? { blocks: rendered.blocks } : {}),
          metadata: slackMetadata(reminderMetadata(message.rows.map((row) => row.key))),
        }),
      );
      ctx.pacer.posted(channel);
      await recordSent(ctx, message, answer.channel ?? channel, answer.ts ?? '');
      return;
    } catch (error) {
      ctx.pacer.posted(channel);
      const failure = classifySlackError(error);
      switch (failure.kind) {
        case 'rate_limited':
          ctx.report.rateLimited += 1;
          if (failure.retryAfterMs > ctx.options.maxRateLimitWaitMs) {
            // Rows queued for the channel meanwhile wait too, instead of drawing the next 429 at once.
            const notBefore = new Date(ctx.now().getTime() + failure.retryAfterMs);
            ctx.heldLanes.set(lane.key, notBefore.getTime());
            await releaseLane(ctx, message, lane, {
              notBefore,
              lastError: `rate limited for ${failure.retryAfterMs} ms`,
            });
            return;
          }
          // Only this lane waits; the others keep posting meanwhile.
          ctx.pacer.pause(channel, failure.retryAfterMs);
          continue;
        case 'unknown_outcome':
          await settleUnknownOutcome(ctx, message, attemptAt);
          return;
        case 'channel_broken':
          if (message.rows.every((row) => row.channelId === channel)) {
            const rest = lane.takeRest();
            await handleBrokenChannel(
              ctx,
              channel,
              failure.error,
              [...message.rows, ...rowsOf(rest)],
              message.deadline,
            );
            return;
          }
          // A DM that refuses posts is the person's problem, not an account channel's.
          await settleFailure(ctx, message.rows, failure);
          return;
        case 'error':
          await settleFailure(ctx, message.rows, failure);
          return;
      }
    }
  }
}
