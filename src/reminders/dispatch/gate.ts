/** Bounds how many calls run at once; the rest wait in order. */

export interface Gate {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createGate(max: number): Gate {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    async run(work) {
      if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      else running += 1;
      try {
        return await work();
      } finally {
        // The slot passes straight to the next waiter, so `running` counts it still.
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}
