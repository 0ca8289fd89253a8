/** When a row that Slack refused (for a reason that may pass) is tried again, or given up on. */

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/** Short on purpose: the post most likely never happened, and recovery already ruled out a duplicate. */
export const UNKNOWN_OUTCOME_BACKOFF_MS = 15_000;

/** 30 s, 1 min, 2 min, … capped at an hour; `attempts` counts the attempt that just failed. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** exponent);
}

export type RetryDecision = { give: 'up' } | { give: 'again'; notBefore: Date };

export function decideRetry(attempts: number, maxAttempts: number, now: Date): RetryDecision {
  if (attempts >= maxAttempts) return { give: 'up' };
  return { give: 'again', notBefore: new Date(now.getTime() + retryDelayMs(attempts)) };
}
