/**
 * How long a planner pass takes over a realistic book of accounts, on PGlite and (with
 * BENCH_DATABASE_URL) PostgreSQL. The second pass, at the same instant, is the steady state that
 * runs every minute in production: it creates nothing, yet must finish well inside the minute.
 *
 *   BENCH_ACCOUNTS=2000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- planner
 */
import { count } from 'drizzle-orm';
import { createAccountRepository } from '../src/accounts/account-repository';
import { createActivityRepository } from '../src/activities/activity-repository';
import type { Database, DatabaseHandle } from '../src/db/database';
import { tasks } from '../src/db/schema';
import { dayIn } from '../src/domain/calendar-day';
import { type PlannerDeps, type PlannerReport, runPlanner } from '../src/reminders/run-planner';
import { createUserTimeZones } from '../src/reminders/user-time-zones';
import { createTaskRepository } from '../src/tasks/task-repository';
import { type BenchDatabase, benchDatabases } from './support/bench-databases';
import { formatMs, memoryLine, positiveIntegerFromEnv, timed } from './support/measure';
import { seedPortfolio } from './support/seed-portfolio';
import { syntheticPortfolio } from './support/synthetic-portfolio';

const TEAM_ZONE = 'Europe/Berlin';
/** The planner runs once a minute, so a pass that takes longer falls behind for good. */
const BUDGET_MS = 60_000;

function plannerDeps(db: Database): PlannerDeps {
  return {
    db,
    accounts: createAccountRepository({ db }),
    activities: createActivityRepository({ db }),
    tasks: createTaskRepository({ db }),
    timeZone: TEAM_ZONE,
    timeZonesOf: createUserTimeZones({ db, slack: null, fallbackZone: TEAM_ZONE }),
  };
}

function passLine(label: string, ms: number, report: PlannerReport): string {
  const perAccount = report.accounts > 0 ? ms / report.accounts : 0;
  return (
    `${label.padEnd(28)} ${formatMs(ms).padStart(10)}   ${perAccount.toFixed(2).padStart(6)} ms/account   ` +
    `created ${report.tasksCreated}, completed ${report.tasksCompleted}, closed ${report.tasksClosed}, ` +
    `messages ${report.messagesQueued}, digests ${report.digestsQueued}`
  );
}

async function benchOn(engine: BenchDatabase, accountCount: number, now: Date): Promise<void> {
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

    const deps = plannerDeps(db);
    const first = await timed(() => runPlanner(deps, now));
    console.log(passLine('pass 1 (creates everything)', first.ms, first.result));
    const steady = await timed(() => runPlanner(deps, now));
    console.log(passLine('pass 2 (same instant)', steady.ms, steady.result));
    const later = await timed(() => runPlanner(deps, new Date(now.getTime() + 60_000)));
    console.log(passLine('pass 3 (one minute later)', later.ms, later.result));
    console.log(memoryLine('memory after planning'));

    const [stored] = await db.select({ n: count() }).from(tasks);
    console.log(`tasks stored: ${stored?.n ?? 0} (${((stored?.n ?? 0) / accountCount).toFixed(1)} per account)`);
    if (steady.result.tasksCreated > 0)
      console.log('WARNING: the steady-state pass created tasks; planning is not idempotent.');
    const share = (steady.ms / BUDGET_MS) * 100;
    const verdict = steady.ms < BUDGET_MS ? 'fits in' : 'DOES NOT FIT in';
    console.log(
      `steady state: ${formatMs(steady.ms)} per pass ${verdict} the ${BUDGET_MS / 1000} s budget (${share.toFixed(1)}% of it); ` +
        `at this rate a minute covers about ${Math.floor((BUDGET_MS / steady.ms) * accountCount)} accounts`,
    );
  } finally {
    await handle?.close();
  }
}

export default async function run(): Promise<void> {
  const accountCount = positiveIntegerFromEnv('BENCH_ACCOUNTS', 2000);
  // On a whole minute, as the every-minute job runs.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  for (const engine of benchDatabases()) await benchOn(engine, accountCount, now);
}
