import { describe, expect, it } from 'vitest';
import { evenChunks, isLate, planMessages, type TargetedRow } from '../../../src/reminders/dispatch/plan-messages';
import type { NotificationRow } from '../../../src/reminders/dispatch/types';
import { notificationRow } from './notification-row';

const NOW = new Date('2025-03-10T09:00:00Z');
const OPTIONS = { lateAfterMs: 10 * 60_000, combineLateOver: 5 };

/** A row due `minutesAgo`, queued when it fell due unless `queuedMinutesAgo` says otherwise. */
function row(key: string, minutesAgo: number, queuedMinutesAgo = minutesAgo): NotificationRow {
  return notificationRow({
    key,
    dueAt: new Date(NOW.getTime() - minutesAgo * 60_000),
    claimedAt: NOW,
    createdAt: new Date(NOW.getTime() - queuedMinutesAgo * 60_000),
  });
}

const inChannel = (channel: string, rows: NotificationRow[]): TargetedRow[] => rows.map((r) => ({ row: r, channel }));
const keysOf = (plan: ReturnType<typeof planMessages>, channel: string) =>
  (plan.get(channel) ?? []).map((message) => message.rows.map((r) => r.key));

describe('planning reminder messages', () => {
  it('counts a row as late only once it is more than the threshold past due', () => {
    expect(isLate(row('edge', 10), NOW, OPTIONS.lateAfterMs)).toBe(false);
    expect(isLate(row('past', 11), NOW, OPTIONS.lateAfterMs)).toBe(true);
  });

  it('counts a row queued after it fell due as late only once it has waited past the threshold since it was queued', () => {
    expect(isLate(row('queued-now', 3 * 24 * 60, 0), NOW, OPTIONS.lateAfterMs)).toBe(false);
    expect(isLate(row('queued-lately', 3 * 24 * 60, 10), NOW, OPTIONS.lateAfterMs)).toBe(false);
    expect(isLate(row('queued-then-down', 3 * 24 * 60, 11), NOW, OPTIONS.lateAfterMs)).toBe(true);
  });

  it('sends up to five late rows for a channel one by one and combines six', () => {
    const five = planMessages(
      inChannel(
        'C1',
        [1, 2, 3, 4, 5].map((n) => row(`k${n}`, 60 + n)),
      ),
      NOW,
      OPTIONS,
    );
    const six = planMessages(
      inChannel(
        'C1',
        [1, 2, 3, 4, 5, 6].map((n) => row(`k${n}`, 60 + n)),
      ),
      NOW,
      OPTIONS,
    );

    expect(five.get('C1')?.map((message) => [message.rows.length, message.late, message.combined])).toEqual(
      Array(5).fill([1, true, false]),
    );
    expect(six.get('C1')?.map((message) => [message.rows.length, message.late, message.combined])).toEqual([
      [6, true, true],
    ]);
  });

  it('keeps each channel in its own lane, oldest due first, late rows before on-time ones', () => {
    const plan = planMessages(
      [
        ...inChannel('C1', [row('on-time', 1), row('late-old', 90), row('late', 30)]),
        ...inChannel('C2', [row('other', 2)]),
      ],
      NOW,
      OPTIONS,
    );

    expect(keysOf(plan, 'C1')).toEqual([['late-old'], ['late'], ['on-time']]);
    expect(plan.get('C1')?.map((message) => message.late)).toEqual([true, true, false]);
    expect(keysOf(plan, 'C2')).toEqual([['other']]);
  });

  it('splits combined rows into even chunks of at most twenty', () => {
    expect(
      evenChunks(
        Array.from({ length: 21 }, (_, i) => i),
        20,
      ).map((chunk) => chunk.length),
    ).toEqual([11, 10]);
    expect(
      evenChunks(
        Array.from({ length: 40 }, (_, i) => i),
        20,
      ).map((chunk) => chunk.length),
    ).toEqual([20, 20]);
    expect(evenChunks([], 20)).toEqual([]);
  });
});
