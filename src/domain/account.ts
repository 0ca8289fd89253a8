/** Account vocabulary from SPEC.md ("Accounts" and "Who uses it"). */

export const TEAM_ROLES = ['CSM', 'CSA', 'ASE', 'AE', 'SA'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  CSM: 'Customer Success Manager',
  CSA: 'Customer Success Architect',
  ASE: 'Assigned Support Engineer',
  AE: 'Account Executive',
  SA: 'Solutions Architect',
};

export const SALES_SEGMENTS = ['Strategic', 'Large', 'Mid-Market', 'SMB'] as const;
export type SalesSegment = (typeof SALES_SEGMENTS)[number];

export const CSM_SEGMENTS = ['Strategic', 'Growth', 'Scale', 'Digital'] as const;
export type CsmSegment = (typeof CSM_SEGMENTS)[number];

export const PRIORITIES = ['PR1', 'PR2', 'PR3'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const HEALTHS = ['green', 'yellow', 'red'] as const;
export type Health = (typeof HEALTHS)[number];

export const ACCOUNT_STATUSES = ['active', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Sales segment by employee count: Strategic 5000+, Large 750-4999, Mid-Market 100-749, SMB <100. */
export function salesSegmentForEmployees(employees: number): SalesSegment {
  if (employees >= 5000) return 'Strategic';
  if (employees >= 750) return 'Large';
  if (employees >= 100) return 'Mid-Market';
  return 'SMB';
}

/** A red account is always PR1 (SPEC.md): the priority someone set yields to the health. */
export function effectivePriority(health: Health, priority: Priority): Priority {
  return health === 'red' ? 'PR1' : priority;
}

/** Account names are unique regardless of case and surrounding or repeated spaces. */
export function accountNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface AccountTeamMember {
  role: TeamRole;
  slackUserId: string;
}

/** An account as the domain sees it: dates are calendar days (YYYY-MM-DD) in the team's zone. */
export interface Account {
  id: string;
  name: string;
  channelId: string | null;
  salesSegment: SalesSegment | null;
  csmSegment: CsmSegment | null;
  priority: Priority;
  health: Health;
  contractStart: string | null;
  renewalDate: string | null;
  successServices: boolean;
  csaAseIdentifiedOn: string | null;
  successPlanActive: boolean;
  status: AccountStatus;
  team: AccountTeamMember[];
}
