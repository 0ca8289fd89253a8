/** Small helpers the benches share so their printed figures read alike. */

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

export function positiveIntegerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(raw)}`);
  return value;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** RSS includes PGlite's WebAssembly heap, which lives in this process; heap used is JavaScript alone. */
export function memoryLine(label: string): string {
  const { rss, heapUsed } = process.memoryUsage();
  return `${label.padEnd(28)} rss ${mb(rss).padStart(7)}   heap used ${mb(heapUsed).padStart(7)}`;
}

export const formatMs = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
