/**
 * One lane per claimed lane key (an account channel, or a person's DM): lanes run concurrently,
 * items within a lane one at a time in order. Items can be added while lanes run (a broken
 * channel's reminders move to DM messages on the same lane mid-run).
 */

export interface Lane<T> {
  readonly key: string;
  /** Removes and returns the items still queued behind the current one. */
  takeRest(): T[];
  /** Queues an item to run right after the current one. */
  putNext(item: T): void;
}

export interface Lanes<T> {
  add(key: string, items: T[]): void;
  /** Keys of the lanes with work queued or running. */
  keys(): ReadonlySet<string>;
  /** Resolves once every lane is empty, including lanes started while waiting. */
  idle(): Promise<void>;
}

export function createLanes<T>(
  work: (item: T, lane: Lane<T>) => Promise<void>,
  handlers: { onError: (error: unknown, key: string) => void; onIdle: (key: string) => void },
): Lanes<T> {
  const queues = new Map<string, T[]>();
  const running = new Map<string, Promise<void>>();

  async function run(key: string): Promise<void> {
    const lane: Lane<T> = {
      key,
      takeRest: () => (queues.get(key) ?? []).splice(0),
      putNext: (item) => {
        const queue = queues.get(key) ?? [];
        queue.unshift(item);
        queues.set(key, queue);
      },
    };
    try {
      for (let item = queues.get(key)?.shift(); item !== undefined; item = queues.get(key)?.shift()) {
        try {
          await work(item, lane);
        } catch (error) {
          // The item's rows stay claimed; the lease hands them to recovery. The lane goes on.
          handlers.onError(error, key);
        }
      }
    } finally {
      running.delete(key);
      queues.delete(key);
      handlers.onIdle(key);
    }
  }

  return {
    add(key, items) {
      if (items.length === 0) return;
      const queue = queues.get(key) ?? [];
      queue.push(...items);
      queues.set(key, queue);
      if (!running.has(key)) running.set(key, run(key));
    },
    keys: () => new Set(running.keys()),
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
  };
}
