/** Posts one planned message on its lane and records what became of its rows. */

import { handleBrokenChannel } from './broken-channel';
import type { Lane } from './lanes';
import type { PassContext } from './pass-context';
import { idsOf } from './pass-context';
import type { OutgoingMessage } from './plan-messages';
import { findReminders, HISTORY_SLACK_MS } from './reminder-history';
import { reminderMetadata, slackMetadata } from './reminder-metadata';
import { UNKNOWN_OUTCOME_BACKOFF_MS } from './retry-policy';
import { settleFailure } from './settle-failure';
import { classifySlackError } from './slack-errors';
import type { RenderedMessage } from './types';

function rowsOf(messages: OutgoingMessage[]) {
  return messages.flatMap((message) => message.rows);
}

async function recordSent(ctx: PassContext, message: OutgoingMessage, channel: string, ts: string): Promise<number> {
  const marked = await ctx.store.markSent(idsOf(message.rows), { channel, ts, now: ctx.now, late: message.late });
  if (marked < message.rows.length) {
    ctx.logger.warn(`${message.rows.length - marked} reminder(s) posted to ${channel} had been taken over meanwhile`);
  }
  ctx.report.sent += marked;
  if (message.late) ctx.report.late += marked;
  if (message.combined) ctx.report.combinedMessages += 1;
  return marked;
}

/** Releases the message and everything queued behind it on the lane, for a later pass. */
async function releaseLane(
  ctx: PassContext,
  message: OutgoingMessage,
  lane: Lane<OutgoingMessage>,
  release: { notBefore: Date | null; lastError: string },
): Promise<void> {
  const rows = [...message.rows, ...rowsOf(lane.takeRest())];
  await ctx.store.release(idsOf(rows), { ...release, refundAttempt: true });
  ctx.report.retried += rows.length;
}

/** The post's answer was lost: Slack's history says whether it went out. */
async function settleUnknownOutcome(ctx: PassContext, message: OutgoingMessage, attemptAt: number): Promise<void> {
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
    // Still not knowing: the rows stay claimed and recovery looks again once the lease runs out.
    ctx.logger.warn(`Lost Slack's answer for ${keys.join(', ')} and could not read ${message.channel}`, error);
    return;
  }
  const ts = keys.map((key) => found.get(key)).find((value) => value !== undefined);
  if (ts !== undefined) {
    ctx.report.recovered += await recordSent(ctx, message, message.channel, ts);
    return;
  }
  const notBefore = new Date(ctx.now.getTime() + UNKNOWN_OUTCOME_BACKOFF_MS);
  await ctx.store.release(idsOf(message.rows), {
    notBefore,
    lastError: "lost Slack's answer; not in history",
    refundAttempt: false,
  });
  ctx.report.retried += message.rows.length;
}

async function render(ctx: PassContext, message: OutgoingMessage): Promise<RenderedMessage | null | Error> {
  try {
    return await ctx.render(message.rows, { late: message.late, now: ctx.now, combined: message.combined });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export async function deliverMessage(
  ctx: PassContext,
  message: OutgoingMessage,
  lane: Lane<OutgoingMessage>,
): Promise<void> {
  const { channel } = message;
  const rendered = await render(ctx, message);
  if (rendered instanceof Error) {
    await settleFailure(ctx, message.rows, { kind: 'error', error: `render failed: ${rendered.message}` });
    return;
  }
  if (rendered === null) {
    await ctx.store.markSkipped(idsOf(message.rows), null);
    ctx.report.skipped += message.rows.length;
    return;
  }

  for (;;) {
    await ctx.pacer.wait(channel);
    if (ctx.clock() > ctx.deadline) {
      await releaseLane(ctx, message, lane, { notBefore: null, lastError: 'pass ran out of time' });
      return;
    }
    const attemptAt = ctx.clock();
    try {
      const answer = await ctx.slack.chat.postMessage({
        channel,
        text: rendered.text,
        ...(rendered.blocks ? { blocks: rendered.blocks } : {}),
        metadata: slackMetadata(reminderMetadata(message.rows.map((row) => row.key))),
      });
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
            const notBefore = new Date(ctx.now.getTime() + failure.retryAfterMs);
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
            await handleBrokenChannel(ctx, channel, failure.error, [...message.rows, ...rowsOf(rest)]);
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
