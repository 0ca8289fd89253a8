/**
 * Weekly call minimums (docs/rules.md §6): calls per CSM per week against the minimum of their
 * segment. For reporting only: no clock or reminder reads these.
 */
import type { ReportAccount } from '../accounts/account-repository';
import type { ReportActivity } from '../activities/activity-repository';
import type { CalendarDay } from '../clocks/calendar';
import { groupBy } from '../db/in-chunks';
import type { ActivityType } from '../domain/activity';
import { inWeek, type ReportWeek, reportWeeks } from './report-days';

/** The activity types that count as calls; email, meetings and the rest do not. */
export const CALL_TYPES = ['call', 'cadence_call', 'ebr', 'renewal_call'] as const satisfies readonly ActivityType[];

/** How many whole weeks before this one the report shows. */
export const PREVIOUS_WEEKS = 4;

/** The handbook's call segments, lowest minimum first (the order a tie between them is settled in). */
export const CALL_SEGMENTS = [
  { id: 'strategic_enterprise', label: 'Strategic Enterprise', weeklyMinimum: 5 },
  { id: 'strategic_commercial', label: 'Strategic Commercial', weeklyMinimum: 7 },
  { id: 'growth', label: 'Growth', weeklyMinimum: 10 },
  { id: 'scale', label: 'Scale', weeklyMinimum: 15 },
] as const;
export type CallSegment = (typeof CALL_SEGMENTS)[number];

const segment = (id: CallSegment['id']): CallSegment => {
  const found = CALL_SEGMENTS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No call segment ${id}.`);
  return found;
};

/**
 * An account's call segment: Strategic (CSM segment) splits by its sales segment, Enterprise for
 * a Strategic one (5000+ employees) and Commercial for any other or none; Growth and Scale are
 * their own. Digital and no CSM segment have no minimum.
 */
export function callSegmentOf(account: Pick<ReportAccount, 'csmSegment' | 'salesSegment'>): CallSegment | null {
  switch (account.csmSegment) {
    case 'Strategic':
      return segment(account.salesSegment === 'Strategic' ? 'strategic_enterprise' : 'strategic_commercial');
    case 'Growth':
      return segment('growth');
    case 'Scale':
      return segment('scale');
    default:
      return null;
  }
}

/**
 * A CSM's segment: the one most of their accounts are in (accounts with no call segment are not
 * counted); a tie goes to the segment with the lowest minimum. Null when none of their accounts has one.
 */
export function csmCallSegment(accounts: ReadonlyArray<Pick<ReportAccount, 'csmSegment' | 'salesSegment'>>) {
  const counts = new Map<CallSegment, number>();
  for (const account of accounts) {
    const found = callSegmentOf(account);
    if (found) counts.set(found, (counts.get(found) ?? 0) + 1);
  }
  let best: CallSegment | null = null;
  // CALL_SEGMENTS is lowest minimum first and only a strictly larger count wins, so ties go low.
  for (const candidate of CALL_SEGMENTS) {
    const count = counts.get(candidate) ?? 0;
    if (count > 0 && (best === null || count > (counts.get(best) ?? 0))) best = candidate;
  }
  return best;
}

export interface CallTally {
  user: string;
  /** Active accounts they are the CSM of. */
  accounts: number;
  segment: CallSegment | null;
  /** Calls they logged dated this week, and in each of the 4 weeks before it (the nearest first). */
  thisWeek: number;
  previousWeeks: number[];
}

export interface WeeklyCalls {
  week: ReportWeek;
  previousWeeks: ReportWeek[];
  tallies: CallTally[];
}

/**
 * Calls by the person who logged them, by the week they are dated in (ISO weeks in the team's
 * zone, as `today` is), on active accounts only. `people` lists whose tallies to make (null: every
 * CSM of an active account). The furthest below their minimum come first; those with none last.
 */
export function weeklyCalls(input: {
  accounts: readonly ReportAccount[];
  calls: readonly ReportActivity[];
  today: CalendarDay;
  people: readonly string[] | null;
}): WeeklyCalls {
  const { current, previous } = reportWeeks(input.today, PREVIOUS_WEEKS);
  const active = new Set(input.accounts.map((account) => account.id));
  const callTypes: readonly ActivityType[] = CALL_TYPES;
  const counted = input.calls.filter((call) => active.has(call.accountId) && callTypes.includes(call.type));
  const csms = [...new Set(input.accounts.flatMap((account) => (account.csm ? [account.csm] : [])))];
  const people = input.people ?? csms;
  const accountsByCsm = groupBy(input.accounts, (account) => account.csm);
  const callsByLogger = groupBy(counted, (call) => call.loggedBy);
  const tallies = people.map((user): CallTally => {
    const own = accountsByCsm.get(user) ?? [];
    const theirs = callsByLogger.get(user) ?? [];
    const countIn = (week: ReportWeek) => theirs.filter((call) => inWeek(week, call.occurredOn)).length;
    return {
      user,
      accounts: own.length,
      segment: csmCallSegment(own),
      thisWeek: countIn(current),
      previousWeeks: previous.map(countIn),
    };
  });
  const shortfall = (tally: CallTally) =>
    tally.segment ? tally.thisWeek - tally.segment.weeklyMinimum : Number.POSITIVE_INFINITY;
  tallies.sort((a, b) => shortfall(a) - shortfall(b) || a.user.localeCompare(b.user));
  return { week: current, previousWeeks: previous, tallies };
}
