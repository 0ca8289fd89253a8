import { dayIn, formatDay } from '../domain/calendar-day';
import type { SnoozeChoice } from '../domain/task';
import type { RemindersService } from '../reminders/reminders-service';
import { type TaskAccessDeps, type TaskButtonClick, taskToChange } from './task-access';

export type SnoozeTaskResult = { ok: true; until: Date; message: string } | { ok: false; message: string };

/**
 * "Snooze" on a task: hides it for the chosen time and shows who snoozed it on its messages, for
 * the account's team and the CS admins. `message` tells the clicker what happened or why not.
 */
export async function snoozeTask(
  deps: TaskAccessDeps & { reminders: Pick<RemindersService, 'snooze' | 'tasksShownOn'>; timeZone: string },
  request: TaskButtonClick & { choice: SnoozeChoice },
  now: Date,
): Promise<SnoozeTaskResult> {
  const allowed = await taskToChange(deps, request, 'snooze');
  if (!allowed.ok) return allowed;
  const until = await deps.reminders.snooze(request.taskId, request.userId, request.choice, now, request.clicked);
  if (!until) return { ok: false, message: 'That task is already closed, so there is nothing to snooze.' };
  return { ok: true, until, message: `:zzz: Snoozed until ${formatDay(dayIn(until, deps.timeZone))}.` };
}
