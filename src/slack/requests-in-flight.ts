import type { RequestListener } from 'node:http';

/**
 * Slack's requests received and not yet answered. Work that follows an ack waits for this to reach
 * zero, so a burst is acked first and worked through after: the ack is what Slack times, and each
 * piece of post-ack work that runs while requests are still arriving delays their acks.
 */
export interface RequestsInFlight {
  /** Resolves when no request is waiting for its answer, or after `maxWaitMs` at most. */
  settled(maxWaitMs: number): Promise<void>;
  /** The same HTTP listener, counting each request from its arrival until its response is done. */
  track(listener: RequestListener): RequestListener;
}

export function createRequestsInFlight(): RequestsInFlight {
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const wakeAll = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  return {
    settled(maxWaitMs) {
      if (inFlight === 0) return Promise.resolve();
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
      });
    },
    track(listener) {
      return (req, res) => {
        inFlight += 1;
        let counted = true;
        const finished = () => {
          if (!counted) return;
          counted = false;
          inFlight -= 1;
          if (inFlight === 0) wakeAll();
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
