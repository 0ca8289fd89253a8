/** Which Strategic accounts held their executive business review this contract year. */

import type { ContractPeriod } from '../accelerators/accelerator-rules';
import { contractYearOn } from '../accelerators/accelerator-rules';
import type { ReportAccount } from '../accounts/account-repository';
import type { ReportActivity } from '../activities/activity-repository';
import type { CalendarDay } from '../clocks/calendar';
import { groupBy } from '../db/in-chunks';
import { type AccountRef, isStrategic, refOf } from './report-account';

export interface EbrStatus {
  account: AccountRef;
  /** The contract year holding today, counted from the contract start. */
  contractYear: ContractPeriod;
  /** The latest EBR dated in that contract year; null: none yet. */
  lastEbrOn: CalendarDay | null;
}

/**
 * Strategic accounts (CSM segment) split by whether an EBR is dated in the contract year holding
 * today. One whose contract has not started (or has no start) has no contract year yet and is in
 * neither list, as the EBR clock has nothing to count from either.
 */
export function ebrCoverage(
  accounts: readonly ReportAccount[],
  activities: readonly ReportActivity[],
  today: CalendarDay,
): { held: EbrStatus[]; missing: EbrStatus[] } {
  const ebrsByAccount = groupBy(
    activities.filter((activity) => activity.type === 'ebr'),
    (activity) => activity.accountId,
  );
  const held: EbrStatus[] = [];
  const missing: EbrStatus[] = [];
  for (const account of accounts) {
    if (!isStrategic(account) || account.contractStart === null) continue;
    const contractYear = contractYearOn(account.contractStart, today);
    if (!contractYear) continue;
    const inYear = (ebrsByAccount.get(account.id) ?? [])
      .map((ebr) => ebr.occurredOn)
      .filter((day) => contractYear.firstDay <= day && day <= contractYear.lastDay);
    const lastEbrOn = inYear.sort().at(-1) ?? null;
    (lastEbrOn ? held : missing).push({ account: refOf(account), contractYear, lastEbrOn });
  }
  return { held, missing };
}
