import type { NewAccount } from '../accounts/account-repository';
import type { NewActivity } from '../activities/activity-repository';

/** A demo account and its timeline; activities name no account until it exists. */
export interface DemoAccount {
  account: NewAccount;
  activities: Omit<NewActivity, 'accountId'>[];
}

/** Placeholder Slack user ids: real-looking so every check accepts them, obviously fake to a reader. */
export const DEMO_USERS = {
  csm1: 'U0DEMOCSM1',
  csm2: 'U0DEMOCSM2',
  csa: 'U0DEMOCSA1',
  ase: 'U0DEMOASE1',
  ae: 'U0DEMOAE01',
  sa: 'U0DEMOSA01',
} as const;

function dayParts(day: string): [number, number, number] {
  const [year, month, date] = day.split('-').map(Number);
  return [year ?? 1970, month ?? 1, date ?? 1];
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = dayParts(day);
  return isoDay(new Date(Date.UTC(year, month - 1, date + days)));
}

/** Calendar months, clamped to the month's last day (31 Jan + 1 month is 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = dayParts(day);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return isoDay(new Date(Date.UTC(year, month - 1 + months, Math.min(date, lastDay))));
}

/**
 * A small, realistic book of business whose dates hang off today, so that every clock has
 * something to do: a Success Services onboarding that began 3 days ago, a renewal question coming
 * up, an overdue Strategic cadence call, a red account, and quiet accounts for contrast.
 */
export function demoAccounts(today: string, channelId: string | null): DemoAccount[] {
  const u = DEMO_USERS;
  const base = {
    channelId: null,
    csaAseIdentifiedOn: null,
    successServices: false,
    successPlanActive: false,
  } satisfies Partial<NewAccount>;

  const northwindStart = addDays(today, -3);
  const bluefinStart = addMonths(today, -8);
  const redwoodStart = addMonths(today, -10);
  const pinecrestStart = addMonths(today, -14);
  const lumenStart = addDays(today, -40);

  return [
    {
      account: {
        ...base,
        name: 'Northwind Logistics',
        // The demo channel goes to the account whose onboarding clocks fire first.
        channelId,
        employeeCount: 12_000,
        salesSegment: 'Strategic',
        csmSegment: 'Strategic',
        priority: 'PR1',
        health: 'green',
        contractStart: northwindStart,
        renewalDate: addMonths(northwindStart, 12),
        successServices: true,
        csaAseIdentifiedOn: addDays(today, -2),
        team: [
          { role: 'CSM', slackUserId: u.csm1 },
          { role: 'CSA', slackUserId: u.csa },
          { role: 'ASE', slackUserId: u.ase },
          { role: 'AE', slackUserId: u.ae },
          { role: 'SA', slackUserId: u.sa },
        ],
      },
      activities: [
        {
          type: 'meeting',
          occurredOn: addDays(today, -1),
          loggedBy: u.csa,
          participants: [u.csa, u.csm1, u.ae, u.sa],
          notes: 'Internal handover: AE and SA walked the account team through the deal and the technical profile.',
          renewalOutcome: null,
          acceleratorType: null,
          contentModule: null,
        },
      ],
    },
    {
      account: {
        ...base,
        name: 'Bluefin Analytics',
        employeeCount: 2_300,
        salesSegment: 'Large',
        csmSegment: 'Growth',
        priority: 'PR2',
        health: 'yellow',
        contractStart: bluefinStart,
        renewalDate: addMonths(bluefinStart, 12),
        successPlanActive: true,
        team: [
          { role: 'CSM', slackUserId: u.csm2 },
          { role: 'AE', slackUserId: u.ae },
        ],
      },
      activities: [
        {
          type: 'ebr',
          occurredOn: addMonths(bluefinStart, 6),
          loggedBy: u.csm2,
          participants: [u.csm2, u.ae],
          notes: 'EBR with the VP Engineering: adoption up 30%, asked for a roadmap session on security scanning.',
          renewalOutcome: null,
          acceleratorType: null,
          contentModule: null,
        },
        {
          type: 'cadence_call',
          occurredOn: addDays(today, -20),
          loggedBy: u.csm2,
          participants: [u.csm2],
          notes: 'Quarterly cadence: runner costs are a worry; health stays yellow until they see the numbers.',
          renewalOutcome: null,
          acceleratorType: null,
          contentModule: null,
        },
      ],
    },
    {
      account: {
        ...base,
        name: 'Redwood Manufacturing',
        employeeCount: 8_500,
        salesSegment: 'Strategic',
        csmSegment: 'Strategic',
        // Red health makes an account PR1 (SPEC.md), so the demo holds to that rule too.
        priority: 'PR1',
        health: 'red',
        contractStart: redwoodStart,
        renewalDate: addMonths(redwoodStart, 12),
        successServices: true,
        csaAseIdentifiedOn: addDays(redwoodStart, 2),
        successPlanActive: true,
        team: [
          { role: 'CSM', slackUserId: u.csm1 },
          { role: 'CSA', slackUserId: u.csa },
          { role: 'ASE', slackUserId: u.ase },
          { role: 'AE', slackUserId: u.ae },
        ],
      },
      activities: [
        {
          type: 'csa_engagement',
          occurredOn: addDays(today, -30),
          loggedBy: u.csa,
          participants: [u.csa],
          notes: 'Accelerator discovery workshop: 40 self-managed runners, no autoscaling.',
          renewalOutcome: null,
          acceleratorType: 'CI',
          contentModule: 'Runner fleet guidance',
        },
        {
          type: 'renewal_call',
          occurredOn: addDays(today, -10),
          loggedBy: u.csm1,
          participants: [u.csm1, u.ae],
          notes: 'Budget under review after a reorg; the new CTO has not been briefed on the platform yet.',
          renewalOutcome: 'at_risk',
          acceleratorType: null,
          contentModule: null,
        },
        {
          // Sixteen days ago, and a Strategic PR1 account wants one every 14: overdue on purpose.
          type: 'cadence_call',
          occurredOn: addDays(today, -16),
          loggedBy: u.csm1,
          participants: [u.csm1],
          notes: 'Pipeline outages last month hurt trust; agreed a weekly check-in with their platform lead.',
          renewalOutcome: null,
          acceleratorType: null,
          contentModule: null,
        },
      ],
    },
    {
      account: {
        ...base,
        name: 'Pinecrest Health',
        employeeCount: 450,
        salesSegment: 'Mid-Market',
        csmSegment: 'Scale',
        priority: 'PR3',
        health: 'green',
        contractStart: pinecrestStart,
        // Renewed two months ago, so the renewal date has rolled forward a year.
        renewalDate: addMonths(pinecrestStart, 24),
        team: [{ role: 'CSM', slackUserId: u.csm2 }],
      },
      activities: [
        {
          type: 'renewal_call',
          occurredOn: addMonths(pinecrestStart, 9),
          loggedBy: u.csm2,
          participants: [u.csm2],
          notes: 'Happy with the platform; adding 50 seats at renewal.',
          renewalOutcome: 'likely_to_renew',
          acceleratorType: null,
          contentModule: null,
        },
      ],
    },
    {
      account: {
        ...base,
        name: 'Lumen Dental',
        employeeCount: 60,
        salesSegment: 'SMB',
        csmSegment: 'Digital',
        priority: 'PR3',
        health: 'green',
        contractStart: lumenStart,
        renewalDate: addMonths(lumenStart, 12),
        team: [{ role: 'CSM', slackUserId: u.csm2 }],
      },
      activities: [
        {
          type: 'onboarding_milestone',
          occurredOn: addDays(lumenStart, 8),
          loggedBy: u.csm2,
          participants: [u.csm2],
          notes: 'Installation follow-up: self-managed instance is up; SSO still to do.',
          renewalOutcome: null,
          acceleratorType: null,
          contentModule: null,
        },
      ],
    },
  ];
}
