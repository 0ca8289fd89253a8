import { describe, expect, it } from 'vitest';
import { overdueByPerson } from '../../src/reports/overdue-by-person';
import { reportTask } from './fixtures';

const NOW = new Date('2026-12-02T12:00:00Z');
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00001';

describe('overdue tasks by person', () => {
  it('counts what the daily DM counts as overdue, by person, the longest overdue first', () => {
    const task = (
      forUser: string | null,
      dueAt: string,
      extra: { status?: 'open' | 'snoozed'; snoozedUntil?: string } = {},
    ) =>
      reportTask({
        accountId: 'x',
        ruleId: 'onboarding.welcome',
        forUser,
        opensAt: new Date('2026-10-01T00:00:00Z'),
        dueAt: new Date(dueAt),
        status: extra.status ?? 'open',
        snoozedUntil: extra.snoozedUntil ? new Date(extra.snoozedUntil) : null,
      });
    const tasks = [
      task(ANA, '2026-11-20T00:00:00Z'),
      task(ANA, '2026-11-10T00:00:00Z'),
      task(ANA, '2026-12-02T12:00:00Z'),
      // Due later: not overdue. Snoozed past now: out of the count, as in the DM.
      task(ANA, '2026-12-03T00:00:00Z'),
      task(ANA, '2026-11-01T00:00:00Z', { status: 'snoozed', snoozedUntil: '2026-12-05T00:00:00Z' }),
      // A snooze that has ended counts again.
      task(BEN, '2026-11-05T00:00:00Z', { status: 'snoozed', snoozedUntil: '2026-12-01T00:00:00Z' }),
      task(null, '2026-11-15T00:00:00Z'),
      task(null, '2026-11-16T00:00:00Z'),
    ];
    expect(overdueByPerson(tasks, NOW)).toEqual([
      { user: BEN, count: 1, oldestDue: new Date('2026-11-05T00:00:00Z') },
      { user: ANA, count: 3, oldestDue: new Date('2026-11-10T00:00:00Z') },
      { user: null, count: 2, oldestDue: new Date('2026-11-15T00:00:00Z') },
    ]);
  });
});
