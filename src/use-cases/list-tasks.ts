import type { AccountRepository } from '../accounts/account-repository';
import { mayChangeAccount, whoMayChangeAccount } from '../domain/permissions';
import type { KnownBlock } from '../slack/block-kit';
import { contextLine } from '../slack/block-kit-limits';
import { escapeMrkdwn } from '../slack/mrkdwn';
import type { TaskRepository } from '../tasks/task-repository';
import { refusalText } from '../views/permission-messages';
import { taskBlocks, taskListBlocks } from '../views/task-reminder';
import { findTypedAccount } from './find-typed-account';

/**
 * `/cs tasks` (the caller's open and overdue tasks) and `/cs tasks <account>` (an account's),
 * overdue ones first since the list is oldest due first. Someone who may not change the account
 * (not on its team, not a CS admin) sees its tasks without Snooze and Not needed, and who can.
 */
export async function listTasks(
  deps: { accounts: AccountRepository; tasks: TaskRepository; timeZone: string; admins: readonly string[] },
  request: { userId: string; accountName: string | null },
  now: Date,
): Promise<{ text: string; blocks?: KnownBlock[] }> {
  let title: string;
  let tasks: Awaited<ReturnType<TaskRepository['listActive']>>;
  // The caller's own tasks are theirs because they hold the task's role on its account.
  let readOnlyNote: string | null = null;
  if (request.accountName) {
    const found = await findTypedAccount(deps.accounts, request.accountName);
    if ('problem' in found) return { text: found.problem };
    const { account } = found;
    title = `*${escapeMrkdwn(account.name)}*`;
    tasks = await deps.tasks.listActive({ accountId: account.id }, now);
    if (!mayChangeAccount(request.userId, account, deps.admins)) {
      readOnlyNote = refusalText(whoMayChangeAccount(account, deps.admins, 'tasks'));
    }
  } else {
    title = 'You';
    tasks = await deps.tasks.listActive({ forUser: request.userId }, now);
  }
  if (tasks.length === 0) return { text: `${title} ${request.accountName ? 'has' : 'have'} no open tasks. :tada:` };
  const overdue = tasks.filter((task) => task.dueAt <= now).length;
  const summary = `${title} ${request.accountName ? 'has' : 'have'} ${tasks.length} open task${tasks.length === 1 ? '' : 's'}, ${overdue} overdue:`;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: summary } }];
  const render = (task: (typeof tasks)[number]) =>
    taskBlocks(task, {
      now,
      timeZone: deps.timeZone,
      showAccount: !request.accountName,
      canChange: readOnlyNote === null,
    });
  // Oldest due first, so what is left out is due latest; it shows here as these are done.
  blocks.push(...taskListBlocks(tasks, render, ', due later: they show here as these are done or snoozed.'));
  if (readOnlyNote) blocks.push(contextLine(readOnlyNote));
  return { text: summary, blocks };
}
