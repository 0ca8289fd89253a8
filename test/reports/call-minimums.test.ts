import { describe, expect, it } from 'vitest';
import { CALL_TYPES, callSegmentOf, csmCallSegment, weeklyCalls } from '../../src/reports/call-minimums';
import { reportAccount, reportActivity } from './fixtures';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00001';
const CAL = 'U0CAL00001';

describe('weekly call minimums', () => {
  it('counts calls, cadence calls, EBRs and renewal calls as calls, and nothing else', () => {
    expect([...CALL_TYPES].sort()).toEqual(['cadence_call', 'call', 'ebr', 'renewal_call']);
  });

  it('splits Strategic by sales segment and leaves Digital and unset without a minimum', () => {
    const label = (csmSegment: 'Strategic' | 'Growth' | 'Scale' | 'Digital' | null) =>
      callSegmentOf({ csmSegment, salesSegment: null })?.label ?? null;
    expect(callSegmentOf({ csmSegment: 'Strategic', salesSegment: 'Strategic' })).toMatchObject({
      label: 'Strategic Enterprise',
      weeklyMinimum: 5,
    });
    expect(callSegmentOf({ csmSegment: 'Strategic', salesSegment: 'Large' })).toMatchObject({
      label: 'Strategic Commercial',
      weeklyMinimum: 7,
    });
    expect(label('Strategic')).toBe('Strategic Commercial');
    expect(callSegmentOf({ csmSegment: 'Growth', salesSegment: 'Strategic' })?.weeklyMinimum).toBe(10);
    expect(callSegmentOf({ csmSegment: 'Scale', salesSegment: 'SMB' })?.weeklyMinimum).toBe(15);
    expect(label('Digital')).toBeNull();
    expect(label(null)).toBeNull();
  });

  it("takes the segment of most of a CSM's accounts, and on a tie the one with the lowest minimum", () => {
    const growth = { csmSegment: 'Growth' as const, salesSegment: null };
    const scale = { csmSegment: 'Scale' as const, salesSegment: null };
    const enterprise = { csmSegment: 'Strategic' as const, salesSegment: 'Strategic' as const };
    const digital = { csmSegment: 'Digital' as const, salesSegment: null };
    expect(csmCallSegment([growth, growth, scale])?.label).toBe('Growth');
    expect(csmCallSegment([scale, growth])?.label).toBe('Growth');
    expect(csmCallSegment([scale, enterprise, growth])?.label).toBe('Strategic Enterprise');
    // Digital accounts have no minimum and do not outvote the one Scale account.
    expect(csmCallSegment([digital, digital, scale])?.label).toBe('Scale');
    expect(csmCallSegment([digital])).toBeNull();
    expect(csmCallSegment([])).toBeNull();
  });

  it('counts each call for whoever logged it, in the week it is dated, on active accounts, the furthest behind first', () => {
    const anaEnterprise = reportAccount({
      name: 'Ana Enterprise',
      csm: ANA,
      csmSegment: 'Strategic',
      salesSegment: 'Strategic',
    });
    const benGrowth = reportAccount({ name: 'Ben Growth', csm: BEN, csmSegment: 'Growth' });
    const calDigital = reportAccount({ name: 'Cal Digital', csm: CAL, csmSegment: 'Digital' });
    const call = (loggedBy: string, occurredOn: string, type: (typeof CALL_TYPES)[number] | 'email' = 'call') =>
      reportActivity({ accountId: anaEnterprise.id, type, occurredOn, loggedBy });
    const calls = [
      // Ana this week (Mon 30 Nov – Sun 6 Dec 2026): 4 calls of the four kinds; the email is no call.
      call(ANA, '2026-11-30'),
      call(ANA, '2026-12-01', 'cadence_call'),
      call(ANA, '2026-12-02', 'ebr'),
      call(ANA, '2026-12-02', 'renewal_call'),
      call(ANA, '2026-12-02', 'email'),
      // Ana the week before (23–29 Nov): 2, one on its Sunday; 2–8 Nov: 1 on its Monday.
      call(ANA, '2026-11-23'),
      call(ANA, '2026-11-29'),
      call(ANA, '2026-11-02'),
      // Before the 4 weeks: not shown.
      call(ANA, '2026-11-01'),
      // Ben logs on Ana's account: the call is his. 1 this week, 3 in 16–22 Nov.
      call(BEN, '2026-12-01'),
      call(BEN, '2026-11-16'),
      call(BEN, '2026-11-18'),
      call(BEN, '2026-11-22'),
      // On an account that is not active (not in the list): never counted.
      reportActivity({ accountId: 'a-closed-account', type: 'call', occurredOn: '2026-12-01', loggedBy: BEN }),
      call(CAL, '2026-12-01'),
    ];
    const report = weeklyCalls({
      accounts: [anaEnterprise, benGrowth, calDigital],
      calls,
      today: '2026-12-02',
      people: null,
    });
    expect(report.week).toEqual({ firstDay: '2026-11-30', lastDay: '2026-12-06' });
    // Ben is 9 below his 10, Ana 1 below her 5, Cal has no minimum.
    expect(
      report.tallies.map(({ user, segment, thisWeek, previousWeeks, accounts }) => ({
        user,
        segment: segment?.label ?? null,
        accounts,
        thisWeek,
        previousWeeks,
      })),
    ).toEqual([
      { user: BEN, segment: 'Growth', accounts: 1, thisWeek: 1, previousWeeks: [0, 3, 0, 0] },
      { user: ANA, segment: 'Strategic Enterprise', accounts: 1, thisWeek: 4, previousWeeks: [2, 0, 0, 1] },
      { user: CAL, segment: null, accounts: 1, thisWeek: 1, previousWeeks: [0, 0, 0, 0] },
    ]);
  });

  it("makes one person's tally even when they are the CSM of no account", () => {
    const account = reportAccount({ name: 'Someone Else', csm: ANA });
    const report = weeklyCalls({
      accounts: [account],
      calls: [reportActivity({ accountId: account.id, type: 'call', occurredOn: '2026-12-02', loggedBy: CAL })],
      today: '2026-12-02',
      people: [CAL],
    });
    expect(report.tallies).toEqual([
      { user: CAL, accounts: 0, segment: null, thisWeek: 1, previousWeeks: [0, 0, 0, 0] },
    ]);
  });
});
