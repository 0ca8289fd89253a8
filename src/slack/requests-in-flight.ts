import type { RequestListener } from 'node:http';

/**
 * Slack's requests received and not yet answered. Work that follows an ack waits until none has
 * been in flight for a moment, so a burst is acked first and worked through after: the ack is what
 * Slack times, and each piece of post-ack work that runs while requests are still arriving delays
 * their acks.
 */
export interface RequestsInFlight {
  /**
   * Resolves once no request has been waiting for its answer for `quietMs` (the lulls inside a
   * burst, between one answer and the next arrival, are shorter), or after `maxWaitMs` at most.
   */
  settled(maxWaitMs: number): Promise<void>;
  /** The same HTTP listener, counting each request from its arrival until its response is done. */
  track(listener: RequestListener): RequestListener;
}

/** Long enough to span the gaps between a burst's requests, short next to a reply's seconds. */
export const DEFAULT_QUIET_MS = 15;

export function createRequestsInFlight(options: { quietMs?: number } = {}): RequestsInFlight {
  const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
  let inFlight = 0;
  /** When the count last fell to zero; -Infinity before any request came. */
  let idleSince = Number.NEGATIVE_INFINITY;
  let quietTimer: NodeJS.Timeout | undefined;
  let waiters: Array<() => void> = [];
  const quietFor = () => (inFlight === 0 ? performance.now() - idleSince : 0);
  const wakeAll = () => {
    quietTimer = undefined;
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  const wakeWhenQuiet = () => {
    clearTimeout(quietTimer);
    quietTimer = undefined;
    if (waiters.length === 0 || inFlight > 0) return;
    quietTimer = setTimeout(wakeAll, Math.max(0, quietMs - quietFor()));
  };
  return {
    settled(maxWaitMs) {
      if (quietFor() >= quietMs) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((waiter) => waiter !== done);
          resolve();
        }, maxWaitMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiters.push(done);
        if (!quietTimer) wakeWhenQuiet();
      });
    },
    track(listener) {
      return (req, res) => {
        inFlight += 1;
        clearTimeout(quietTimer);
        quietTimer = undefined;
        let counted = true;
        const finished = () => {
          if (!counted) return;
          counted = false;
          inFlight -= 1;
          if (inFlight === 0) {
            idleSince = performance.now();
            wakeWhenQuiet();
          }
        };
        // 'close' also covers a client that hung up before its answer.
        res.once('finish', finished);
        res.once('close', finished);
        listener(req, res);
      };
    },
  };
}

/** For a bot with no HTTP listener of its own (Socket Mode): nothing ever waits. */
export const noRequestsTracked: Pick<RequestsInFlight, 'settled'> = { settled: () => Promise.resolve() };
