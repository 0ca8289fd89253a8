import { isCompleted, type PlannedTask } from '../clocks/plan-tasks';
import type { StoredTaskKey } from '../domain/task';

/** The changes that bring an account's stored tasks in line with its plan. */
export interface TaskDiff {
  inserts: PlannedTask[];
  completions: Array<{ id: string; activityId: string | null; acceleratorId: string | null }>;
  /** Done tasks the plan no longer sees completed: their activity was deleted or edited away. */
  reopenings: Array<{ id: string; task: PlannedTask }>;
  reassignments: Array<{ id: string; forUser: string | null }>;
  closures: string[];
}

const keyOf = (task: { ruleId: string; periodKey: string }) => `${task.ruleId}|${task.periodKey}`;
const isOpen = (task: StoredTaskKey) => task.status === 'open' || task.status === 'snoozed';

/**
 * Compares the plan with what is stored. Pure, so the planner can skip an account whose tasks
 * already match (most accounts, most minutes) without opening a transaction.
 */
export function diffTasks(planned: readonly PlannedTask[], stored: readonly StoredTaskKey[]): TaskDiff {
  const diff: TaskDiff = { inserts: [], completions: [], reopenings: [], reassignments: [], closures: [] };
  const storedByKey = new Map(stored.map((task) => [keyOf(task), task]));
  const plannedKeys = new Set<string>();
  for (const task of planned) {
    plannedKeys.add(keyOf(task));
    const existing = storedByKey.get(keyOf(task));
    if (!existing) {
      diff.inserts.push(task);
    } else if (isOpen(existing) && isCompleted(task)) {
      diff.completions.push({
        id: existing.id,
        activityId: task.completedByActivityId,
        acceleratorId: task.completedByAcceleratorId,
      });
    } else if (existing.status === 'done' && !isCompleted(task)) {
      // Only a correction takes an activity away, so only then does a done task lose its match.
      diff.reopenings.push({ id: existing.id, task });
    } else if (isOpen(existing) && existing.forUser !== task.forUserId) {
      // The account team changed: the task follows whoever holds the role now.
      diff.reassignments.push({ id: existing.id, forUser: task.forUserId });
    }
  }
  for (const task of stored) {
    if (isOpen(task) && !plannedKeys.has(keyOf(task))) diff.closures.push(task.id);
  }
  return diff;
}

export function isEmptyDiff(diff: TaskDiff): boolean {
  return (
    diff.inserts.length +
      diff.completions.length +
      diff.reopenings.length +
      diff.reassignments.length +
      diff.closures.length ===
    0
  );
}
