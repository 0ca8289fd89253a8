/**
 * Counts units of work from start to finish, so a stopping bot (or a test) can wait until what it
 * already accepted is done, instead of guessing how long that takes.
 */
export interface UnfinishedWork {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves true once nothing is running, false after `maxWaitMs`. */
  idle(maxWaitMs: number): Promise<boolean>;
}

export function createUnfinishedWork(): UnfinishedWork {
  let unfinished = 0;
  let idleWaiters: Array<() => void> = [];
  const finishOne = () => {
    unfinished -= 1;
    if (unfinished > 0) return;
    const woken = idleWaiters;
    idleWaiters = [];
    for (const wake of woken) wake();
  };
  return {
    async run(work) {
      unfinished += 1;
      try {
        return await work();
      } finally {
        finishOne();
      }
    },
    idle(maxWaitMs) {
      if (unfinished === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          idleWaiters = idleWaiters.filter((waiter) => waiter !== done);
          resolve(false);
        }, maxWaitMs);
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        idleWaiters.push(done);
      });
    },
  };
}
