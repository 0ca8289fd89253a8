import type { Logger } from '@slack/bolt';
import type { AccountRepository } from './accounts/account-repository';
import type { ActivityRepository } from './activities/activity-repository';
import type { Account } from './domain/account';
import type { Activity } from './domain/activity';

/** What the Slack listeners need; built once in the composition root (src/slack/create-app.ts). */
export interface AppDeps {
  accounts: AccountRepository;
  activities: ActivityRepository;
  timeZone: string;
  admins: string[];
  /** The clock, injected so tests can fix "today". */
  now: () => Date;
  logger: Logger;
  /** Hook for the clocks: an activity that satisfies an open task completes it. */
  onActivityLogged?: (activity: Activity, account: Account) => Promise<void>;
}
