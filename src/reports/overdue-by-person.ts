/** Who has overdue tasks, how many and since when: the team view's first list. */
import { isTaskOverdue } from '../domain/task';
import type { ReportTask } from '../tasks/task-repository';

export interface OverdueByPerson {
  /** Who the tasks are for; null for tasks of a role nobody holds on their account. */
  user: string | null;
  count: number;
  /** When the oldest of them fell due. */
  oldestDue: Date;
}

/**
 * Overdue as the daily DM counts it (active and past due at `now`; a task snoozed past `now` is
 * not), grouped by person, the longest overdue first.
 */
export function overdueByPerson(tasks: readonly ReportTask[], now: Date): OverdueByPerson[] {
  const byUser = new Map<string | null, OverdueByPerson>();
  for (const task of tasks) {
    if (!isTaskOverdue(task, now)) continue;
    const seen = byUser.get(task.forUser);
    if (!seen) byUser.set(task.forUser, { user: task.forUser, count: 1, oldestDue: task.dueAt });
    else {
      seen.count += 1;
      if (task.dueAt < seen.oldestDue) seen.oldestDue = task.dueAt;
    }
  }
  return [...byUser.values()].sort(
    (a, b) => a.oldestDue.getTime() - b.oldestDue.getTime() || (a.user ?? '').localeCompare(b.user ?? ''),
  );
}
