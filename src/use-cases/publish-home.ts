import type { AccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import type { HomeView } from '../slack/block-kit';
import type { TaskRepository } from '../tasks/task-repository';
import { buildAppHome } from '../views/app-home';

const RECENT_ACTIVITIES = 10;

export interface HomePublisher {
  views: { publish(args: { user_id: string; view: HomeView }): Promise<unknown> };
}

export interface PublishHomeDeps {
  accounts: AccountRepository;
  activities: ActivityRepository;
  tasks: TaskRepository;
  timeZone: string;
  slack: HomePublisher;
}

/**
 * Publishes a person's Home tab: their open tasks and what they logged lately, in three queries
 * whatever the number of accounts. `notice` answers a click made on the Home itself, where an
 * ephemeral message has no conversation to appear in.
 */
export async function publishHome(
  deps: PublishHomeDeps,
  request: { userId: string; notice?: string },
  now: Date,
): Promise<void> {
  const [recent, openTasks] = await Promise.all([
    deps.activities.listLoggedBy(request.userId, RECENT_ACTIVITIES),
    deps.tasks.listActive({ forUser: request.userId }, now),
  ]);
  const names = await deps.accounts.namesByIds(recent.map((activity) => activity.accountId));
  await deps.slack.views.publish({
    user_id: request.userId,
    view: buildAppHome(
      recent.map((activity) => ({ activity, accountName: names.get(activity.accountId) ?? 'Unknown account' })),
      openTasks,
      { now, timeZone: deps.timeZone, ...(request.notice ? { notice: request.notice } : {}) },
    ),
  });
}
