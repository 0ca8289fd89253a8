/**
 * `npm run bench [-- name ...]`: runs every bench/*.bench.ts in turn, or only the named ones
 * (`npm run bench -- planner` runs bench/planner.bench.ts). Each bench module exports `default async function run()` and
 * prints its own figures; this runner only finds them, so a new bench needs no registration.
 * Benches run one after another, never in parallel, with a pause (and a PostgreSQL checkpoint) between
 * them, so one does not skew another's timings.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { settlePostgres } from './support/throwaway-postgres';

const BENCH_SUFFIX = '.bench.ts';
const benchDir = fileURLToPath(new URL('.', import.meta.url));

function benchFiles(names: readonly string[]): string[] {
  return readdirSync(benchDir)
    .filter((file) => file.endsWith(BENCH_SUFFIX))
    .filter((file) => names.length === 0 || names.includes(file.slice(0, -BENCH_SUFFIX.length)))
    .sort();
}

/** What a bench leaves behind (PostgreSQL's checkpoint, the child processes winding down) is not the next one's to pay. */
const SETTLE_MS = 10_000;

async function settle(): Promise<void> {
  if (process.env.BENCH_DATABASE_URL) await settlePostgres(process.env.BENCH_DATABASE_URL);
  await sleep(SETTLE_MS);
}

async function runBench(file: string): Promise<boolean> {
  const name = file.slice(0, -BENCH_SUFFIX.length);
  console.log(`\n=== ${name} ${'='.repeat(Math.max(3, 72 - name.length))}`);
  const started = performance.now();
  try {
    const loaded = (await import(pathToFileURL(join(benchDir, file)).href)) as { default?: unknown };
    if (typeof loaded.default !== 'function') {
      console.error(`${file} has no default export function; a bench exports \`default async function run()\`.`);
      return false;
    }
    await (loaded.default as () => Promise<void>)();
    console.log(`--- ${name} finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return true;
  } catch (error) {
    // One broken bench should not hide the figures of the others.
    console.error(`${name} failed:`, error);
    return false;
  }
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const files = benchFiles(names);
  const unknown = names.filter((name) => !files.includes(`${name}${BENCH_SUFFIX}`));
  if (unknown.length > 0 || files.length === 0) {
    console.error(`No bench ${unknown.length > 0 ? unknown.join(', ') : `*${BENCH_SUFFIX}`} in ${benchDir}.`);
    process.exitCode = 1;
    return;
  }
  let failed = 0;
  for (const [index, file] of files.entries()) {
    if (index > 0) await settle();
    if (!(await runBench(file))) failed += 1;
  }
  if (failed > 0) process.exitCode = 1;
}

await main();
