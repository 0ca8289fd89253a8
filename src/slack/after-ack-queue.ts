import { noRequestsTracked, type RequestsInFlight } from './requests-in-flight';
import { createUnfinishedWork } from './unfinished-work';

/**
 * Runs the work that follows Slack's acks a few at a time. A burst of commands is acked as fast
 * as they arrive, but what each then does (database writes, channel posts, the reply) costs more
 * than the ack; run all at once, that backlog shares the event loop with the next requests and
 * their acks wait behind it. Queued, the backlog waits without running, and an ack is never more
 * than a few units of work away. Replies travel on response_url, which stays valid for 30 minutes.
 */
export type AfterAck = <T>(work: () => Promise<T>) => Promise<T>;

export interface AfterAckOptions {
  concurrency: number;
  /**
   * A unit still running after this long is waiting on something (Slack retrying a 429, a slow
   * database), not using the CPU, so it gives its slot to the next one instead of holding up
   * everyone's replies.
   */
  slowMs?: number;
  /**
   * A unit starts once the requests still arriving are acked, or `maxDeferMs` after it was queued
   * at most: longer than a burst of commands lasts, short next to the seconds a reply may take.
   */
  requests?: Pick<RequestsInFlight, 'settled'>;
  maxDeferMs?: number;
}

export interface AfterAckQueue {
  run: AfterAck;
  /**
   * Resolves true once no unit is running or waiting, false after `maxWaitMs`: a stopping bot
   * lets the work it already acked (a `/cs log` not yet written) finish before its database closes.
   */
  idle(maxWaitMs: number): Promise<boolean>;
}

export function createAfterAckQueue({
  concurrency,
  slowMs = 1_000,
  requests = noRequestsTracked,
  maxDeferMs = 1_000,
}: AfterAckOptions): AfterAckQueue {
  let running = 0;
  const waiting: Array<() => void> = [];
  const unfinished = createUnfinishedWork();
  const run: AfterAck = (work) => unfinished.run(() => runInTurn(work));
  async function runInTurn<T>(work: () => Promise<T>): Promise<T> {
    // Counted from the unit's arrival, not its turn: under load with no lull, units already
    // deferred their longest run back to back instead of each waiting that long again.
    const startBy = performance.now() + maxDeferMs;
    // A finishing unit hands its slot straight to the oldest waiter, so order is kept and the
    // count never overshoots.
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    await requests.settled(Math.max(0, startBy - performance.now()));
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
  }
  return { run, idle: unfinished.idle };
}
