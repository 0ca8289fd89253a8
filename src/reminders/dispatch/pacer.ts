/**
 * Spaces posts per conversation: Slack allows about one message per second in a channel, and a
 * 429 tells one channel to wait. Only lanes posting to that conversation wait on it. One pacer
 * serves every run of a dispatcher, so a new run never posts sooner than the last one allows.
 */

export interface Pacer {
  /** Resolves when the channel may be posted to, and holds it until `posted` or a full interval. */
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
      // Looked at again after each sleep: another lane posting to the same DM may have pushed it.
      for (let delay = (nextAllowed.get(channel) ?? 0) - clock(); delay > 0; ) {
        await sleep(delay);
        delay = (nextAllowed.get(channel) ?? 0) - clock();
      }
      push(channel, clock() + intervalMs);
    },
    posted(channel) {
      push(channel, clock() + intervalMs);
    },
    pause(channel, ms) {
      push(channel, clock() + ms);
    },
  };
}
