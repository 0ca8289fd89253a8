import type { AcceleratorRepository } from '../accelerators/accelerator-repository';
import type { AccountRepository } from '../accounts/account-repository';
import { dayIn } from '../domain/calendar-day';
import { isAdmin } from '../domain/permissions';
import { acceleratorsInProgress, cadenceStatus, tasksForHome } from '../home/home-rules';
import type { HomeView, KnownBlock } from '../slack/block-kit';
import type { TaskRepository } from '../tasks/task-repository';
import { buildAppHome, HOME_BLOCK_LIMIT, HOME_BLOCKS_BESIDES_TEAM } from '../views/app-home';

export interface HomePublisher {
  views: { publish(args: { user_id: string; view: HomeView }): Promise<unknown> };
}

/** The CS admins' team view, fitted into `maxBlocks` (see src/reports/team-view.ts). */
export type TeamViewBlocks = (now: Date, maxBlocks: number) => Promise<KnownBlock[]>;

export interface PublishHomeDeps {
  accounts: Pick<AccountRepository, 'listForMember'>;
  accelerators: Pick<AcceleratorRepository, 'listProgressForAccounts'>;
  tasks: Pick<TaskRepository, 'listActive'>;
  timeZone: string;
  admins: readonly string[];
  teamView?: TeamViewBlocks | undefined;
  slack: HomePublisher;
}

/**
 * Publishes a person's Home tab in a constant number of queries, whatever the number of accounts:
 * their active tasks, the accounts they are on the team of (with last touch and cadence status),
 * the accelerators running on those, and for a CS admin the team view. `notice` answers a click
 * made on the Home itself, where an ephemeral message has no conversation to appear in;
 * `accountsOffset` is the page of accounts asked for.
 */
export async function publishHome(
  deps: PublishHomeDeps,
  request: { userId: string; notice?: string; accountsOffset?: number },
  now: Date,
): Promise<void> {
  const admin = deps.teamView !== undefined && isAdmin(request.userId, deps.admins);
  const [active, accounts, team] = await Promise.all([
    deps.tasks.listActive({ forUser: request.userId }, now),
    deps.accounts.listForMember(request.userId),
    admin && deps.teamView ? deps.teamView(now, HOME_BLOCK_LIMIT - HOME_BLOCKS_BESIDES_TEAM - 1) : null,
  ]);
  const successServices = accounts.filter((account) => account.successServices);
  const progress = await deps.accelerators.listProgressForAccounts(successServices.map((account) => account.id));
  await deps.slack.views.publish({
    user_id: request.userId,
    view: buildAppHome(
      {
        tasks: tasksForHome(active, now, deps.timeZone),
        activeCount: active.length,
        accounts: accounts.map((account) => ({ ...account, cadence: cadenceStatus(account, now) })),
        accountsOffset: request.accountsOffset ?? 0,
        accelerators: acceleratorsInProgress(successServices, progress, dayIn(now, deps.timeZone)),
        team,
      },
      { now, timeZone: deps.timeZone, ...(request.notice ? { notice: request.notice } : {}) },
    ),
  });
}
