/**
 * Runs the work that follows Slack's acks a few at a time. A burst of commands is acked as fast
 * as they arrive, but what each then does (database writes, channel posts, the reply) costs more
 * than the ack; run all at once, that backlog shares the event loop with the next requests and
 * their acks wait behind it. Queued, the backlog waits without running, and an ack is never more
 * than a few units of work away. Replies travel on response_url, which stays valid for 30 minutes.
 */
export type AfterAck = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * `concurrency` units run at once; a unit still running after `slowMs` is waiting on something
 * (Slack retrying a 429, a slow database), not using the CPU, so it gives its slot to the next one
 * instead of holding up everyone's replies.
 */
export function createAfterAckQueue(concurrency: number, slowMs = 1_000): AfterAck {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function afterAck<T>(work: () => Promise<T>): Promise<T> {
    // A finishing unit hands its slot straight to the oldest waiter, so order is kept and the
    // count never overshoots.
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    };
    const slow = setTimeout(release, slowMs);
    slow.unref();
    try {
      return await work();
    } finally {
      clearTimeout(slow);
      release();
    }
  };
}
