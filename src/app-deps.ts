import type { Logger } from '@slack/bolt';
import type { AcceleratorRepository } from './accelerators/accelerator-repository';
import type { AccountRepository } from './accounts/account-repository';
import type { ActivityRepository } from './activities/activity-repository';
import type { RemindersService } from './reminders/reminders-service';
import type { AfterAck } from './slack/after-ack-queue';
import type { TaskRepository } from './tasks/task-repository';

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
  /** Where a listener runs what follows its ack (see src/slack/after-ack-queue.ts). */
  afterAck: AfterAck;
}
