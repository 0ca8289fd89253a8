/** Strategic accounts still without an active success plan. */
import type { ReportAccount } from '../accounts/account-repository';
import { type AccountRef, isStrategic, refOf } from './report-account';

/** Strategic accounts (CSM segment) whose success plan is not marked active, by name. */
export function strategicWithoutPlan(accounts: readonly ReportAccount[]): AccountRef[] {
  return accounts
    .filter((account) => isStrategic(account) && !account.successPlanActive)
    .map(refOf)
    .sort((a, b) => a.name.localeCompare(b.name));
}
