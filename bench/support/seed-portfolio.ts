/**
 * Seeds a synthetic portfolio the way bench/planner.bench.ts does: accounts through the repository,
 * as an import does, and their activities in bulk inserts (the activity trigger marks each account
 * for replanning, which a new account already is).
 */
import { sql } from 'drizzle-orm';
import { createAccountRepository } from '../../src/accounts/account-repository';
import type { Database } from '../../src/db/database';
import { accounts, activities } from '../../src/db/schema';
import type { FakeUserInput } from '../../test/support/fake-slack';
import type { SyntheticAccount } from './synthetic-portfolio';

// Well under PostgreSQL's 65,535 bind parameters for ten columns a row.
const ACTIVITY_CHUNK = 1_000;

/**
 * Returns how many activities it stored. `trackedSince` backdates every account's created_at:
 * cs-bot skips one-time tasks due before it knew an account, so a date before every contract start
 * makes the first pass plan (and send) the full load, the worst case; null keeps "imported just now".
 */
export async function seedPortfolio(
  db: Database,
  portfolio: readonly SyntheticAccount[],
  trackedSince: Date | null,
): Promise<number> {
  await createAccountRepository({ db }).createMany(portfolio.map((entry) => entry.account));
  const ids = new Map(
    (await db.select({ id: accounts.id, name: accounts.name }).from(accounts)).map((row) => [row.name, row.id]),
  );
  const rows = portfolio.flatMap(({ account, activities: drafts }) => {
    const accountId = ids.get(account.name);
    if (!accountId) throw new Error(`Seeded account ${account.name} is missing`);
    return drafts.map((draft) => ({ ...draft, accountId }));
  });
  for (let i = 0; i < rows.length; i += ACTIVITY_CHUNK) {
    await db.insert(activities).values(rows.slice(i, i + ACTIVITY_CHUNK));
  }
  if (trackedSince) await db.update(accounts).set({ createdAt: trackedSince }).where(sql`true`);
  return rows.length;
}

const ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];

/** Every team member of the portfolio as a Slack user the fake knows, spread over a few time zones. */
export function portfolioUsers(
  portfolio: readonly { account: { team: { slackUserId: string }[] } }[],
): FakeUserInput[] {
  const ids = new Set(portfolio.flatMap(({ account }) => account.team.map((member) => member.slackUserId)));
  return [...ids].sort().map((id, index) => ({ id, tz: ZONES[index % ZONES.length] ?? 'UTC' }));
}
