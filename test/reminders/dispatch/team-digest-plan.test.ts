import { describe, expect, it } from 'vitest';
import type { NotificationKind } from '../../../src/domain/task';
import { planMessages } from '../../../src/reminders/dispatch/plan-messages';
import type { NotificationRow } from '../../../src/reminders/dispatch/types';
import { notificationRow } from './notification-row';

const NOW = new Date('2026-03-04T09:00:00Z');
const OPTIONS = { lateAfterMs: 10 * 60_000, combineLateOver: 5 };

function row(key: string, kind: NotificationKind, minutesAgo: number): NotificationRow {
  const dueAt = new Date(NOW.getTime() - minutesAgo * 60_000);
  return notificationRow({ key, kind, channelId: 'C0REPORT01', dueAt, claimedAt: NOW });
}

describe('planning the team digest among late reminders', () => {
  it('sends a late team digest as a message of its own, marked late and in due order, while six late reminders in its channel combine', () => {
    const rows = [
      row('team-digest:2026-03-02', 'team_digest', 2 * 24 * 60),
      ...[1, 2, 3, 4, 5, 6].map((n) => row(`task_opened:${n}`, 'task_opened', 60 + n)),
    ];
    const plan = planMessages(
      rows.map((r) => ({ row: r, channel: 'C0REPORT01' })),
      NOW,
      OPTIONS,
    );
    const messages = plan.get('C0REPORT01') ?? [];
    // Oldest due first, as a channel's backlog always goes: the digest was due two days ago.
    expect(messages.map((message) => ({ keys: message.rows.map((r) => r.key), late: message.late }))).toEqual([
      { keys: ['team-digest:2026-03-02'], late: true },
      {
        keys: ['task_opened:6', 'task_opened:5', 'task_opened:4', 'task_opened:3', 'task_opened:2', 'task_opened:1'],
        late: true,
      },
    ]);
  });

  it('does not let the team digest tip five late reminders over the threshold for combining', () => {
    const rows = [
      row('team-digest:2026-03-02', 'team_digest', 2 * 24 * 60),
      ...[1, 2, 3, 4, 5].map((n) => row(`task_opened:${n}`, 'task_opened', 60 + n)),
    ];
    const messages = planMessages(
      rows.map((r) => ({ row: r, channel: 'C0REPORT01' })),
      NOW,
      OPTIONS,
    ).get('C0REPORT01');
    expect(messages?.map((message) => message.rows.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(messages?.every((message) => message.late && !message.combined)).toBe(true);
  });
});
