import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository';
import { createActivityRepository } from '../../src/activities/activity-repository';
import type { DatabaseHandle } from '../../src/db/database';
import type { HomeView } from '../../src/slack/block-kit';
import { createTaskRepository } from '../../src/tasks/task-repository';
import { type PublishHomeDeps, publishHome } from '../../src/use-cases/publish-home';
import { accountFixture } from '../support/e2e-context';
import { testDatabases } from '../support/test-databases';

const CSM = 'U0HOMECSM1';
const NOW = new Date('2026-11-30T12:00:00Z');

/** Wraps a repository so every call is counted: each method is one query. */
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

  async function logOnAccounts(count: number, prefix: string): Promise<void> {
    const accounts = createAccountRepository({ db: handle.db });
    const activities = createActivityRepository({ db: handle.db });
    for (let i = 0; i < count; i += 1) {
      const account = await accounts.create(accountFixture({ name: `${prefix} ${i}` }));
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
    }
  }

  async function publishCounting(): Promise<{ calls: string[]; view: HomeView }> {
    const calls: string[] = [];
    const published: HomeView[] = [];
    const deps: PublishHomeDeps = {
      accounts: counted(createAccountRepository({ db: handle.db }), calls),
      activities: counted(createActivityRepository({ db: handle.db }), calls),
      tasks: counted(createTaskRepository({ db: handle.db }), calls),
      timeZone: 'UTC',
      slack: { views: { publish: async ({ view }) => published.push(view) } },
    };
    await publishHome(deps, { userId: CSM }, NOW);
    const [view] = published;
    if (!view) throw new Error('publishHome published nothing');
    return { calls, view };
  }

  it('reads the same three queries for a person whose recent work spans one account or ten', async () => {
    await logOnAccounts(1, 'Solo');
    const one = await publishCounting();
    await logOnAccounts(9, 'Many');
    const ten = await publishCounting();

    expect(one.calls.sort()).toEqual(['listActive', 'listLoggedBy', 'namesByIds']);
    expect(ten.calls.sort()).toEqual(one.calls);
    const text = JSON.stringify(ten.view.blocks);
    for (let i = 0; i < 9; i += 1) expect(text).toContain(`Many ${i}`);
  });
});
