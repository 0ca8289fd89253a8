/** Wakes a waiting loop when something happened; a wake with nobody waiting is kept for the next wait. */

export interface Wakeup {
  /** Something happened (a lane went idle, rows were queued). */
  notify(): void;
  /** Whether something happened since the last `wait` or `take`. */
  pending(): boolean;
  /** Forgets what happened so far: the loop is about to look anyway. */
  take(): void;
  /** Resolves at the next notify (at once if one is pending), or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void>;
}

export function createWakeup(): Wakeup {
  let woken = false;
  let wake: (() => void) | null = null;
  return {
    notify() {
      woken = true;
      wake?.();
    },
    pending: () => woken,
    take() {
      woken = false;
    },
    async wait(timeoutMs) {
      if (!woken) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, timeoutMs);
        });
        clearTimeout(timer);
        wake = null;
      }
      woken = false;
    },
  };
}
