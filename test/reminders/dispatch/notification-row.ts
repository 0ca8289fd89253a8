import type { NotificationRow } from '../../../src/reminders/dispatch/types';

/**
 * A claimed outbox row for the pure dispatch tests: a task_opened message, being sent, queued
 * when it fell due; `overrides` change what a test is about.
 */
export function notificationRow(
  overrides: Partial<NotificationRow> & Pick<NotificationRow, 'key' | 'dueAt' | 'claimedAt'>,
): NotificationRow {
  return {
    id: overrides.key,
    kind: 'task_opened',
    accountId: null,
    taskIds: [],
    recipientUser: null,
    channelId: null,
    status: 'sending',
    attempts: 1,
    notBefore: null,
    claimedBy: 'test',
    claimBackendPid: null,
    claimBackendStart: null,
    sentChannel: null,
    sentTs: null,
    sentAt: null,
    late: false,
    lastError: null,
    createdAt: overrides.dueAt,
    ...overrides,
  };
}
