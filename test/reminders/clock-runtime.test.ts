import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startClockJobs } from '../../jobs/clock-jobs';
import { createAccountRepository } from '../../src/accounts/account-repository';
import type { DatabaseHandle } from '../../src/db/database';
import { accounts, notifications, tasks } from '../../src/db/schema';
import { createClockRuntime } from '../../src/reminders/clock-runtime';
import { createReminderSlackClient, type DispatchReport, reminderKeysOf } from '../../src/reminders/dispatch';
import type { PlannerReport } from '../../src/reminders/run-planner';
import { accountFixture } from '../support/e2e-context';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { testDatabases } from '../support/test-databases';

const CSM = 'U0CSM00001';
const ADMIN = 'U0ADMIN001';

describe.each(testDatabases())('the clocks with the real renderer and dispatcher on $name', (engine) => {
  let handle: DatabaseHandle;
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    handle = await engine.create();
    fake.reset();
  });
  afterEach(async () => {
    await handle.close();
  });

  it('tells whose Homes a pass changed, from the teams of the accounts it synced', async () => {
    const account = await createAccountRepository({ db: handle.db }).create(
      accountFixture({ name: 'Homes Inc', contractStart: '2026-03-02', team: [{ role: 'CSM', slackUserId: CSM }] }),
    );
    await handle.db
      .update(accounts)
      .set({ createdAt: new Date('2026-03-01T00:00:00Z') })
      .where(eq(accounts.id, account.id));
    const runtime = createClockRuntime({ db: handle.db, slack: null, timeZone: 'UTC', admins: [ADMIN] });
    const affected: string[][] = [];
    const jobs = startClockJobs({
      clocks: { plan: (now) => runtime.plan(now), dispatch: null, stopDispatching: async () => {} },
      now: () => new Date('2026-03-02T08:00:00Z'),
      logger: { info: () => {}, error: () => {} },
      onPeopleAffected: (userIds) => affected.push(userIds),
    });
    await jobs.first;
    await jobs.stop();
    expect(affected).toEqual([[CSM]]);
  });

  const runtime = () =>
    createClockRuntime({
      db: handle.db,
      slack: createReminderSlackClient('xoxb-test', { slackApiUrl: fake.url }),
      timeZone: 'UTC',
      admins: [ADMIN],
      dispatcherOptions: { perChannelIntervalMs: 1 },
    });

  async function addAccount(channelId: string) {
    const account = await createAccountRepository({ db: handle.db }).create(
      accountFixture({
        name: `Acct ${channelId}`,
        channelId,
        contractStart: '2026-03-02',
        renewalDate: '2027-03-02',
        team: [{ role: 'CSM', slackUserId: CSM }],
      }),
    );
    await handle.db
      .update(accounts)
      .set({ createdAt: new Date('2026-01-01T00:00:00Z') })
      .where(eq(accounts.id, account.id));
    return account;
  }

  it('sends what was queued before the bot went down once, marked late, combining a channel’s backlog into one message', async () => {
    await addAccount('C0BACKLOG1');
    // The planner queued each onboarding step the moment it opened (as it does every minute), and
    // nothing sent them until mid-April: the bot was down.
    const downUntil = new Date('2026-04-15T10:00:00Z');
    await createClockRuntime({ db: handle.db, slack: null, timeZone: 'UTC', admins: [] }).runPass(downUntil);
    await handle.db.update(notifications).set({ createdAt: sql`${notifications.dueAt}` });
    const report = await runtime().runPass(downUntil);
    const posts = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0BACKLOG1');
    const opened = (await handle.db.select().from(notifications).where(eq(notifications.kind, 'task_opened'))).length;
    expect(opened).toBeGreaterThan(5);
    expect(posts.length).toBeLessThan(opened);
    expect(JSON.stringify(posts[0]?.args.blocks)).toContain('Sent late');
    expect(posts.flatMap((call) => reminderKeysOf(call.args)).sort()).toHaveLength(opened);
    expect(report.dispatch?.late).toBeGreaterThanOrEqual(opened);
    expect(report.dispatch?.combinedMessages).toBeGreaterThan(0);

    const again = await runtime().runPass(new Date('2026-04-15T10:01:00Z'));
    expect(again.dispatch?.sent).toBe(0);
    expect(fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0BACKLOG1')).toHaveLength(
      posts.length,
    );
  });

  it('marks late what opened while the whole bot was down, though the planner queues it only at restart', async () => {
    await addAccount('C0OUTAGE01');
    // Known since New Year, contract from 2 March; nothing ran at all until mid-April.
    const report = await runtime().runPass(new Date('2026-04-15T10:00:00Z'));
    const posts = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0OUTAGE01');
    expect(posts.length).toBeGreaterThan(0);
    expect(JSON.stringify(posts[0]?.args.blocks)).toContain('Sent late');
    expect(report.dispatch?.late).toBeGreaterThan(5);
    expect(report.dispatch?.combinedMessages).toBeGreaterThan(0);
  });

  it('announces the open tasks of an account added after its contract started as news, not as sent late', async () => {
    const now = new Date();
    const threeDaysAgo = new Date(now.getTime() - 3 * 24 * 60 * 60_000).toISOString().slice(0, 10);
    await createAccountRepository({ db: handle.db }).create(
      accountFixture({
        name: 'Acct added today',
        channelId: 'C0ADDEDNOW',
        contractStart: threeDaysAgo,
        team: [{ role: 'CSM', slackUserId: CSM }],
      }),
    );
    // A pass comes after the account was added: its messages are due from then, not before.
    const report = await runtime().runPass(new Date(Date.now() + 1_000));
    const posts = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0ADDEDNOW');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.some((call) => JSON.stringify(call.args.blocks).includes('Sent late'))).toBe(false);
    expect(report.dispatch).toMatchObject({ late: 0, combinedMessages: 0 });
  });

  it('sends reminders for an archived channel to the person’s DM and tells the admin once', async () => {
    fake.addChannel({ id: 'C0ARCHIVED', archived: true });
    const account = await addAccount('C0ARCHIVED');
    await runtime().runPass(new Date('2026-03-02T08:00:00Z'));
    await runtime().runPass(new Date('2026-03-03T08:00:00Z'));
    const [stored] = await handle.db.select().from(accounts).where(eq(accounts.id, account.id));
    expect(stored?.channelBrokenAt).not.toBeNull();
    const csmDm = fake.messagesIn(`D${CSM}`);
    expect(csmDm.length).toBeGreaterThan(0);
    // Tasks for roles nobody holds (AE, SA) fall back to the admins too; the broken-channel notice comes once.
    const notices = fake.messagesIn(`D${ADMIN}`).filter((message) => message.text.includes("I can't post in"));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain("I can't post in <#C0ARCHIVED>");
    expect(notices[0]?.text).toContain('is_archived');
  });

  it('stores on the overdue DM’s row the tasks it listed, so its buttons can refresh exactly those', async () => {
    await addAccount('C0DIGEST01');
    await runtime().runPass(new Date('2026-03-02T08:00:00Z'));
    const report = await runtime().runPass(new Date('2026-03-04T09:30:00Z'));
    const [digest] = await handle.db.select().from(notifications).where(eq(notifications.kind, 'overdue_digest'));
    const overdue = (await handle.db.select().from(tasks)).filter(
      (task) => task.forUser === CSM && task.status === 'open' && task.dueAt <= new Date('2026-03-04T09:30:00Z'),
    );
    expect(report.dispatch?.sent).toBeGreaterThan(0);
    expect(digest).toMatchObject({ status: 'sent', recipientUser: CSM });
    expect(overdue.length).toBeGreaterThan(0);
    expect([...(digest?.taskIds ?? [])].sort()).toEqual(overdue.map((task) => task.id).sort());
  });

  it('does not remind about a task that was closed before its message went out', async () => {
    const account = await addAccount('C0CLOSEDQ1');
    const planOnly = createClockRuntime({ db: handle.db, slack: null, timeZone: 'UTC', admins: [] });
    await planOnly.runPass(new Date('2026-03-02T08:00:00Z'));
    await handle.db.update(tasks).set({ status: 'not_needed' }).where(eq(tasks.accountId, account.id));
    const report = await runtime().runPass(new Date('2026-03-02T08:01:00Z'));
    expect(report.dispatch?.skipped).toBeGreaterThan(0);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('the every-minute clock job', () => {
  const plannerReport: PlannerReport = {
    accounts: 1,
    tasksCreated: 2,
    tasksCompleted: 0,
    tasksClosed: 0,
    messagesQueued: 2,
    digestsQueued: 0,
    completedTaskIds: [],
  };
  const dispatchReport: DispatchReport = {
    claimed: 2,
    sent: 2,
    late: 0,
    combinedMessages: 0,
    recovered: 0,
    skipped: 0,
    rateLimited: 0,
    redirectedToDm: 0,
    brokenChannels: 0,
    failed: 0,
    retried: 0,
  };

  it('plans at start, then wakes the dispatcher, logs what each did, and stops cleanly', async () => {
    const calls: string[] = [];
    const lines: string[] = [];
    const jobs = startClockJobs({
      clocks: {
        plan: async (now) => {
          calls.push(`plan ${now.toISOString()}`);
          return plannerReport;
        },
        dispatch: async (now) => {
          calls.push(`dispatch ${now.toISOString()}`);
          return dispatchReport;
        },
        stopDispatching: async () => {
          calls.push('stop dispatching');
        },
      },
      now: () => new Date('2026-03-02T08:00:00Z'),
      logger: { info: (line) => lines.push(line), error: (line) => lines.push(line) },
    });
    await jobs.first;
    await jobs.dispatched();
    await jobs.stop();
    expect(calls).toEqual(['plan 2026-03-02T08:00:00.000Z', 'dispatch 2026-03-02T08:00:00.000Z', 'stop dispatching']);
    expect(lines).toEqual([
      'Clocks at 2026-03-02T08:00:00.000Z: 2 task(s) opened.',
      'Reminders since 2026-03-02T08:00:00.000Z: 2 message(s) sent.',
    ]);
  });

  it('keeps going after a failed plan, says the next minute will try again, and still sends what is due', async () => {
    const lines: string[] = [];
    let dispatched = 0;
    const jobs = startClockJobs({
      clocks: {
        plan: async () => {
          throw new Error('database away');
        },
        dispatch: async () => {
          dispatched += 1;
          return { ...dispatchReport, sent: 0 };
        },
        stopDispatching: async () => {},
      },
      now: () => new Date(),
      logger: { info: (line) => lines.push(line), error: (line) => lines.push(line) },
    });
    await jobs.first;
    await jobs.stop();
    expect(lines).toEqual(['A clock pass failed; the next minute tries again.']);
    expect(dispatched).toBe(1);
  });
});
