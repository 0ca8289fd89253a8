import { dayIn, formatDay } from '../domain/calendar-day';
import type { SnoozeChoice } from '../domain/task';
import type { RemindersService } from '../reminders/reminders-service';
import { type TaskAccessDeps, type TaskButtonClick, taskToChange } from './task-access';

export type SnoozeTaskResult =
  | { ok: true; until: Date; message: string }
  | { ok: false; message: string }
  /** The same click again (a replay within the signing window): nothing changed, and it was answered. */
  | { ok: 'replayed' };

/**
 * "Snooze" on a task: hides it for the chosen time and shows who snoozed it on its messages, for
 * the account's team and the CS admins. `message` tells the clicker what happened or why not.
 * Written once per `requestKey`, so a replay cannot push the snooze later or refresh the messages again.
 */
export async function snoozeTask(
  deps: TaskAccessDeps & { reminders: Pick<RemindersService, 'snooze' | 'tasksShownOn'>; timeZone: string },
  request: TaskButtonClick & { choice: SnoozeChoice; requestKey: string },
  now: Date,
): Promise<SnoozeTaskResult> {
  const allowed = await taskToChange(deps, request, 'snooze');
  if (!allowed.ok) return allowed;
  const { change, until } = await deps.reminders.snooze(
    request.taskId,
    request.userId,
    request.choice,
    now,
    request.requestKey,
    request.clicked,
  );
  if (change === 'replayed') return { ok: 'replayed' };
  if (change === 'already_closed') {
    return { ok: false, message: 'That task is already closed, so there is nothing to snooze.' };
  }
  return { ok: true, until, message: `:zzz: Snoozed until ${formatDay(dayIn(until, deps.timeZone))}.` };
}
