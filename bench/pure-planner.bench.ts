/**
 * planTasks alone, with no database: the floor under a planner pass. If a pass is slow while this
 * is fast, the time goes to queries, not to the clock rules.
 */
import { randomUUID } from 'node:crypto';
import { planTasks } from '../src/clocks/plan-tasks';
import type { Account } from '../src/domain/account';
import type { Activity } from '../src/domain/activity';
import { dayIn } from '../src/domain/calendar-day';
import { formatMs, memoryLine, positiveIntegerFromEnv } from './support/measure';
import { syntheticPortfolio } from './support/synthetic-portfolio';

const TEAM_ZONE = 'Europe/Berlin';
// Enough passes for the JIT to settle, so the timed run measures steady code, not compilation.
const WARMUP_ACCOUNTS = 1_000;

interface Timeline {
  account: Account;
  activities: Activity[];
}

function inMemoryBook(accountCount: number, now: Date): Timeline[] {
  const createdAt = new Date(now.getTime() - 86_400_000);
  return syntheticPortfolio(accountCount, dayIn(now, TEAM_ZONE)).map(({ account, activities }) => {
    const id = randomUUID();
    const { employeeCount: _, ...fields } = account;
    return {
      account: { ...fields, id, status: 'active' },
      activities: activities.map((draft) => ({
        ...draft,
        sourceMessageUrl: null,
        acceleratorId: null,
        acceleratorPhase: null,
        id: randomUUID(),
        accountId: id,
        createdAt,
      })),
    };
  });
}

function planAll(book: readonly Timeline[], now: Date): number {
  let planned = 0;
  for (const { account, activities } of book)
    planned += planTasks({ account, activities, now, timeZone: TEAM_ZONE }).length;
  return planned;
}

export default async function run(): Promise<void> {
  const accountCount = positiveIntegerFromEnv('BENCH_PURE_ACCOUNTS', 10_000);
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const book = inMemoryBook(accountCount, now);
  planAll(book.slice(0, WARMUP_ACCOUNTS), now);
  console.log(memoryLine('memory before planning'));

  const started = performance.now();
  const planned = planAll(book, now);
  const ms = performance.now() - started;
  console.log(
    `planTasks over ${accountCount} accounts (${book.reduce((n, t) => n + t.activities.length, 0)} activities): ` +
      `${formatMs(ms)}, ${((ms * 1000) / accountCount).toFixed(1)} µs per account, ${planned} tasks planned`,
  );
  console.log(memoryLine('memory after planning'));
}
