import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository';
import { createActivityRepository } from '../../src/activities/activity-repository';
import type { Database, DatabaseHandle } from '../../src/db/database';
import { tasks } from '../../src/db/schema';
import { loadTeamView, type TeamView } from '../../src/reports/team-view';
import type { KnownBlock } from '../../src/slack/block-kit';
import { teamViewBlocks, teamViewText } from '../../src/views/team-view-blocks';
import { accountFixture } from '../support/e2e-context';
import { expectWithinSlackLimits } from '../support/slack-limits';
import { type TestDatabase, testDatabases } from '../support/test-databases';

const NOW = new Date('2026-12-02T12:00:00Z');
const ZONE = 'Europe/Berlin';
const CSMS = ['U0CSM00001', 'U0CSM00002', 'U0CSM00003', 'U0CSM00004'];
const csmOf = (i: number) => CSMS[i % 4] ?? '';
const ACCOUNTS = 200;
const index = (i: number) => String(i).padStart(3, '0');

/**
 * 200 active accounts, "Account 000" to "Account 199", and one closed account that would be on
 * every list. Account i: CSM number i mod 4; Strategic below 100, Growth from 100; contract start
 * 15 Jan 2026 (contract year 15 Jan 2026 – 14 Jan 2027); renewal 15 Jan 2027 (44 days ahead) when
 * i mod 4 = 0, else 15 Jun 2027 (beyond 120 days).
 */
async function seed(db: Database): Promise<void> {
  const accounts = createAccountRepository({ db });
  const activities = createActivityRepository({ db });
  await accounts.createMany(
    Array.from({ length: ACCOUNTS }, (_, i) =>
      accountFixture({
        name: `Account ${index(i)}`,
        csmSegment: i < 100 ? 'Strategic' : 'Growth',
        contractStart: '2026-01-15',
        renewalDate: i % 4 === 0 ? '2027-01-15' : '2027-06-15',
        team: [{ role: 'CSM', slackUserId: csmOf(i) }],
      }),
    ),
  );
  const closed = await accounts.create(
    accountFixture({
      name: 'Closed Co',
      csmSegment: 'Strategic',
      contractStart: '2026-01-15',
      renewalDate: '2027-01-15',
      team: [{ role: 'CSM', slackUserId: csmOf(0) }],
    }),
  );
  await accounts.close(closed.id);
  const byName = new Map((await accounts.listActiveForReports()).map((account) => [account.name, account.id]));
  const id = (i: number) => byName.get(`Account ${index(i)}`) ?? '';
  const log = (i: number, type: 'ebr' | 'call' | 'renewal_call', occurredOn: string) =>
    activities.insert({
      accountId: id(i),
      type,
      occurredOn,
      loggedBy: csmOf(i),
      participants: [],
      notes: '',
      renewalOutcome: type === 'renewal_call' ? 'at_risk' : null,
      acceleratorType: null,
      contentModule: null,
    });
  for (let i = 0; i < ACCOUNTS; i += 1) {
    // Every fifth account had a touch on 25 Nov: an EBR when Strategic, a call when Growth.
    if (i % 5 === 0) await log(i, i < 100 ? 'ebr' : 'call', '2026-11-25');
    // Every eighth (all renewing on 15 Jan) asked the renewal question on 20 Nov (the window opened 15 Sep).
    if (i % 8 === 0) await log(i, 'renewal_call', '2026-11-20');
  }
  const task = (accountId: string, key: string, forUser: string | null, dueAt: Date) => ({
    accountId,
    ruleId: 'onboarding.welcome',
    periodKey: key,
    title: 'Welcome',
    forRole: 'CSM' as const,
    forUser,
    opensAt: new Date('2026-10-01T00:00:00Z'),
    dueAt,
  });
  await db.insert(tasks).values([
    // Accounts 0–29 each have one overdue task for their CSM, due 1 Nov + i days.
    ...Array.from({ length: 30 }, (_, i) => task(id(i), `overdue-${i}`, csmOf(i), new Date(Date.UTC(2026, 10, 1 + i)))),
    task(id(199), 'unassigned', null, new Date('2026-11-20T00:00:00Z')),
    task(id(0), 'later', csmOf(0), new Date('2026-12-10T00:00:00Z')),
    task(closed.id, 'closed', csmOf(0), new Date('2026-10-15T00:00:00Z')),
  ]);
}

/** The database with its top-level reads counted: a query builder starts at `select` or `execute`. */
function counting(db: Database): { db: Database; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'select' || property === 'execute') reads += 1;
      return Reflect.get(target, property, receiver);
    },
  });
  return { db: proxy, reads: () => reads };
}

const sectionTexts = (blocks: KnownBlock[]) =>
  blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));

describe.each(testDatabases())('the team view on $name', (engine: TestDatabase) => {
  let database: DatabaseHandle;
  let view: TeamView;

  beforeAll(async () => {
    database = await engine.create();
    const empty = counting(database.db);
    await loadTeamView(empty.db, { now: NOW, timeZone: ZONE });
    await seed(database.db);
    const seeded = counting(database.db);
    view = await loadTeamView(seeded.db, { now: NOW, timeZone: ZONE });
    // The same four reads for no accounts as for 200.
    expect([empty.reads(), seeded.reads()]).toEqual([4, 4]);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('counts overdue tasks by person with the oldest due, leaving out the closed account and tasks not yet due', () => {
    expect(view.today).toBe('2026-12-02');
    // CSM 1 holds accounts 0, 4, …, 28 (8 tasks from 1 Nov), CSM 2 1, 5, …, 29 (8 from 2 Nov),
    // CSM 3 2, …, 26 (7 from 3 Nov), CSM 4 3, …, 27 (7 from 4 Nov); nobody's on account 199, due 20 Nov.
    expect(view.overdueByPerson).toEqual([
      { user: 'U0CSM00001', count: 8, oldestDue: new Date('2026-11-01T00:00:00Z') },
      { user: 'U0CSM00002', count: 8, oldestDue: new Date('2026-11-02T00:00:00Z') },
      { user: 'U0CSM00003', count: 7, oldestDue: new Date('2026-11-03T00:00:00Z') },
      { user: 'U0CSM00004', count: 7, oldestDue: new Date('2026-11-04T00:00:00Z') },
      { user: null, count: 1, oldestDue: new Date('2026-11-20T00:00:00Z') },
    ]);
  });

  it('lists the 50 renewals 44 days ahead, 25 of them asked at risk, and no closed account', () => {
    // i mod 4 = 0 renews on 15 Jan 2027: 50 accounts; i mod 8 = 0 of those were asked: 25.
    expect(view.renewals).toHaveLength(50);
    expect(view.renewals.every((renewal) => renewal.renewalDate === '2027-01-15' && renewal.daysLeft === 44)).toBe(
      true,
    );
    const asked = view.renewals.filter((renewal) => renewal.askedOn !== null);
    expect(asked).toHaveLength(25);
    expect(asked.every((renewal) => renewal.askedOn === '2026-11-20' && renewal.outcome === 'at_risk')).toBe(true);
    expect(view.renewals.map((renewal) => renewal.account.name)).not.toContain('Closed Co');
  });

  it('lists the 80 Strategic accounts without an EBR and the 140 accounts quiet for 30 days', () => {
    // Strategic: accounts 0–99; 20 of them (multiples of 5) held an EBR on 25 Nov.
    expect(view.strategicWithoutEbr).toHaveLength(80);
    expect(view.strategicWithoutEbr[0]?.contractYear).toEqual({
      index: 0,
      firstDay: '2026-01-15',
      lastDay: '2027-01-14',
    });
    // Touched since 2 Nov: 40 multiples of 5 and 25 multiples of 8, 5 of them both (multiples of 40): 60.
    expect(view.quietAccounts).toHaveLength(140);
    expect(view.quietAccounts.every((quiet) => quiet.lastActivityOn === null)).toBe(true);
    expect(view.quietAccounts.map((quiet) => quiet.account.name)).not.toContain('Closed Co');
  });

  it('fits 200 accounts in a message of 50 blocks, each list showing 15 lines and how many more', () => {
    const blocks = teamViewBlocks(view, { maxBlocks: 50 });
    expect(blocks.length).toBeLessThanOrEqual(50);
    expectWithinSlackLimits('message', { blocks });
    const texts = sectionTexts(blocks).join('\n');
    expect(texts).toContain('*Overdue tasks: 31 for 5 people*');
    expect(texts).toContain('• <@U0CSM00001>: 8, the oldest due Sun 1 Nov 2026');
    expect(texts).toContain('*Renewals in the next 120 days: 50 (25 with the renewal question not asked)*');
    expect(texts).toContain('…and 35 more');
    expect(texts).toContain('*Strategic accounts without an EBR this contract year: 80*');
    expect(texts).toContain('…and 65 more');
    expect(texts).toContain('*Accounts with no activity in 30 days: 140*');
    expect(texts).toContain('…and 125 more');
    expect(teamViewText(view)).toBe(
      [
        'Team view, Wed 2 Dec 2026',
        'Overdue tasks: 31 for 5 people',
        'Renewals in the next 120 days: 50 (25 with the renewal question not asked)',
        'Strategic accounts without an EBR this contract year: 80',
        'Accounts with no activity in 30 days: 140',
      ].join('\n'),
    );
  });

  it('keeps within any budget: a block a list at 5, one block of counts below that, nothing at 0', () => {
    const five = teamViewBlocks(view, { maxBlocks: 5 });
    expect(five.map((block) => block.type)).toEqual(['header', 'section', 'section', 'section', 'section']);
    expectWithinSlackLimits('home', { type: 'home', blocks: five });
    const three = teamViewBlocks(view, { maxBlocks: 3 });
    expect(sectionTexts(three)).toEqual([teamViewText(view)]);
    expect(teamViewBlocks(view, { maxBlocks: 0 })).toEqual([]);
  });
});
