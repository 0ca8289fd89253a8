import type { RemindersService } from '../reminders/reminders-service';
import type { ModalView } from '../slack/block-kit';
import { escapeMrkdwn } from '../slack/mrkdwn';
import { buildNotNeededModal, REASON_MAX_LENGTH } from '../views/not-needed-modal';
import { type TaskAccessDeps, type TaskButtonClick, taskToChange } from './task-access';

/** "Not needed" clicked: the modal that asks why, for the account's team and the CS admins. */
export async function notNeededModalFor(
  deps: TaskAccessDeps,
  request: TaskButtonClick & { fromHome: boolean },
): Promise<{ ok: true; view: ModalView } | { ok: false; message: string }> {
  const allowed = await taskToChange(deps, request, 'notNeeded');
  if (!allowed.ok) return allowed;
  const { task } = allowed;
  if (task.status !== 'open' && task.status !== 'snoozed') {
    return { ok: false, message: `*${escapeMrkdwn(task.title)}* is already closed.` };
  }
  return {
    ok: true,
    view: buildNotNeededModal(task, {
      taskId: task.id,
      ...request.clicked,
      ...(request.fromHome ? { fromHome: true } : {}),
    }),
  };
}

export type MarkNotNeededResult =
  | { ok: false; error: string }
  | {
      ok: true;
      /**
       * The second phase, for after Slack's ack: closes the task and updates its messages. `message`
       * tells the person what happened (the task may have closed meanwhile).
       */
      close(now: Date): Promise<{ closed: boolean; message: string }>;
    };

/**
 * The "Not needed" modal's submission, in two phases because a refusal must travel in the ack as
 * the modal's field error (plain text): the checks first, the closing after the ack.
 */
export async function markTaskNotNeeded(
  deps: TaskAccessDeps & { reminders: Pick<RemindersService, 'markNotNeeded' | 'tasksShownOn'> },
  request: TaskButtonClick & { reason: string },
): Promise<MarkNotNeededResult> {
  const reason = request.reason.trim();
  if (!reason || reason.length > REASON_MAX_LENGTH) {
    return { ok: false, error: `Say why in 1 to ${REASON_MAX_LENGTH} characters.` };
  }
  const allowed = await taskToChange(deps, request, 'notNeeded', 'plain');
  if (!allowed.ok) return { ok: false, error: allowed.message };
  const { task } = allowed;
  return {
    ok: true,
    async close(now) {
      const closed = await deps.reminders.markNotNeeded(task.id, request.userId, reason, now, request.clicked);
      return closed
        ? { closed, message: 'Marked not needed.' }
        : { closed, message: `*${escapeMrkdwn(task.title)}* was already closed, so nothing changed.` };
    },
  };
}
