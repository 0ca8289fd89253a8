/**
 * One lane per channel: lanes run concurrently, items within a lane one at a time in order.
 * Items can be added while lanes run (a broken channel's reminders move to DM lanes mid-pass).
 */

export interface Lane<T> {
  readonly channel: string;
  /** Removes and returns the items still queued behind the current one. */
  takeRest(): T[];
}

export interface Lanes<T> {
  add(channel: string, items: T[]): void;
  /** Resolves once every lane is empty, including lanes started while waiting. */
  idle(): Promise<void>;
}

export function createLanes<T>(
  work: (item: T, lane: Lane<T>) => Promise<void>,
  onError: (error: unknown, channel: string) => void,
): Lanes<T> {
  const queues = new Map<string, T[]>();
  const running = new Map<string, Promise<void>>();

  async function run(channel: string): Promise<void> {
    const lane: Lane<T> = {
      channel,
      takeRest: () => (queues.get(channel) ?? []).splice(0),
    };
    try {
      for (let item = queues.get(channel)?.shift(); item !== undefined; item = queues.get(channel)?.shift()) {
        try {
          await work(item, lane);
        } catch (error) {
          // The item's rows stay claimed; the lease hands them to recovery. The lane goes on.
          onError(error, channel);
        }
      }
    } finally {
      running.delete(channel);
    }
  }

  return {
    add(channel, items) {
      if (items.length === 0) return;
      const queue = queues.get(channel) ?? [];
      queue.push(...items);
      queues.set(channel, queue);
      if (!running.has(channel)) running.set(channel, run(channel));
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
  };
}
