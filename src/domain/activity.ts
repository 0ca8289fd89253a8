/** Activity vocabulary from SPEC.md ("Activities (the timeline)"). */
import type { AcceleratorPhase } from './accelerator';

export const ACTIVITY_TYPES = [
  'call',
  'email',
  'meeting',
  'cadence_call',
  'ebr',
  'renewal_call',
  'onboarding_milestone',
  'csa_engagement',
  'success_plan_update',
  'escalation',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  cadence_call: 'Cadence call',
  ebr: 'Executive business review (EBR)',
  renewal_call: 'Renewal call',
  onboarding_milestone: 'Onboarding milestone',
  csa_engagement: 'CSA engagement',
  success_plan_update: 'Success plan update',
  escalation: 'Escalation',
  other: 'Other',
};

export const RENEWAL_OUTCOMES = ['likely_to_renew', 'at_risk', 'will_churn', 'undecided'] as const;
export type RenewalOutcome = (typeof RENEWAL_OUTCOMES)[number];

export const RENEWAL_OUTCOME_LABELS: Record<RenewalOutcome, string> = {
  likely_to_renew: 'Likely to renew',
  at_risk: 'At risk',
  will_churn: 'Will churn',
  undecided: 'Undecided',
};

export const ACCELERATOR_TYPES = [
  'Agile Planning',
  'CI',
  'CD',
  'Security',
  'AI',
  'Compliance',
  'System Administration',
] as const;
export type AcceleratorType = (typeof ACCELERATOR_TYPES)[number];

/** The accelerator content-module catalog, by category. A module may also be written freely. */
export const CONTENT_MODULE_CATALOG: ReadonlyArray<{ category: string; modules: readonly string[] }> = [
  {
    category: 'CI/CD',
    modules: [
      'Introduction to CI/CD Workshop',
      'Runner fleet guidance',
      'Rules and pipeline flow',
      'CI templates and reusability',
      'Product coach',
    ],
  },
  {
    category: 'Security and Compliance',
    modules: [
      'Intro to security workshop',
      'Hands-on security lab',
      'Intro to audit, compliance, and separation of duties workshop',
      'Security rollout strategy',
      'Product Coach - Compliance Framework/Security Policies Audit',
      'Security Policy Rollout Strategy',
    ],
  },
  { category: 'Agile Planning', modules: ['Intro to GitLab Plan workshop', 'Jira + GitLab workshop'] },
  { category: 'AI/ML', modules: ['AI/ML hands on lab'] },
  { category: 'System administration', modules: ['Upgrade package'] },
];

export const NOTES_MAX_LENGTH = 3000;

/** An activity as the domain sees it; `occurredOn` is a calendar day in the team's zone. */
export interface Activity {
  id: string;
  accountId: string;
  type: ActivityType;
  occurredOn: string;
  loggedBy: string;
  participants: string[];
  notes: string;
  renewalOutcome: RenewalOutcome | null;
  acceleratorType: AcceleratorType | null;
  contentModule: string | null;
  /** For a CSA engagement logged while an accelerator ran: that accelerator, and the phase it was. */
  acceleratorId: string | null;
  acceleratorPhase: AcceleratorPhase | null;
  sourceMessageUrl: string | null;
  createdAt: Date;
}

/** What a stored activity adds: where its channel summary is, and who corrected it (docs: "Correcting the log"). */
export interface ActivityRecord extends Activity {
  summaryChannel: string | null;
  summaryTs: string | null;
  editedAt: Date | null;
  editedBy: string | null;
  deletedAt: Date | null;
  deletedBy: string | null;
}

/** A clock event nobody logs as an activity: an accelerator starting (on its start day). */
export const ACCELERATOR_STARTED = 'accelerator_started' as const;
export type ClockEventType = ActivityType | typeof ACCELERATOR_STARTED;

/**
 * What the clocks read of an activity (or of an accelerator start): its kind and day, what orders
 * and names it, and for a CSA engagement the accelerator it belongs to and the phase it was.
 */
export interface ClockActivity {
  readonly id: string;
  readonly accountId: string;
  readonly type: ClockEventType;
  readonly occurredOn: string;
  readonly createdAt: Date;
  readonly acceleratorId?: string | null;
  readonly acceleratorPhase?: AcceleratorPhase | null;
}
