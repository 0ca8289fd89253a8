/**
 * How long a planner pass takes over a realistic book of accounts, on PGlite and (with
 * BENCH_DATABASE_URL) PostgreSQL, at several book sizes side by side: the first pass (every
 * account tracked from before its contract start, so it plans and queues the whole load, the worst
 * case) and then quiet minute passes, which must cost what is due, not what exists.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- planner
 *
 * Knobs: BENCH_SCALES (1000,10000,100000 on PostgreSQL; PGlite stops at BENCH_PGLITE_MAX, 10000),
 * BENCH_QUIET_PASSES (5).
 */
import { count } from 'drizzle-orm';
import type { DatabaseHandle } from '../src/db/database';
import { tasks } from '../src/db/schema';
import { dayIn } from '../src/domain/calendar-day';
import { createPlannerDeps, type PlannerReport, runPlanner } from '../src/reminders/run-planner';
import { type BenchDatabase, benchDatabases } from './support/bench-databases';
import { formatMs, memoryLine, positiveIntegerFromEnv, timed } from './support/measure';
import { seedPortfolio } from './support/seed-portfolio';
import { syntheticPortfolio } from './support/synthetic-portfolio';

const TEAM_ZONE = 'Europe/Berlin';

function passLine(label: string, ms: number, report: PlannerReport): string {
  const perAccount = report.accounts > 0 ? ms / report.accounts : 0;
  return (
    `${label.padEnd(28)} ${formatMs(ms).padStart(10)}   ${perAccount.toFixed(2).padStart(6)} ms/account   ` +
    `created ${report.tasksCreated}, completed ${report.tasksCompleted}, closed ${report.tasksClosed}, ` +
    `messages ${report.messagesQueued}, digests ${report.digestsQueued}`
  );
}

interface Figures {
  engine: string;
  accounts: number;
  firstMs: number;
  tasks: number;
  quietMedianMs: number;
  quietMaxMs: number;
}

async function benchOn(engine: BenchDatabase, accountCount: number, now: Date, quietPasses: number): Promise<Figures> {
  console.log(`\n--- ${engine.name}: ${accountCount} accounts, now ${now.toISOString()} (${TEAM_ZONE}) ---`);
  console.log(memoryLine('memory before seeding'));
  let handle: DatabaseHandle | null = null;
  try {
    handle = await engine.create();
    const { db } = handle;
    const portfolio = syntheticPortfolio(accountCount, dayIn(now, TEAM_ZONE));
    // Tracked from before every contract start: the first pass plans the full load, the worst case worth timing.
    const longAgo = new Date(now.getTime() - 4 * 366 * 86_400_000);
    const seeded = await timed(() => seedPortfolio(db, portfolio, longAgo));
    console.log(`seeded ${accountCount} accounts and ${seeded.result} activities in ${formatMs(seeded.ms)}`);
    console.log(memoryLine('memory before planning'));

    const deps = createPlannerDeps({ db, slack: null, timeZone: TEAM_ZONE });
    const first = await timed(() => runPlanner(deps, now));
    console.log(passLine('pass 1 (creates everything)', first.ms, first.result));
    const steady = await timed(() => runPlanner(deps, now));
    console.log(passLine('pass 2 (same instant)', steady.ms, steady.result));
    if (steady.result.tasksCreated > 0)
      console.log('WARNING: the steady-state pass created tasks; planning is not idempotent.');
    const quiet: number[] = [];
    for (let minute = 1; minute <= quietPasses; minute++) {
      const pass = await timed(() => runPlanner(deps, new Date(now.getTime() + minute * 60_000)));
      console.log(passLine(`quiet pass, minute +${minute}`, pass.ms, pass.result));
      quiet.push(pass.ms);
    }
    console.log(memoryLine('memory after planning'));

    const [stored] = await db.select({ n: count() }).from(tasks);
    console.log(`tasks stored: ${stored?.n ?? 0} (${((stored?.n ?? 0) / accountCount).toFixed(1)} per account)`);
    const sorted = [...quiet].sort((a, b) => a - b);
    return {
      engine: engine.name,
      accounts: accountCount,
      firstMs: first.ms,
      tasks: stored?.n ?? 0,
      quietMedianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
      quietMaxMs: sorted.at(-1) ?? 0,
    };
  } finally {
    await handle?.close();
  }
}

function scalesFromEnv(): number[] {
  const raw = process.env.BENCH_SCALES ?? '1000,10000,100000';
  const scales = raw.split(',').map((part) => Number(part.trim()));
  if (scales.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(`BENCH_SCALES must be whole numbers separated by commas, not ${JSON.stringify(raw)}`);
  return scales;
}

export default async function run(): Promise<void> {
  const scales = scalesFromEnv();
  const pgliteMax = positiveIntegerFromEnv('BENCH_PGLITE_MAX', 10_000);
  const quietPasses = positiveIntegerFromEnv('BENCH_QUIET_PASSES', 5);
  // On a whole minute, as the every-minute job runs.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const figures: Figures[] = [];
  for (const engine of benchDatabases()) {
    for (const accountCount of scales) {
      if (engine.name.startsWith('PGlite') && accountCount > pgliteMax) continue;
      figures.push(await benchOn(engine, accountCount, now, quietPasses));
    }
  }
  console.log(
    '\nengine                        accounts   first pass   tasks created   quiet pass median   quiet pass max',
  );
  for (const f of figures) {
    console.log(
      `${f.engine.padEnd(28)} ${String(f.accounts).padStart(9)} ${formatMs(f.firstMs).padStart(12)} ${String(f.tasks).padStart(15)} ` +
        `${formatMs(f.quietMedianMs).padStart(19)} ${formatMs(f.quietMaxMs).padStart(16)}`,
    );
  }
  console.log(
    'targets: quiet pass PostgreSQL 10,000 < 100 ms and 100,000 < 1 s, PGlite 10,000 < 1 s; first pass 10,000 on PostgreSQL < 20 s',
  );
}
