import { TEAM_ROLES, type TeamRole } from '../domain/account';
import type { NewAccount } from './account-repository';

/** One change as the record of changes keeps it: what changed, as it was and as it is now. */
export interface RecordedChange {
  field: RecordedField;
  oldValue: string | null;
  newValue: string | null;
  /** Why, as the editor gave it (the health's reason), kept with the change. */
  reason?: string;
}

/** One field of an account as it was and as it is now, in words people read ("yes", a user id, a day). */
export interface AccountFieldChange extends RecordedChange {
  field: AccountField;
}

const SCALAR_FIELDS = [
  'name',
  'channelId',
  'employeeCount',
  'salesSegment',
  'csmSegment',
  'priority',
  'health',
  'contractStart',
  'renewalDate',
  'successServices',
  'csaAseIdentifiedOn',
  'successPlanActive',
] as const;
type ScalarField = (typeof SCALAR_FIELDS)[number];

/** A field of the account, or one role of its team ("team.CSM"). */
export type AccountField = ScalarField | `team.${TeamRole}`;

/** What the record of changes names: a field, or the account's accelerators (one cancelled). */
export type RecordedField = AccountField | 'accelerator';

/** The dates the clocks count from: a change to one of them can move or end a task's period. */
export const DATE_FIELDS: readonly AccountField[] = ['contractStart', 'renewalDate', 'csaAseIdentifiedOn'];

function asText(value: string | number | boolean | null): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

const holderOf = (account: Pick<NewAccount, 'team'>, role: TeamRole) =>
  account.team.find((member) => member.role === role)?.slackUserId ?? null;

/** Every field whose value differs, in the modal's order; empty when the save changes nothing. */
export function changedFields(before: NewAccount, after: NewAccount): AccountFieldChange[] {
  const changes: AccountFieldChange[] = [];
  for (const field of SCALAR_FIELDS) {
    const oldValue = asText(before[field]);
    const newValue = asText(after[field]);
    if (oldValue !== newValue) changes.push({ field, oldValue, newValue });
  }
  for (const role of TEAM_ROLES) {
    const oldValue = holderOf(before, role);
    const newValue = holderOf(after, role);
    if (oldValue !== newValue) changes.push({ field: `team.${role}`, oldValue, newValue });
  }
  return changes;
}

export function roleOfField(field: string): TeamRole | null {
  const role = field.startsWith('team.') ? field.slice('team.'.length) : '';
  return (TEAM_ROLES as readonly string[]).includes(role) ? (role as TeamRole) : null;
}
