import { webApi } from '@slack/bolt';

/**
 * What a failed Slack call means for the reminder, independent of which call it was.
 * - rate_limited: try the same call again after `retryAfterMs`.
 * - unknown_outcome: the request may or may not have taken effect (the connection dropped, or
 *   Slack answered 5xx); only the channel's history can tell.
 * - channel_broken: the channel refuses posts for good (archived, gone, bot removed).
 * - error: Slack said no for another reason; retry later with backoff.
 */
export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'unknown_outcome'; message: string }
  | { kind: 'channel_broken'; error: string }
  | { kind: 'error'; error: string };

const BROKEN_CHANNEL_ERRORS = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'channel_is_archived']);

export function isBrokenChannelError(error: string): boolean {
  return BROKEN_CHANNEL_ERRORS.has(error);
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

export function classifySlackError(error: unknown): SlackFailure {
  const code = codeOf(error);
  if (code === webApi.ErrorCode.RateLimitedError) {
    const retryAfter = Number((error as { retryAfter?: unknown }).retryAfter);
    return { kind: 'rate_limited', retryAfterMs: Number.isFinite(retryAfter) ? Math.max(0, retryAfter) * 1000 : 1000 };
  }
  if (code === webApi.ErrorCode.PlatformError) {
    const slackError = String((error as { data?: { error?: unknown } }).data?.error ?? 'unknown_error');
    return isBrokenChannelError(slackError)
      ? { kind: 'channel_broken', error: slackError }
      : { kind: 'error', error: slackError };
  }
  if (code === webApi.ErrorCode.RequestError) {
    return { kind: 'unknown_outcome', message: error instanceof Error ? error.message : String(error) };
  }
  if (code === webApi.ErrorCode.HTTPError) {
    const status = Number((error as { statusCode?: unknown }).statusCode);
    if (status >= 500) return { kind: 'unknown_outcome', message: `HTTP ${status}` };
    return { kind: 'error', error: `http_${status}` };
  }
  return { kind: 'error', error: error instanceof Error ? error.message : String(error) };
}
