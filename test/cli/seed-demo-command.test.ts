import { describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository';
import { createActivityRepository } from '../../src/activities/activity-repository';
import { testDatabases } from '../support/test-databases';
import { countAccounts, countActivities, runAgainst } from './cli-harness';

describe.each(testDatabases())('npm run cs -- seed-demo on $name', (engine) => {
  it('creates demo accounts with their activities, and a second run creates nothing new', async () => {
    const handle = await engine.create();
    try {
      const first = await runAgainst(handle, ['seed-demo']);
      expect(first.code).toBe(0);
      expect(first.stderr).toEqual([]);
      const accountCount = await countAccounts(handle.db);
      const activityCount = await countActivities(handle.db);
      expect(accountCount).toBeGreaterThanOrEqual(4);
      expect(accountCount).toBeLessThanOrEqual(6);
      expect(activityCount).toBeGreaterThanOrEqual(6);
      expect(first.stdout).toContain(`Created ${accountCount} accounts and ${activityCount} activities.`);
      expect(first.stdout.join('\n')).toMatch(/placeholder Slack user ids/);

      const second = await runAgainst(handle, ['seed-demo']);
      expect(second.code).toBe(0);
      expect(second.stdout.filter((line) => line.endsWith(': already there, skipped.'))).toHaveLength(accountCount);
      expect(second.stdout.at(-1)).toBe(`All ${accountCount} demo accounts are already there; nothing was created.`);
      expect(await countAccounts(handle.db)).toBe(accountCount);
      expect(await countActivities(handle.db)).toBe(activityCount);
    } finally {
      await handle.close();
    }
  });

  it('dates the demo from today in the team time zone and covers the segments and activity kinds', async () => {
    const handle = await engine.create();
    try {
      // 23:30 UTC on 14 March is already 15 March in Berlin.
      await runAgainst(handle, ['seed-demo'], { now: () => new Date('2026-03-14T23:30:00Z') });
      const accounts = await createAccountRepository({ db: handle.db }).listActive();
      const activityRepository = createActivityRepository({ db: handle.db });
      const activities = (await Promise.all(accounts.map((a) => activityRepository.listForAccount(a.id)))).flat();

      expect(accounts.map((a) => a.contractStart)).toContain('2026-03-12');
      expect(accounts.find((a) => a.contractStart === '2025-07-15')?.renewalDate).toBe('2026-07-15');
      expect(new Set(accounts.map((a) => a.csmSegment))).toEqual(new Set(['Strategic', 'Growth', 'Scale', 'Digital']));
      const strategicPr1 = accounts.find(
        (a) => a.csmSegment === 'Strategic' && a.successServices && a.health !== 'red',
      );
      expect(strategicPr1?.team.map((m) => m.role)).toEqual(expect.arrayContaining(['CSM', 'CSA', 'ASE']));
      expect(accounts.filter((a) => a.health === 'red').every((a) => a.priority === 'PR1')).toBe(true);
      expect(accounts.some((a) => a.health === 'red')).toBe(true);
      expect(accounts.every((a) => a.channelId === null)).toBe(true);

      const types = new Set(activities.map((a) => a.type));
      for (const type of ['cadence_call', 'ebr', 'csa_engagement', 'renewal_call'] as const)
        expect(types).toContain(type);
      const engagement = activities.find((a) => a.type === 'csa_engagement');
      expect(engagement?.acceleratorType).not.toBeNull();
      expect(engagement?.contentModule).not.toBeNull();
      expect(activities.filter((a) => a.type === 'renewal_call').every((a) => a.renewalOutcome !== null)).toBe(true);
      expect(activities.every((a) => a.occurredOn <= '2026-03-15')).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('puts the first demo account in the demo channel when one is given', async () => {
    const handle = await engine.create();
    try {
      const run = await runAgainst(handle, ['seed-demo'], { demoChannelId: 'C0DEMOCHAN1' });
      expect(run.code).toBe(0);
      const accounts = await createAccountRepository({ db: handle.db }).listActive();
      expect(accounts.filter((a) => a.channelId === 'C0DEMOCHAN1')).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });
});
