import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository';
import type { DatabaseHandle } from '../../src/db/database';
import { accounts, notifications, tasks } from '../../src/db/schema';
import { createClockRuntime } from '../../src/reminders/clock-runtime';
import { runPlanner } from '../../src/reminders/run-planner';
import { accountFixture } from '../support/e2e-context';
import { testDatabases } from '../support/test-databases';
import { runAgainst } from './cli-harness';

describe.each(testDatabases())('sweep and accounts close on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.create();
    const account = await createAccountRepository({ db: handle.db }).create(
      accountFixture({
        name: 'Initrode',
        channelId: 'C0INITRODE',
        contractStart: '2026-04-01',
        team: [{ role: 'CSM', slackUserId: 'U0CSM00001' }],
      }),
    );
    await handle.db
      .update(accounts)
      .set({ createdAt: new Date('2026-03-01T00:00:00Z') })
      .where(eq(accounts.id, account.id));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('previews a sweep as JSON lines and writes nothing', async () => {
    const run = await runAgainst(handle, ['sweep', '--at', '2026-04-01T07:00:00Z', '--dry-run', '--json']);
    expect(run.code).toBe(0);
    const lines = run.stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual({
      account: 'Initrode',
      rule: 'onboarding.welcome',
      opens_at: '2026-03-31T22:00:00.000Z',
      due_at: '2026-04-01T22:00:00.000Z',
      for: 'U0CSM00001',
      message: 'task_opened',
    });
    expect(lines.at(-1)).toEqual({
      summary: { accounts_planned: 1, tasks_created: 4, messages_queued: 4, messages_sent: 0, ms: expect.any(Number) },
    });
    expect(await handle.db.select().from(tasks)).toHaveLength(0);
    expect(await handle.db.select().from(notifications)).toHaveLength(0);
  });

  it('plans only accounts whose replan instant has come, and every account with --full', async () => {
    await handle.db.update(accounts).set({ replanAt: new Date('2027-01-01T00:00:00Z') });
    onTestFinished(() =>
      handle.db
        .update(accounts)
        .set({ replanAt: new Date(0) })
        .then(() => {}),
    );
    const summary = async (args: string[]) =>
      JSON.parse((await runAgainst(handle, args)).stdout.at(-1) ?? '{}').summary as Record<string, number>;
    const at = ['--at', '2026-04-01T07:00:00Z', '--dry-run', '--json'];
    expect(await summary(['sweep', ...at])).toMatchObject({ accounts_planned: 0, tasks_created: 0 });
    expect(await summary(['sweep', '--full', ...at])).toMatchObject({ accounts_planned: 1, tasks_created: 4 });
  });

  it('reads --at=instant the same as --at instant, in any order with the flags', async () => {
    const spaced = await runAgainst(handle, ['sweep', '--at', '2026-04-01T07:00:00Z', '--dry-run', '--json']);
    const joined = await runAgainst(handle, ['sweep', '--json', '--at=2026-04-01T07:00:00Z', '--dry-run']);
    // The summary line ends with how long the pass took, which differs from run to run.
    const withoutTime = (run: typeof spaced) => ({
      ...run,
      stdout: run.stdout.map((line) => line.replace(/"ms":\d+/, '')),
    });
    expect(withoutTime(joined)).toEqual(withoutTime(spaced));
    expect(joined.stdout.length).toBeGreaterThan(1);
  });

  it('previews in plain text too, and says when nothing would happen', async () => {
    const early = await runAgainst(handle, ['sweep', '--at', '2026-03-02T07:00:00Z', '--dry-run']);
    expect(early.stdout).toEqual(['Nothing would happen at 2026-03-02T07:00:00.000Z.']);
    const due = await runAgainst(handle, ['sweep', '--at', '2026-04-01T07:00:00Z', '--dry-run']);
    expect(due.stdout.join('\n')).toContain(
      'Initrode: task onboarding.welcome, due 2026-04-01T22:00:00.000Z, for U0CSM00001 → task_opened message',
    );
    expect(due.stdout.at(-1)).toBe('Dry run: nothing was written or sent.');
  });

  it('refuses a real sweep without a Slack token and an instant without a zone', async () => {
    const noToken = await runAgainst(handle, ['sweep', '--at', '2026-04-01T07:00:00Z']);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr.join('\n')).toContain('needs SLACK_BOT_TOKEN');
    const noZone = await runAgainst(handle, ['sweep', '--at', '2026-04-01T07:00']);
    expect(noZone.code).toBe(2);
    expect(noZone.stderr.join('\n')).toContain('--at needs an ISO instant with a zone');
  });

  it('closes an account and its open tasks with it', async () => {
    await runPlanner(
      createClockRuntime({ db: handle.db, slack: null, timeZone: 'Europe/Berlin', admins: [] }).planner,
      new Date('2026-04-01T07:00:00Z'),
    );
    const open = (await handle.db.select().from(tasks)).filter((task) => task.status === 'open').length;
    expect(open).toBeGreaterThan(0);
    const run = await runAgainst(handle, ['accounts', 'close', 'initrode'], {
      now: () => new Date('2026-04-02T07:00:00Z'),
    });
    expect(run.stdout).toEqual([`Closed Initrode; ${open} open task(s) closed with it.`]);
    expect(new Set((await handle.db.select().from(tasks)).map((task) => task.status))).toEqual(new Set(['closed']));
  });
});
