import { describe, expect, it } from 'vitest';
import { cadenceCompliance, cadenceStateOf, hasCadenceClock } from '../../src/reports/cadence-compliance';
import { reportAccount, reportTask } from './fixtures';

const NOW = new Date('2026-12-02T12:00:00Z');
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00001';

describe('cadence compliance', () => {
  it('runs a cadence clock only for Strategic and Growth at PR1 or PR2 (red as PR1) with a contract start', () => {
    const start = '2026-01-01';
    expect(
      hasCadenceClock(reportAccount({ name: 'a', csmSegment: 'Strategic', priority: 'PR1', contractStart: start })),
    ).toBe(true);
    expect(
      hasCadenceClock(reportAccount({ name: 'b', csmSegment: 'Growth', priority: 'PR2', contractStart: start })),
    ).toBe(true);
    expect(
      hasCadenceClock(
        reportAccount({ name: 'c', csmSegment: 'Growth', priority: 'PR3', health: 'red', contractStart: start }),
      ),
    ).toBe(true);
    expect(
      hasCadenceClock(reportAccount({ name: 'd', csmSegment: 'Strategic', priority: 'PR3', contractStart: start })),
    ).toBe(false);
    expect(
      hasCadenceClock(reportAccount({ name: 'e', csmSegment: 'Scale', priority: 'PR1', contractStart: start })),
    ).toBe(false);
    expect(
      hasCadenceClock(reportAccount({ name: 'f', csmSegment: 'Digital', priority: 'PR1', contractStart: start })),
    ).toBe(false);
    expect(hasCadenceClock(reportAccount({ name: 'g', csmSegment: 'Strategic', priority: 'PR1' }))).toBe(false);
  });

  it('calls an open task past due overdue, one open and not yet due due, and no open task on time', () => {
    const task = (dueAt: string, status: 'open' | 'snoozed' | 'done' = 'open') =>
      reportTask({
        accountId: 'x',
        ruleId: 'cadence.strategic_pr1',
        opensAt: new Date('2026-11-25T00:00:00Z'),
        dueAt: new Date(dueAt),
        status,
      });
    expect(cadenceStateOf([], NOW)).toEqual({ state: 'on_time', dueAt: null });
    expect(cadenceStateOf([task('2026-12-05T00:00:00Z')], NOW).state).toBe('due');
    expect(cadenceStateOf([task('2026-12-02T12:00:00Z')], NOW).state).toBe('overdue');
    // A snooze hides the reminder; the call is late all the same.
    expect(cadenceStateOf([task('2026-12-01T00:00:00Z', 'snoozed')], NOW).state).toBe('overdue');
    expect(cadenceStateOf([task('2026-12-01T00:00:00Z', 'done')], NOW).state).toBe('on_time');
    expect(cadenceStateOf([task('2026-12-05T00:00:00Z'), task('2026-12-01T00:00:00Z')], NOW)).toEqual({
      state: 'overdue',
      dueAt: new Date('2026-12-01T00:00:00Z'),
    });
  });

  it('groups the accounts with a cadence clock by CSM, each state by name, and leaves the others out', () => {
    const contractStart = '2026-01-01';
    const strategic = { csmSegment: 'Strategic' as const, priority: 'PR1' as const, contractStart };
    const accounts = [
      reportAccount({ name: 'Delta', csm: ANA, ...strategic }),
      reportAccount({ name: 'Alpha', csm: ANA, ...strategic }),
      reportAccount({ name: 'Bravo', csm: ANA, ...strategic }),
      reportAccount({ name: 'Charlie', csm: BEN, ...strategic }),
      reportAccount({ name: 'Echo', csm: null, ...strategic }),
      reportAccount({ name: 'Scale Co', csm: ANA, csmSegment: 'Scale', priority: 'PR1', contractStart }),
    ];
    const [delta, alpha, , charlie, echo, scale] = accounts;
    const open = (accountId: string, dueAt: string) =>
      reportTask({
        accountId,
        ruleId: 'cadence.strategic_pr1',
        opensAt: new Date('2026-11-28T00:00:00Z'),
        dueAt: new Date(dueAt),
      });
    const tasks = [
      open(delta?.id ?? '', '2026-12-01T00:00:00Z'),
      open(alpha?.id ?? '', '2026-12-04T00:00:00Z'),
      open(charlie?.id ?? '', '2026-11-30T00:00:00Z'),
      open(echo?.id ?? '', '2026-12-09T00:00:00Z'),
      // Not a cadence task, and the Scale account has no cadence clock: neither counts.
      reportTask({
        accountId: alpha?.id ?? '',
        ruleId: 'ebr.contract_year',
        opensAt: new Date('2026-11-01T00:00:00Z'),
        dueAt: new Date('2026-11-02T00:00:00Z'),
      }),
      open(scale?.id ?? '', '2026-11-30T00:00:00Z'),
    ];
    const names = (entries: Array<{ account: { name: string } }>) => entries.map((entry) => entry.account.name);
    const groups = cadenceCompliance(accounts, tasks, NOW);
    expect(
      groups.map((group) => ({
        csm: group.csm,
        onTime: names(group.onTime),
        due: names(group.due),
        overdue: names(group.overdue),
      })),
    ).toEqual([
      { csm: ANA, onTime: ['Bravo'], due: ['Alpha'], overdue: ['Delta'] },
      { csm: BEN, onTime: [], due: [], overdue: ['Charlie'] },
      { csm: null, onTime: [], due: ['Echo'], overdue: [] },
    ]);
  });
});
