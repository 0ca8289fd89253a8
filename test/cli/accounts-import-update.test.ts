import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository';
import { accountChanges, tasks } from '../../src/db/schema';
import { createReminderSlackClient } from '../../src/reminders/dispatch';
import { createPlannerDeps, runPlanner } from '../../src/reminders/run-planner';
import { DATES_CHANGED } from '../../src/use-cases/edit-account';
import { accountFixture } from '../support/e2e-context';
import { startFakeSlack } from '../support/fake-slack';
import { isoDay } from '../support/reminder-fixture';
import { testDatabases } from '../support/test-databases';
import { runAgainst, TIME_ZONE, withDatabase } from './cli-harness';

describe.each(testDatabases())('npm run cs -- accounts import --update on $name', (engine) => {
  it('changes only the columns the file has on the accounts it names, and records each change as by "cli"', async () => {
    await withDatabase(engine, async (handle) => {
      const repository = createAccountRepository({ db: handle.db });
      const acme = await repository.create(
        accountFixture({
          name: 'Acme Corp',
          csmSegment: 'Scale',
          contractStart: '2026-01-10',
          renewalDate: '2027-01-10',
          team: [
            { role: 'CSM', slackUserId: 'U0ACMECSM1' },
            { role: 'ASE', slackUserId: 'U0ACMEASE1' },
          ],
        }),
      );
      await repository.create(accountFixture({ name: 'Globex', health: 'yellow' }));
      const csv = ['name,csm_segment,health,csm', 'acme corp,Strategic,green,U0ACMECSM2', 'Globex,,red,'].join('\n');
      const run = await runAgainst(handle, ['accounts', 'import', '--update', 'crm.csv'], {
        files: { 'crm.csv': csv },
      });
      expect(run).toEqual({ code: 0, stdout: ['Updated 2 of 2 account(s) (4 field(s) changed).'], stderr: [] });

      expect(await repository.findById(acme.id)).toMatchObject({
        name: 'Acme Corp',
        csmSegment: 'Strategic',
        renewalDate: '2027-01-10',
        team: expect.arrayContaining([
          { role: 'CSM', slackUserId: 'U0ACMECSM2' },
          { role: 'ASE', slackUserId: 'U0ACMEASE1' },
        ]),
      });
      expect((await repository.matchByName('Globex')).exact).toMatchObject({ health: 'red', priority: 'PR1' });
      const recorded = await handle.db.select().from(accountChanges).where(eq(accountChanges.accountId, acme.id));
      expect(
        recorded.map(({ field, oldValue, newValue, changedBy }) => ({ field, oldValue, newValue, changedBy })),
      ).toEqual(
        expect.arrayContaining([
          { field: 'csmSegment', oldValue: 'Scale', newValue: 'Strategic', changedBy: 'cli' },
          { field: 'team.CSM', oldValue: 'U0ACMECSM1', newValue: 'U0ACMECSM2', changedBy: 'cli' },
        ]),
      );
      expect(recorded).toHaveLength(2);
    });
  });

  it('reports rows naming no account, and rows that break the account rules, by line and updates nothing', async () => {
    await withDatabase(engine, async (handle) => {
      const repository = createAccountRepository({ db: handle.db });
      const acme = await repository.create(accountFixture({ name: 'Acme Corp', contractStart: '2026-01-10' }));
      const csv = ['name,renewal_date,health', 'Acme Corp,2025-12-01,yellow', '', 'Nobody Inc,,green'].join('\n');
      const run = await runAgainst(handle, ['accounts', 'import', '--update', 'crm.csv'], {
        files: { 'crm.csv': csv },
      });
      expect(run).toEqual({
        code: 1,
        stdout: [],
        stderr: [
          'line 2: The renewal date must be after the contract start.',
          'line 4: no account is named "Nobody Inc"; import it without --update to create it',
          'Nothing was updated.',
        ],
      });
      expect(await repository.findById(acme.id)).toMatchObject({ health: 'green', renewalDate: null });
      expect(await handle.db.select().from(accountChanges)).toEqual([]);
    });
  });

  it('replans an updated account at once: tasks that no longer fit its new dates close with the reason "dates changed"', async () => {
    await withDatabase(engine, async (handle) => {
      const repository = createAccountRepository({ db: handle.db });
      const acme = await repository.create(
        accountFixture({
          name: 'Acme Corp',
          contractStart: isoDay(-7),
          renewalDate: isoDay(358),
          team: [{ role: 'CSM', slackUserId: 'U0ACMECSM1' }],
        }),
      );
      // The planner opens no task before cs-bot knew the account, so this test runs on today's clock.
      const now = new Date();
      await runPlanner(createPlannerDeps({ db: handle.db, slack: null, timeZone: TIME_ZONE }), now);
      const before = await handle.db.select().from(tasks).where(eq(tasks.accountId, acme.id));
      const openBefore = before.filter((task) => task.status === 'open');
      expect(openBefore.length).toBeGreaterThan(0);

      const csv = ['name,contract_start,renewal_date', 'Acme Corp,2026-09-01,2027-09-01'].join('\n');
      const run = await runAgainst(handle, ['accounts', 'import', '--update', 'crm.csv'], {
        files: { 'crm.csv': csv },
      });
      expect(run.code).toBe(0);
      const after = await handle.db.select().from(tasks).where(eq(tasks.accountId, acme.id));
      const closed = after.filter((task) => openBefore.some((open) => open.id === task.id) && task.status === 'closed');
      expect(closed.length).toBeGreaterThan(0);
      for (const task of closed) expect(task.resolvedReason).toBe(DATES_CHANGED);
    });
  });

  it('with a Slack token, tells the channel of a new CSM and updates the moved tasks’ messages to name them', async () => {
    const fake = await startFakeSlack();
    try {
      await withDatabase(engine, async (handle) => {
        fake.addChannel({ id: 'C0ACMEIMP1', name: 'acme-import' });
        const repository = createAccountRepository({ db: handle.db });
        const acme = await repository.create(
          accountFixture({
            name: 'Acme Corp',
            channelId: 'C0ACMEIMP1',
            contractStart: isoDay(-1),
            renewalDate: isoDay(364),
            team: [{ role: 'CSM', slackUserId: 'U0ACMECSM1' }],
          }),
        );
        const now = new Date();
        const slack = () => createReminderSlackClient('xoxb-test-token', { slackApiUrl: fake.url });
        expect((await runAgainst(handle, ['sweep'], { now: () => now, slack })).code).toBe(0);
        const reminders = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0ACMEIMP1');
        expect(reminders.length).toBeGreaterThan(0);
        const postsBefore = fake.callsTo('chat.postMessage').length;

        const csv = ['name,csm', 'Acme Corp,U0ACMECSM2'].join('\n');
        const run = await runAgainst(handle, ['accounts', 'import', '--update', 'crm.csv'], {
          files: { 'crm.csv': csv },
          now: () => now,
          slack,
        });
        expect(run).toMatchObject({ code: 0, stderr: [] });
        const announcement = fake
          .callsTo('chat.postMessage')
          .slice(postsBefore)
          .find((call) => call.args.channel === 'C0ACMEIMP1' && String(call.args.text).includes('made'));
        expect(announcement?.args.text).toBe(
          ":busts_in_silhouette: An accounts import made <@U0ACMECSM2> the CSM of *Acme Corp* (was <@U0ACMECSM1>); the CSM's open tasks go to <@U0ACMECSM2>.",
        );
        const updates = fake.callsTo('chat.update');
        expect(updates.length).toBeGreaterThan(0);
        for (const update of updates) expect(JSON.stringify(update.args.blocks)).toContain('U0ACMECSM2');
        const open = (await handle.db.select().from(tasks).where(eq(tasks.accountId, acme.id))).filter(
          (task) => task.forRole === 'CSM' && task.status === 'open',
        );
        expect(open.length).toBeGreaterThan(0);
        for (const task of open) expect(task.forUser).toBe('U0ACMECSM2');
      });
    } finally {
      await fake.close();
    }
  });
});
