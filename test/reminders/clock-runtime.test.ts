import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startClockJobs } from '../../jobs/clock-jobs';
import { createAccountRepository } from '../../src/accounts/account-repository';
import type { DatabaseHandle } from '../../src/db/database';
import { accounts, notifications, tasks } from '../../src/db/schema';
import { type ClockPassReport, createClockRuntime } from '../../src/reminders/clock-runtime';
import { createReminderSlackClient, reminderKeysOf } from '../../src/reminders/dispatch';
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

  it('sends what fell due while the bot was down once, marked late, combining a channel’s backlog into one message', async () => {
    await addAccount('C0BACKLOG1');
    // Down from before the contract start until mid-April: several onboarding steps fell due meanwhile.
    const report = await runtime().runPass(new Date('2026-04-15T10:00:00Z'));
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
  it('runs a pass at start, logs what it did, and stops cleanly', async () => {
    const passes: Date[] = [];
    const lines: string[] = [];
    const report: ClockPassReport = {
      at: '2026-03-02T08:00:00.000Z',
      planner: {
        accounts: 1,
        tasksCreated: 2,
        tasksCompleted: 0,
        tasksClosed: 0,
        messagesQueued: 2,
        digestsQueued: 0,
        completedTaskIds: [],
      },
      dispatch: null,
    };
    const jobs = startClockJobs({
      runPass: async (now) => {
        passes.push(now);
        return report;
      },
      now: () => new Date('2026-03-02T08:00:00Z'),
      logger: { info: (line) => lines.push(line), error: (line) => lines.push(line) },
    });
    await jobs.first;
    await jobs.stop();
    expect(passes).toEqual([new Date('2026-03-02T08:00:00Z')]);
    expect(lines).toEqual(['Clocks at 2026-03-02T08:00:00.000Z: 2 task(s) opened.']);
  });

  it('keeps going after a failed pass and says the next minute will try again', async () => {
    const lines: string[] = [];
    const jobs = startClockJobs({
      runPass: async () => {
        throw new Error('database away');
      },
      now: () => new Date(),
      logger: { info: (line) => lines.push(line), error: (line) => lines.push(line) },
    });
    await jobs.first;
    await jobs.stop();
    expect(lines).toEqual(['A clock pass failed; the next minute tries again.']);
  });
});
