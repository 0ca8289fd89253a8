import { z } from 'zod';
import { hasControlCharacters } from '../domain/control-characters';
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

const SAY_WHY = `Say why in 1 to ${REASON_MAX_LENGTH} characters.`;

/** The reason someone gives: what fits the modal's input, with nothing PostgreSQL refuses (NUL). */
const reasonSchema = z
  .string(SAY_WHY)
  .trim()
  .min(1, SAY_WHY)
  .max(REASON_MAX_LENGTH, SAY_WHY)
  .refine(
    (reason) => !hasControlCharacters(reason),
    'The reason contains a control character (such as NUL); remove it.',
  );

export type NotNeededOutcome =
  | { outcome: 'closed' | 'already_closed'; message: string }
  /** The same submission again (a replay within the signing window): nothing changed, and it was answered. */
  | { outcome: 'replayed' };

export type MarkNotNeededResult =
  | { ok: false; error: string }
  | {
      ok: true;
      /**
       * The second phase, for after Slack's ack: closes the task and updates its messages. `message`
       * tells the person what happened (the task may have closed meanwhile).
       */
      close(now: Date): Promise<NotNeededOutcome>;
    };

/**
 * The "Not needed" modal's submission, in two phases because a refusal must travel in the ack as
 * the modal's field error (plain text): the checks first, the closing after the ack. The closing
 * is written once per `requestKey`.
 */
export async function markTaskNotNeeded(
  deps: TaskAccessDeps & { reminders: Pick<RemindersService, 'markNotNeeded' | 'tasksShownOn'> },
  request: TaskButtonClick & { reason: unknown; requestKey: string },
): Promise<MarkNotNeededResult> {
  const parsed = reasonSchema.safeParse(request.reason);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? SAY_WHY };
  const reason = parsed.data;
  const allowed = await taskToChange(deps, request, 'notNeeded', 'plain');
  if (!allowed.ok) return { ok: false, error: allowed.message };
  const { task } = allowed;
  return {
    ok: true,
    async close(now) {
      const change = await deps.reminders.markNotNeeded(
        task.id,
        request.userId,
        reason,
        now,
        request.requestKey,
        request.clicked,
      );
      if (change === 'replayed') return { outcome: 'replayed' };
      return change === 'changed'
        ? { outcome: 'closed', message: 'Marked not needed.' }
        : {
            outcome: 'already_closed',
            message: `*${escapeMrkdwn(task.title)}* was already closed, so nothing changed.`,
          };
    },
  };
}
