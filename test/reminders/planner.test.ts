import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository';
import type { DatabaseHandle } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import { accounts, notifications, slackUsers, tasks } from '../../src/db/schema';
import { createPlannerDeps, type PlannerDeps, runPlanner } from '../../src/reminders/run-planner';
import { accountFixture } from '../support/e2e-context';
import { createPostgresDatabaseUrl, testDatabases } from '../support/test-databases';

const CSM = 'U0CSM00001';
const TRACKED_SINCE = new Date('2026-01-01T00:00:00Z');

describe.each(testDatabases())('the planner on $name', (engine) => {
  let handle: DatabaseHandle;
  let deps: PlannerDeps;

  beforeEach(async () => {
    handle = await engine.create();
    deps = createPlannerDeps({ db: handle.db, slack: null, timeZone: 'Europe/Berlin' });
  });
  afterEach(async () => {
    await handle.close();
  });

  async function addAccount(overrides: Parameters<typeof accountFixture>[0]) {
    const account = await deps.accounts.create(accountFixture(overrides));
    // As if cs-bot had tracked the account since New Year, so fixed 2026 dates are not "history".
    await handle.db.update(accounts).set({ createdAt: TRACKED_SINCE }).where(eq(accounts.id, account.id));
    return account;
  }

  const taskCount = async () => (await handle.db.select({ n: count() }).from(tasks))[0]?.n ?? 0;
  const notificationCount = async () => (await handle.db.select({ n: count() }).from(notifications))[0]?.n ?? 0;

  it('creates the tasks that have opened, queues one channel message each, and creates nothing new on a second pass at the same instant', async () => {
    await addAccount({
      name: 'Acme',
      channelId: 'C0ACME0001',
      contractStart: '2026-03-02',
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    const now = new Date('2026-03-06T10:00:00Z');
    const first = await runPlanner(deps, now);
    expect(first.tasksCreated).toBeGreaterThan(0);
    expect(first.messagesQueued).toBe(first.tasksCreated);
    const stored = await handle.db.select().from(tasks);
    expect(stored.map((task) => task.ruleId)).toContain('onboarding.personal_introduction');
    expect(stored.every((task) => task.opensAt <= now)).toBe(true);

    const again = await runPlanner(deps, now);
    expect(again).toMatchObject({ tasksCreated: 0, messagesQueued: 0, tasksCompleted: 0, tasksClosed: 0 });
    expect(await taskCount()).toBe(stored.length);
    expect(await notificationCount()).toBe(first.messagesQueued + first.digestsQueued);
  });

  it('completes a task when its activity is logged and never reminds about it again', async () => {
    const acme = await addAccount({
      name: 'Acme',
      channelId: 'C0ACME0001',
      contractStart: '2026-03-02',
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    await runPlanner(deps, new Date('2026-03-06T10:00:00Z'));
    await deps.activities.insert({
      accountId: acme.id,
      type: 'onboarding_milestone',
      occurredOn: '2026-03-06',
      loggedBy: CSM,
      participants: [],
      notes: '',
      renewalOutcome: null,
      acceleratorType: null,
      contentModule: null,
    });
    const report = await runPlanner(deps, new Date('2026-03-06T11:00:00Z'));
    expect(report.tasksCompleted).toBe(1);
    const done = await handle.db.select().from(tasks).where(eq(tasks.status, 'done'));
    expect(done.map((task) => task.ruleId)).toEqual(['onboarding.welcome']);
  });

  it('skips one-time tasks that were already due before cs-bot knew the account, but keeps recurring clocks', async () => {
    const account = await deps.accounts.create(
      accountFixture({
        name: 'Old Co',
        channelId: 'C0OLDCO001',
        contractStart: '2024-01-10',
        csmSegment: 'Strategic',
        priority: 'PR1',
        team: [{ role: 'CSM', slackUserId: CSM }],
      }),
    );
    await handle.db
      .update(accounts)
      .set({ createdAt: new Date('2026-03-01T00:00:00Z') })
      .where(eq(accounts.id, account.id));
    await runPlanner(deps, new Date('2026-03-02T10:00:00Z'));
    const ruleIds = (await handle.db.select().from(tasks)).map((task) => task.ruleId);
    expect(ruleIds.filter((id) => id.startsWith('onboarding.') || id.startsWith('handoff.'))).toEqual([]);
    expect(ruleIds).toContain('cadence.strategic_pr1');
  });

  it('closes the open tasks of a closed account', async () => {
    const acme = await addAccount({
      name: 'Acme',
      channelId: 'C0ACME0001',
      contractStart: '2026-03-02',
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    const first = await runPlanner(deps, new Date('2026-03-06T10:00:00Z'));
    await deps.accounts.close(acme.id);
    const report = await runPlanner(deps, new Date('2026-03-06T10:01:00Z'));
    expect(report.tasksClosed).toBe(first.tasksCreated);
    const statuses = (await handle.db.select().from(tasks)).map((task) => task.status);
    expect(new Set(statuses)).toEqual(new Set(['closed']));
  });

  it('queues one overdue DM a working day at 09:00 in each person’s own zone, and none on a Saturday', async () => {
    const berliner = 'U0BERLIN01';
    const newYorker = 'U0NEWYORK1';
    await handle.db.insert(slackUsers).values([
      { userId: berliner, timeZone: 'Europe/Berlin', fetchedAt: new Date('2030-01-01T00:00:00Z') },
      { userId: newYorker, timeZone: 'America/New_York', fetchedAt: new Date('2030-01-01T00:00:00Z') },
    ]);
    await addAccount({
      name: 'Berlin Co',
      contractStart: '2026-03-02',
      team: [{ role: 'CSM', slackUserId: berliner }],
    });
    await addAccount({ name: 'NY Co', contractStart: '2026-03-02', team: [{ role: 'CSM', slackUserId: newYorker }] });
    // Welcome (due 2026-03-03) is overdue for both by Wednesday 2026-03-04.
    const digestKeys = async () =>
      (await handle.db.select().from(notifications).where(eq(notifications.kind, 'overdue_digest')))
        .map((row) => row.key)
        .sort();

    await runPlanner(deps, new Date('2026-03-04T08:30:00Z')); // 09:30 Berlin, 03:30 New York
    expect(await digestKeys()).toEqual([`overdue_digest:${berliner}:2026-03-04`]);
    await runPlanner(deps, new Date('2026-03-04T14:05:00Z')); // 09:05 New York
    expect(await digestKeys()).toEqual([
      `overdue_digest:${berliner}:2026-03-04`,
      `overdue_digest:${newYorker}:2026-03-04`,
    ]);
    await runPlanner(deps, new Date('2026-03-04T16:00:00Z'));
    expect(await digestKeys()).toHaveLength(2);

    await runPlanner(deps, new Date('2026-03-07T12:00:00Z')); // Saturday everywhere
    expect(await digestKeys()).toHaveLength(2);
    const [berlinDigest] = await handle.db
      .select()
      .from(notifications)
      .where(eq(notifications.key, `overdue_digest:${berliner}:2026-03-04`));
    expect(berlinDigest?.dueAt).toEqual(new Date('2026-03-04T08:00:00Z'));
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('two planners on one PostgreSQL at once', () => {
  it('create each task and each message exactly once', async () => {
    const target = await createPostgresDatabaseUrl(process.env.TEST_DATABASE_URL!);
    const first = await openDatabase({ kind: 'postgres', url: target.url });
    const second = await openDatabase({ kind: 'postgres', url: target.url });
    try {
      await migrate(first.db);
      const repository = createAccountRepository({ db: first.db });
      for (let i = 0; i < 30; i += 1) {
        await repository.create(
          accountFixture({
            name: `Replica ${i}`,
            channelId: `C0REPLICA${i}`,
            contractStart: '2026-03-02',
            team: [{ role: 'CSM', slackUserId: CSM }],
          }),
        );
      }
      await first.db.update(accounts).set({ createdAt: TRACKED_SINCE });
      const depsFor = (db: DatabaseHandle['db']) => createPlannerDeps({ db, slack: null, timeZone: 'UTC' });
      const now = new Date('2026-03-10T10:00:00Z');
      const [a, b] = await Promise.all([runPlanner(depsFor(first.db), now), runPlanner(depsFor(second.db), now)]);
      const stored = await first.db.select().from(tasks);
      const queued = await first.db.select().from(notifications).where(eq(notifications.kind, 'task_opened'));
      expect(a.tasksCreated + b.tasksCreated).toBe(stored.length);
      expect(queued).toHaveLength(stored.filter((task) => task.status === 'open').length);
      expect(new Set(queued.map((row) => row.taskIds[0])).size).toBe(queued.length);
    } finally {
      await first.close();
      await second.close();
      await target.drop();
    }
  });
});
