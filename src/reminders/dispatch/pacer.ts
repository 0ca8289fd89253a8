/**
 * Spaces posts per channel: Slack allows about one message per second in a channel, and a 429
 * tells one channel to wait. Only the lane that owns a channel waits on it.
 */

export interface Pacer {
  /** Resolves when the channel may be posted to again. */
  wait(channel: string): Promise<void>;
  /** A post (successful or not) just reached Slack for the channel. */
  posted(channel: string): void;
  /** Slack asked the channel to wait this long. */
  pause(channel: string, ms: number): void;
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export function createPacer(intervalMs: number, clock: () => number = Date.now): Pacer {
  const nextAllowed = new Map<string, number>();
  const push = (channel: string, at: number) => nextAllowed.set(channel, Math.max(nextAllowed.get(channel) ?? 0, at));
  return {
    async wait(channel) {
      await sleep((nextAllowed.get(channel) ?? 0) - clock());
    },
    posted(channel) {
      push(channel, clock() + intervalMs);
    },
    pause(channel, ms) {
      push(channel, clock() + ms);
    },
  };
}
