/**
 * A made-up but plausible book of accounts for the benches: segments, priorities and health in
 * rough real-world proportions, contracts started over the last three years, team members drawn
 * from small pools (so one CSM holds dozens of accounts, as in life), ~20% with Success Services,
 * and about five activities each. Seeded, so every run plans the same work and timings compare.
 */
import type { NewAccount } from '../../src/accounts/account-repository';
import type { NewActivity } from '../../src/activities/activity-repository';
import { addCalendar, type CalendarDay } from '../../src/clocks/calendar';
import {
  type AccountTeamMember,
  type CsmSegment,
  effectivePriority,
  type Health,
  type Priority,
  type SalesSegment,
  salesSegmentForEmployees,
  type TeamRole,
} from '../../src/domain/account';
import { ACCELERATOR_TYPES, type ActivityType, RENEWAL_OUTCOMES } from '../../src/domain/activity';

export type ActivityDraft = Omit<NewActivity, 'accountId'>;

export interface SyntheticAccount {
  account: NewAccount;
  activities: ActivityDraft[];
}

type Random = () => number;

/** mulberry32: tiny, fast and good enough to spread test data; Math.random cannot be seeded. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = choices.at(-1);
  if (!last) throw new Error('weighted() needs at least one choice');
  return last[0];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Pool sizes set how many accounts share a person, which is what the overdue digests group by.
const TEAM_POOLS: Record<TeamRole, number> = { CSM: 40, CSA: 12, ASE: 20, AE: 30, SA: 15 };
const memberId = (role: TeamRole, n: number) => `U0B${role}${pad(n, 8 - role.length)}`;

// The CS segment mostly follows company size, with some accounts placed up or down by hand.
const CSM_SEGMENT_BY_SIZE: Record<SalesSegment, readonly (readonly [CsmSegment, number])[]> = {
  Strategic: [
    ['Strategic', 70],
    ['Growth', 30],
  ],
  Large: [
    ['Strategic', 20],
    ['Growth', 60],
    ['Scale', 20],
  ],
  'Mid-Market': [
    ['Growth', 20],
    ['Scale', 60],
    ['Digital', 20],
  ],
  SMB: [
    ['Scale', 30],
    ['Digital', 70],
  ],
};

const ACTIVITY_MIX: readonly (readonly [ActivityType, number])[] = [
  ['call', 20],
  ['email', 20],
  ['meeting', 15],
  ['cadence_call', 20],
  ['onboarding_milestone', 8],
  ['csa_engagement', 6],
  ['ebr', 4],
  ['renewal_call', 3],
  ['success_plan_update', 2],
  ['escalation', 1],
  ['other', 1],
];

function team(random: Random, csmSegment: CsmSegment | null, successServices: boolean): AccountTeamMember[] {
  // Digital accounts are mostly pooled, without a named CSM.
  const odds: Record<TeamRole, number> = {
    CSM: csmSegment === 'Digital' ? 0.3 : 0.97,
    CSA: successServices ? 0.9 : 0.15,
    ASE: successServices ? 0.6 : 0.1,
    AE: 0.95,
    SA: 0.3,
  };
  return (Object.keys(odds) as TeamRole[])
    .filter((role) => random() < odds[role])
    .map((role) => ({ role, slackUserId: memberId(role, between(random, 1, TEAM_POOLS[role])) }));
}

/** The next anniversary of the contract, or one up to 45 days past whose renewal nobody recorded. */
function renewalDate(contractStart: CalendarDay, today: CalendarDay): CalendarDay {
  const recently = addCalendar(today, { days: -45 });
  for (let years = 1; ; years++) {
    const anniversary = addCalendar(contractStart, { years });
    if (anniversary >= recently) return anniversary;
  }
}

function activities(random: Random, since: CalendarDay, today: CalendarDay, people: string[]): ActivityDraft[] {
  const span = Math.max(0, (Date.parse(today) - Date.parse(since)) / 86_400_000);
  return Array.from({ length: between(random, 2, 8) }, () => {
    const type = weighted(random, ACTIVITY_MIX);
    // Squaring skews towards recent days: timelines are denser lately than three years ago.
    const occurredOn = addCalendar(today, { days: -Math.floor(span * random() ** 2) });
    return {
      type,
      occurredOn,
      loggedBy: people[between(random, 0, people.length - 1)] ?? 'U0BOTHER01',
      participants: [],
      notes: `Synthetic ${type} for the planner bench.`,
      renewalOutcome:
        type === 'renewal_call'
          ? weighted(
              random,
              RENEWAL_OUTCOMES.map((o) => [o, 1] as const),
            )
          : null,
      acceleratorType:
        type === 'csa_engagement'
          ? weighted(
              random,
              ACCELERATOR_TYPES.map((a) => [a, 1] as const),
            )
          : null,
      contentModule: null,
    };
  });
}

function syntheticAccount(random: Random, index: number, today: CalendarDay): SyntheticAccount {
  // Log-uniform from 20 to 50,000 employees: many small companies, few giants.
  const employeeCount = Math.round(Math.exp(Math.log(20) + random() * (Math.log(50_000) - Math.log(20))));
  const salesSegment = salesSegmentForEmployees(employeeCount);
  const csmSegment = random() < 0.03 ? null : weighted(random, CSM_SEGMENT_BY_SIZE[salesSegment]);
  const health = weighted<Health>(random, [
    ['green', 70],
    ['yellow', 20],
    ['red', 10],
  ]);
  const priority = effectivePriority(
    health,
    weighted<Priority>(random, [
      ['PR1', 20],
      ['PR2', 35],
      ['PR3', 45],
    ]),
  );
  const contractStart = random() < 0.03 ? null : addCalendar(today, { days: -between(random, 0, 3 * 365) });
  const successServices = random() < 0.2;
  const identified =
    contractStart && successServices && random() < 0.85
      ? addCalendar(contractStart, { days: between(random, 3, 40) })
      : null;
  const planOdds = csmSegment === 'Strategic' ? 0.6 : csmSegment === 'Growth' ? 0.2 : 0.05;
  const members = team(random, csmSegment, successServices);
  return {
    account: {
      name: `Bench Account ${pad(index, 6)}`,
      channelId: random() < 0.9 ? `C0B${pad(index, 8)}` : null,
      employeeCount,
      salesSegment,
      csmSegment,
      priority,
      health,
      contractStart,
      renewalDate: contractStart ? renewalDate(contractStart, today) : null,
      successServices,
      csaAseIdentifiedOn: identified && identified <= today ? identified : null,
      successPlanActive: random() < planOdds,
      team: members,
    },
    activities: activities(
      random,
      contractStart ?? addCalendar(today, { days: -180 }),
      today,
      members.map((member) => member.slackUserId),
    ),
  };
}

/** `count` accounts as of `today` (the team's calendar day); the same seed gives the same book. */
export function syntheticPortfolio(count: number, today: CalendarDay, seed = 20_260_101): SyntheticAccount[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => syntheticAccount(random, index + 1, today));
}
