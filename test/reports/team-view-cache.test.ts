import { describe, expect, it } from 'vitest';
import type { TeamView } from '../../src/reports/team-view';
import { createTeamViewCache } from '../../src/reports/team-view-cache';

const ZONE = 'Europe/Berlin';

function countingLoader() {
  const loads: Date[] = [];
  const load = async (now: Date): Promise<TeamView> => {
    loads.push(now);
    return {
      today: now.toISOString().slice(0, 10),
      timeZone: ZONE,
      overdueByPerson: [],
      renewals: [],
      strategicWithoutEbr: [],
      quietAccounts: [],
    };
  };
  return { loads, load };
}

describe('the team view shared by the Homes of CS admins', () => {
  it('serves one view to every Home published within 30 seconds of it', async () => {
    const { loads, load } = countingLoader();
    const teamView = createTeamViewCache(load, { timeZone: ZONE });
    const first = await teamView(new Date('2026-12-01T10:00:00Z'));
    expect(await teamView(new Date('2026-12-01T10:00:29Z'))).toBe(first);
    await teamView(new Date('2026-12-01T10:00:30Z'));
    expect(loads.map((at) => at.toISOString())).toEqual(['2026-12-01T10:00:00.000Z', '2026-12-01T10:00:30.000Z']);
  });

  it("builds a new view when the team's day turns, however recent the last one", async () => {
    const { loads, load } = countingLoader();
    const teamView = createTeamViewCache(load, { timeZone: ZONE });
    // 23:59:50 and 00:00:05 in Berlin.
    await teamView(new Date('2026-12-01T22:59:50Z'));
    await teamView(new Date('2026-12-01T23:00:05Z'));
    expect(loads).toHaveLength(2);
  });

  it('shares a build still under way, and does not keep one that failed', async () => {
    let calls = 0;
    let fail = true;
    const teamView = createTeamViewCache(
      async (now) => {
        calls += 1;
        if (fail) throw new Error('database away');
        return countingLoader().load(now);
      },
      { timeZone: ZONE },
    );
    const now = new Date('2026-12-01T10:00:00Z');
    const both = await Promise.allSettled([teamView(now), teamView(now)]);
    expect(both.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    fail = false;
    await expect(teamView(now)).resolves.toMatchObject({ timeZone: ZONE });
    expect(calls).toBe(2);
  });
});
