/**
 * The accounts export: the importer's own columns (ACCOUNT_CSV_COLUMNS), written the way it parses
 * them, so the file goes back in with `accounts import` and comes out again unchanged.
 */
import { ACCOUNT_CSV_COLUMNS, type AccountCsvColumn } from '../accounts/account-csv';
import { createAccountRepository, type NewAccount } from '../accounts/account-repository';
import type { DbOrTx } from '../db/database';
import { effectivePriority, type TeamRole } from '../domain/account';
import { toCsv } from './csv-text';

export const ACCOUNT_EXPORT_COLUMNS: readonly AccountCsvColumn[] = ACCOUNT_CSV_COLUMNS.map((column) => column.name);

/** A Record over every importer column, so a column added there is a compile error here until it is written. */
export function accountCsvRecord(account: NewAccount): Record<AccountCsvColumn, string> {
  const member = (role: TeamRole) => account.team.find((m) => m.role === role)?.slackUserId ?? '';
  return {
    name: account.name,
    channel_id: account.channelId ?? '',
    employee_count: account.employeeCount === null ? '' : String(account.employeeCount),
    sales_segment: account.salesSegment ?? '',
    csm_segment: account.csmSegment ?? '',
    // What the account is, and what the importer would store anyway for a red row.
    priority: effectivePriority(account.health, account.priority),
    health: account.health,
    contract_start: account.contractStart ?? '',
    renewal_date: account.renewalDate ?? '',
    csa_ase_identified_on: account.csaAseIdentifiedOn ?? '',
    success_services: String(account.successServices),
    success_plan_active: String(account.successPlanActive),
    csm: member('CSM'),
    csa: member('CSA'),
    ase: member('ASE'),
    ae: member('AE'),
    sa: member('SA'),
  };
}

/**
 * Active accounts only: the file has no status column, so a closed account written here would
 * come back active from `accounts import`.
 */
export async function exportAccounts(db: DbOrTx): Promise<{ csv: string; count: number }> {
  const accounts = await createAccountRepository({ db }).listActiveEditable();
  return { csv: toCsv(ACCOUNT_EXPORT_COLUMNS, accounts.map(accountCsvRecord)), count: accounts.length };
}
