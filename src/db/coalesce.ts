/**
 * Merges concurrent calls into batches: calls made while a batch runs go out together with the
 * next one, so under load many small queries become a few large ones. A call that finds nothing
 * running waits `windowMs` for company first (0: only calls made in the same turn join it).
 * Every caller gets its own result, or its batch's error.
 */
export function coalesce<In, Out>(
  runBatch: (inputs: In[]) => Promise<Out[]>,
  { windowMs = 0, maxBatch = 500 }: { windowMs?: number; maxBatch?: number } = {},
): (input: In) => Promise<Out> {
  let queued: Array<{ input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }> = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    if (windowMs > 0) await new Promise((resolve) => setTimeout(resolve, windowMs));
    else await Promise.resolve();
    while (queued.length > 0) {
      const batch = queued.slice(0, maxBatch);
      queued = queued.slice(batch.length);
      try {
        const outs = await runBatch(batch.map((call) => call.input));
        for (const [index, call] of batch.entries()) call.resolve(outs[index] as Out);
      } catch (error) {
        for (const call of batch) call.reject(error);
      }
    }
    running = false;
  }

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      queued.push({ input, resolve, reject });
      if (!running) void drain();
    });
}
