import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcceleratorRepository } from '../../src/accelerators/accelerator-repository';
import { createAccountRepository } from '../../src/accounts/account-repository';
import { createActivityRepository } from '../../src/activities/activity-repository';
import type { DatabaseHandle } from '../../src/db/database';
import { tasks } from '../../src/db/schema';
import type { HomeView } from '../../src/slack/block-kit';
import { createTaskRepository } from '../../src/tasks/task-repository';
import { type PublishHomeDeps, publishHome } from '../../src/use-cases/publish-home';
import { HOME_ACCOUNTS_PAGE_ACTION } from '../../src/views/app-home';
import { accountFixture } from '../support/e2e-context';
import { expectWithinSlackLimits } from '../support/slack-limits';
import { testDatabases } from '../support/test-databases';

const CSM = 'U0HOMECSM1';
const CSA = 'U0HOMECSA1';
/** Monday 30 November 2026, noon UTC: this week ends at the start of Monday 7 December. */
const NOW = new Date('2026-11-30T12:00:00Z');

/** Wraps a repository so every call is counted. */
function counted<T extends object>(repository: T, calls: string[]): T {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return value.apply(target, args);
      };
    },
  });
}

describe.each(testDatabases())('publishHome on $name', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await engine.create();
  });
  afterAll(() => handle.close());

  /** `count` accounts with the CSM on their team: every tenth Strategic PR1 and Success Services. */
  async function accountsOfCsm(count: number, prefix: string): Promise<void> {
    const accounts = createAccountRepository({ db: handle.db });
    const activities = createActivityRepository({ db: handle.db });
    const accelerators = createAcceleratorRepository({ db: handle.db });
    for (let i = 0; i < count; i += 1) {
      const strategic = i % 10 === 0;
      const account = await accounts.create(
        accountFixture({
          name: `${prefix} ${String(i).padStart(3, '0')}`,
          csmSegment: strategic ? 'Strategic' : 'Scale',
          priority: strategic ? 'PR1' : 'PR3',
          contractStart: '2026-01-31',
          renewalDate: '2027-01-31',
          successServices: strategic,
          team: [
            { role: 'CSM', slackUserId: CSM },
            { role: 'CSA', slackUserId: CSA },
          ],
        }),
      );
      await activities.insert({
        accountId: account.id,
        type: 'call',
        occurredOn: '2026-11-27',
        loggedBy: CSM,
        participants: [],
        notes: `Call ${i}`,
        renewalOutcome: null,
        acceleratorType: null,
        contentModule: null,
      });
      if (strategic) {
        await accelerators.startOnce(
          {
            accountId: account.id,
            type: 'CI',
            contentModule: null,
            startsOn: '2026-11-16',
            csaUserId: CSA,
            startedBy: CSA,
          },
          () => null,
          { requestKey: `test:${account.id}`, now: NOW },
        );
        // Cadence due on Sunday 29 November: overdue by Monday noon.
        await handle.db.insert(tasks).values({
          accountId: account.id,
          ruleId: 'cadence.strategic_pr1',
          periodKey: '2026-11-15',
          title: 'Cadence call',
          forRole: 'CSM',
          forUser: CSM,
          opensAt: new Date('2026-11-22T00:00:00Z'),
          dueAt: new Date('2026-11-29T00:00:00Z'),
        });
      }
    }
  }

  async function publishCounting(userId = CSM): Promise<{ calls: string[]; view: HomeView }> {
    const calls: string[] = [];
    const published: HomeView[] = [];
    const deps: PublishHomeDeps = {
      accounts: counted(createAccountRepository({ db: handle.db }), calls),
      accelerators: counted(createAcceleratorRepository({ db: handle.db }), calls),
      tasks: counted(createTaskRepository({ db: handle.db }), calls),
      timeZone: 'UTC',
      admins: ['U0SOMEADM1'],
      slack: { views: { publish: async ({ view }) => published.push(view) } },
    };
    await publishHome(deps, { userId }, NOW);
    const [view] = published;
    if (!view) throw new Error('publishHome published nothing');
    return { calls, view };
  }

  it('reads the same three things for a person with one account or two hundred, and stays within the block limit', async () => {
    await accountsOfCsm(1, 'Solo');
    const one = await publishCounting();
    await accountsOfCsm(199, 'Many');
    const many = await publishCounting();

    expect(one.calls.sort()).toEqual(['listActive', 'listForMember', 'listProgressForAccounts']);
    expect(many.calls.sort()).toEqual(one.calls);
    expectWithinSlackLimits('home', many.view);
    expect(many.view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(many.view.blocks);
    // 200 accounts by name: "Many 000".."Many 198", then "Solo 000"; the first page shows 20.
    expect(text).toContain('*My accounts* (200, 1–20 shown)');
    const accountsShown = text.slice(text.indexOf('*My accounts*'), text.indexOf('*Accelerators in progress*'));
    expect(accountsShown).toContain('Many 019');
    expect(accountsShown).not.toContain('Many 020');
    expect(text).toContain(HOME_ACCOUNTS_PAGE_ACTION);
    // Many 000 and Many 010 are Strategic PR1 with an overdue cadence task; Many 001 has no cadence clock.
    expect(text).toContain(
      '*Many 000* · PR1 · renews Sun 31 Jan 2027 · last touch Fri 27 Nov 2026 · :red_circle: cadence call overdue',
    );
    expect(text).toContain('*Many 001* · PR3 · renews Sun 31 Jan 2027 · last touch Fri 27 Nov 2026\\n• ');
    // 21 Strategic accounts (Solo 000 and every tenth Many) run an accelerator started 16 November (week 3): the Home lists 10.
    expect(text).toContain('*Accelerators in progress*');
    expect(text).toContain('*Many 000* · CI · <@U0HOMECSA1> · Week 3 of 12: Execution');
    expect(text).toContain('…and 11 more"');
    // Their 21 overdue cadence tasks are this week's work: ten shown, the rest counted.
    expect(text).toContain('(21, 21 overdue)');
    expect(text).toContain('…and 11 more: `/cs tasks` lists them.');
  });
});
