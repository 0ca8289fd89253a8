/** Task and notification vocabulary (SPEC.md, "Where reminders go"). */
import type { TeamRole } from './account';

/**
 * open: waiting; snoozed: hidden until `snoozedUntil`, then open again; done: closed by the
 * matching activity; not_needed: closed by a person, with why; closed: the account was closed or
 * the clock moved past it. "Overdue" is not stored: an open task past its due time is overdue.
 */
export const TASK_STATUSES = ['open', 'snoozed', 'done', 'not_needed', 'closed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** team_digest: the Monday team view in CS_REPORT_CHANNEL (no account, no recipient, no tasks of its own). */
export const NOTIFICATION_KINDS = ['task_opened', 'overdue_digest', 'channel_broken', 'team_digest'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'skipped', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export interface Task {
  id: string;
  accountId: string;
  ruleId: string;
  periodKey: string;
  title: string;
  forRole: TeamRole;
  forUser: string | null;
  opensAt: Date;
  dueAt: Date;
  status: TaskStatus;
  snoozedUntil: Date | null;
  completedByActivityId: string | null;
  completedByAcceleratorId: string | null;
  resolvedBy: string | null;
  resolvedReason: string | null;
  resolvedAt: Date | null;
}

/** What the planner needs to know of a stored task to compare it with the plan. */
export type StoredTaskKey = Pick<Task, 'id' | 'ruleId' | 'periodKey' | 'status' | 'forUser'>;

/** A task still asks for work: open, or snoozed until a time that has passed. */
export function isActive(task: Pick<Task, 'status' | 'snoozedUntil'>, now: Date): boolean {
  if (task.status === 'open') return true;
  return task.status === 'snoozed' && task.snoozedUntil !== null && task.snoozedUntil <= now;
}

/** Overdue: still active and past its due time. */
export function isTaskOverdue(task: Pick<Task, 'status' | 'snoozedUntil' | 'dueAt'>, now: Date): boolean {
  return isActive(task, now) && task.dueAt <= now;
}

export const SNOOZE_CHOICES = { '1d': 1, '3d': 3, '1w': 7 } as const;
export type SnoozeChoice = keyof typeof SNOOZE_CHOICES;
