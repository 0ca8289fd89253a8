import type { AccountRepository } from '../accounts/account-repository';
import type { Account } from '../domain/account';
import { type AccountChange, mayChangeAccount, whoMayChangeAccount } from '../domain/permissions';
import type { MessageRef, RemindersService } from '../reminders/reminders-service';
import type { TaskRepository, TaskWithAccount } from '../tasks/task-repository';
import { NOT_ON_THIS_MESSAGE, refusalText } from '../views/permission-messages';

export const TASK_GONE = 'That task no longer exists.';

export interface TaskAccessDeps {
  accounts: Pick<AccountRepository, 'findById'>;
  tasks: Pick<TaskRepository, 'findById'>;
  reminders: Pick<RemindersService, 'tasksShownOn'>;
  admins: readonly string[];
}

export interface TaskButtonClick {
  taskId: string;
  /** Slack's verified id of the person who clicked. */
  userId: string;
  /** The channel or DM message the button sits on; none on the App Home or an ephemeral message. */
  clicked?: MessageRef | undefined;
}

/**
 * The task a button names, when the button may name it: clicked on a message, the task must be
 * one that message shows, so a value copied from another account's message changes nothing.
 */
export async function taskOfButton(
  deps: Omit<TaskAccessDeps, 'accounts' | 'admins'>,
  click: Pick<TaskButtonClick, 'taskId' | 'clicked'>,
): Promise<{ ok: true; task: TaskWithAccount } | { ok: false; message: string }> {
  if (click.clicked && !(await deps.reminders.tasksShownOn(click.clicked)).includes(click.taskId)) {
    return { ok: false, message: NOT_ON_THIS_MESSAGE };
  }
  const task = await deps.tasks.findById(click.taskId);
  return task ? { ok: true, task } : { ok: false, message: TASK_GONE };
}

/**
 * The task a person wants to snooze or close, with its account, when they may: the button sits on
 * the message (see taskOfButton) and they are on the account's team or a CS admin. A refusal names
 * who may, in mrkdwn for a message or plain text for a modal's field error.
 */
export async function taskToChange(
  deps: TaskAccessDeps,
  click: TaskButtonClick,
  change: AccountChange,
  format: 'mrkdwn' | 'plain' = 'mrkdwn',
): Promise<{ ok: true; task: TaskWithAccount; account: Account } | { ok: false; message: string }> {
  const found = await taskOfButton(deps, click);
  if (!found.ok) return found;
  const account = await deps.accounts.findById(found.task.accountId);
  if (!account) return { ok: false, message: TASK_GONE };
  if (!mayChangeAccount(click.userId, account, deps.admins)) {
    return { ok: false, message: refusalText(whoMayChangeAccount(account, deps.admins, change), format) };
  }
  return { ok: true, task: found.task, account };
}
