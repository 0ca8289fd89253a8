import { createAccountRepository } from '../accounts/account-repository';
import { createActivityRepository } from '../activities/activity-repository';
import { accountNameKey } from '../domain/account';
import { dayIn } from '../domain/calendar-day';
import { type CliCommand, type CommandContext, noArguments } from './command';
import { DEMO_USERS, demoAccounts } from './demo-accounts';

function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

async function seedDemo({ db, stdout, now, timeZone, demoChannelId }: CommandContext): Promise<number> {
  const today = dayIn(now(), timeZone);
  const demo = demoAccounts(today, demoChannelId);
  const existingNames = await createAccountRepository({ db }).findExistingNames(demo.map((d) => d.account.name));
  const existing = new Set(existingNames.map(accountNameKey));

  let createdAccounts = 0;
  let createdActivities = 0;
  for (const { account, activities } of demo) {
    if (existing.has(accountNameKey(account.name))) {
      stdout(`${account.name}: already there, skipped.`);
      continue;
    }
    // One transaction per account, so a failure never leaves an account without its timeline
    // (which a second run, skipping the account by name, could not repair).
    await db.transaction(async (tx) => {
      const created = await createAccountRepository({ db: tx }).create(account);
      const activityRepository = createActivityRepository({ db: tx });
      for (const activity of activities) await activityRepository.insert({ ...activity, accountId: created.id });
    });
    createdAccounts += 1;
    createdActivities += activities.length;
    stdout(
      `${account.name}: created (${account.csmSegment ?? '-'} ${account.priority}, ${account.health}, ` +
        `contract start ${account.contractStart ?? '-'}, renewal ${account.renewalDate ?? '-'}, ` +
        `${countOf(activities.length, 'activity', 'activities')}${account.channelId ? `, channel ${account.channelId}` : ''}).`,
    );
  }

  if (createdAccounts === 0) {
    stdout(`All ${demo.length} demo accounts are already there; nothing was created.`);
    return 0;
  }
  stdout(
    `Created ${countOf(createdAccounts, 'account', 'accounts')} and ${countOf(createdActivities, 'activity', 'activities')}.`,
  );
  stdout(
    `The team members are placeholder Slack user ids (${Object.values(DEMO_USERS).join(', ')}); ` +
      'replace them with real people before relying on reminders.',
  );
  if (!demoChannelId) {
    stdout('The demo accounts have no channel; set CS_DEMO_CHANNEL=C... before seeding to give the first one yours.');
  }
  return 0;
}

export const seedDemoCommand: CliCommand = {
  words: ['seed-demo'],
  summary: 'Create a few demo accounts with activities (skips any that already exist).',
  prepare: noArguments(seedDemo),
};
