import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextPlanChange, planTasks } from '../../src/clocks/plan-tasks';
import { accountArbitrary, timelineArbitrary } from './arbitraries';
import { makeAccount, makeActivity } from './fixtures';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata'] as const;
const DAY_MS = 86_400_000;

describe('nextPlanChange', () => {
  it('names the start of the day the next onboarding window opens', () => {
    // Contract start 2026-03-02: "Personal introduction" opens at day 2, the next opening after day 1.
    const account = makeAccount({ contractStart: '2026-03-02' });
    const next = nextPlanChange({ account, activities: [], now: new Date('2026-03-03T10:00:00Z'), timeZone: 'UTC' });
    expect(next).toEqual(new Date('2026-03-04T00:00:00Z'));
  });

  it('counts a day from midnight in the team zone, across a daylight-saving change', () => {
    // Berlin moves to summer time on 2026-03-29; midnight of the 30th is 22:00 UTC on the 29th.
    const account = makeAccount({ contractStart: '2026-03-28' });
    const next = nextPlanChange({
      account,
      activities: [],
      now: new Date('2026-03-29T12:00:00Z'),
      timeZone: 'Europe/Berlin',
    });
    expect(next).toEqual(new Date('2026-03-29T22:00:00Z'));
  });

  it('is null for a closed account and for one with no dates and no clock that waits on time', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    expect(nextPlanChange({ account: makeAccount({ status: 'closed' }), activities: [], now, timeZone: 'UTC' })).toBe(
      null,
    );
    const undated = makeAccount({ contractStart: null, renewalDate: null, csaAseIdentifiedOn: null });
    expect(nextPlanChange({ account: undated, activities: [], now, timeZone: 'UTC' })).toBe(null);
  });

  it('wakes on the day an activity dated ahead comes into view', () => {
    const account = makeAccount({ contractStart: null, csmSegment: 'Scale' });
    const ahead = makeActivity('a-1', 'cadence_call', '2026-05-09');
    const next = nextPlanChange({
      account,
      activities: [ahead],
      now: new Date('2026-05-01T12:00:00Z'),
      timeZone: 'UTC',
    });
    expect(next).toEqual(new Date('2026-05-09T00:00:00Z'));
  });

  it('never lets the plan change before the instant it names, for random accounts, timelines, zones and instants', () => {
    fc.assert(
      fc.property(
        accountArbitrary,
        timelineArbitrary(),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 1_000 * DAY_MS }),
        (account, activities, timeZone, offsetMs) => {
          const now = new Date(Date.parse('2025-01-01T00:00:00Z') + offsetMs);
          const plan = planTasks({ account, activities, now, timeZone });
          const next = nextPlanChange({ account, activities, now, timeZone });
          const horizon = next ?? new Date(now.getTime() + 400 * DAY_MS);
          expect(horizon.getTime()).toBeGreaterThan(now.getTime());
          // Two instants a day before the horizon (the plan reads only the day; 12 h steps skip none across DST), and the last millisecond.
          for (let at = now.getTime() + DAY_MS / 2; at < horizon.getTime(); at += DAY_MS / 2) {
            expect(planTasks({ account, activities, now: new Date(at), timeZone })).toEqual(plan);
          }
          expect(planTasks({ account, activities, now: new Date(horizon.getTime() - 1), timeZone })).toEqual(plan);
        },
      ),
      { numRuns: 60, seed: 20261201 },
    );
  });
});
