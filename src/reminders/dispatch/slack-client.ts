import { webApi } from '@slack/bolt';

/**
 * The WebClient the dispatcher expects. It must not retry on its own: a 429 has to come back so
 * that only its channel waits (the WebClient would pause every call), and a lost answer has to
 * come back so it is settled through history rather than blindly posted again.
 */
export function createReminderSlackClient(
  token: string | undefined,
  options: Omit<webApi.WebClientOptions, 'rejectRateLimitedCalls' | 'retryConfig'> = {},
): webApi.WebClient {
  return new webApi.WebClient(token, {
    // A hung request would hold its channel's lane; after this it counts as an unknown outcome.
    timeout: 30_000,
    ...options,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
}
