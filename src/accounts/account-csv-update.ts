import { TEAM_ROLES, type TeamRole } from '../domain/account';
import { fieldErrorsOf } from '../domain/field-errors';
import type { AccountCsvColumn, AccountCsvError, AccountImportRow } from './account-csv';
import type { EditableAccount, NewAccount } from './account-repository';
import { newAccountInputSchema } from './new-account-input';

type ScalarColumn = Exclude<AccountCsvColumn, 'name' | 'csm' | 'csa' | 'ase' | 'ae' | 'sa'>;

/** The account field each column of the file sets. */
const FIELD_OF_COLUMN: Record<ScalarColumn, keyof NewAccount> = {
  channel_id: 'channelId',
  employee_count: 'employeeCount',
  sales_segment: 'salesSegment',
  csm_segment: 'csmSegment',
  priority: 'priority',
  health: 'health',
  contract_start: 'contractStart',
  renewal_date: 'renewalDate',
  csa_ase_identified_on: 'csaAseIdentifiedOn',
  success_services: 'successServices',
  success_plan_active: 'successPlanActive',
};

const ROLE_OF_COLUMN: Partial<Record<AccountCsvColumn, TeamRole>> = Object.fromEntries(
  TEAM_ROLES.map((role) => [role.toLowerCase(), role]),
);

/**
 * An existing account with the file's row laid over it: only the columns the file has change (a
 * CRM export with no `ase` column leaves the ASE alone), and the result is checked as a whole, as
 * the modal would check it (a renewal before the contract start, say), with the row's line.
 */
export function mergeCsvRow(
  current: EditableAccount,
  row: AccountImportRow,
  columns: readonly AccountCsvColumn[],
): { ok: true; account: NewAccount } | { ok: false; errors: AccountCsvError[] } {
  const { id: _id, ...merged } = current;
  const next: Record<string, unknown> = { ...merged, name: current.name };
  const team = new Map(current.team.map((member) => [member.role, member.slackUserId]));
  for (const column of columns) {
    const role = ROLE_OF_COLUMN[column];
    if (role) {
      const holder = row.team.find((member) => member.role === role)?.slackUserId;
      if (holder) team.set(role, holder);
      else team.delete(role);
    } else if (column in FIELD_OF_COLUMN) {
      const field = FIELD_OF_COLUMN[column as ScalarColumn];
      next[field] = row[field];
    }
  }
  // Employees given without a sales segment set it, as on import.
  if (columns.includes('employee_count') && !columns.includes('sales_segment')) next.salesSegment = row.salesSegment;
  next.team = Object.fromEntries(team);
  const parsed = newAccountInputSchema.safeParse(next);
  if (parsed.success) return { ok: true, account: parsed.data };
  const errors = Object.values(fieldErrorsOf(parsed.error)).flatMap((message) =>
    message ? [{ line: row.line, message }] : [],
  );
  return { ok: false, errors };
}
