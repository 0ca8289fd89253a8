import type { Logger } from '@slack/bolt';
import type { AcceleratorRepository } from './accelerators/accelerator-repository';
import type { AccountRepository } from './accounts/account-repository';
import type { ActivityRepository } from './activities/activity-repository';
import type { RemindersService } from './reminders/reminders-service';
import type { AfterAck } from './slack/after-ack-queue';
import type { HomeRefresher } from './slack/home-refresher';
import type { TaskRepository } from './tasks/task-repository';
import type { TeamViewBlocks } from './use-cases/publish-home';

/** What the Slack listeners need; built once in the composition root (src/slack/create-app.ts). */
export interface AppDeps {
  accounts: AccountRepository;
  accelerators: AcceleratorRepository;
  activities: ActivityRepository;
  timeZone: string;
  admins: string[];
  /** The clock, injected so tests can fix "today". */
  now: () => Date;
  logger: Logger;
  tasks: TaskRepository;
  reminders: RemindersService;
  /** The CS admins' team view for their Home (see src/reports/team-view.ts). */
  teamView?: TeamViewBlocks;
  /** Publishes Homes: at once for a click on one, shortly after a change for everyone it touched. */
  homes: HomeRefresher;
  /** Where a listener runs what follows its ack (see src/slack/after-ack-queue.ts). */
  afterAck: AfterAck;
}
