import { Worker } from 'node:worker_threads';

/**
 * A worker thread running a TypeScript module (pass its `import.meta.url`). The thread registers
 * tsx before importing it, so this works however the process was started (`tsx`, vitest, a plain
 * node with tsx's loader).
 */
export function startTypeScriptWorker(moduleUrl: string, workerData: unknown): Worker {
  const boot = `(async () => {
    const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
    register();
    await import(${JSON.stringify(moduleUrl)});
  })();`;
  return new Worker(boot, { eval: true, workerData });
}
