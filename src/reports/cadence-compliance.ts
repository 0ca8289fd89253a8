/** Whether each account's cadence call is on time, due or overdue, from its open cadence task. */
import type { ReportAccount } from '../accounts/account-repository';
import { CADENCE_RULE_PREFIX, cadenceRuleApplies } from '../clocks/rule-lookup';
import { groupBy } from '../db/in-chunks';
import type { ReportTask } from '../tasks/task-repository';
import { type AccountRef, refOf } from './report-account';

export type CadenceState = 'on_time' | 'due' | 'overdue';

export interface CadenceAccount {
  account: AccountRef;
  state: CadenceState;
  /** When its open cadence task is (or was) due; null when none is open. */
  dueAt: Date | null;
}

export interface CadenceByCsm {
  /** Null: accounts with no CSM. */
  csm: string | null;
  onTime: CadenceAccount[];
  due: CadenceAccount[];
  overdue: CadenceAccount[];
}

/**
 * Whether a cadence clock runs for the account: a cadence rule applies (Strategic or Growth at
 * PR1 or PR2, red counting as PR1) and it has a contract start to count the first gap from.
 */
export const hasCadenceClock = (account: ReportAccount): boolean =>
  account.contractStart !== null && cadenceRuleApplies(account);

const SEVERITY: Record<CadenceState, number> = { on_time: 0, due: 1, overdue: 2 };

/**
 * An open (or snoozed) cadence task past its due time is overdue; one open and not yet due is
 * due; no open task means the last call keeps the account on time. Of several, the worst counts.
 */
export function cadenceStateOf(tasks: readonly ReportTask[], now: Date): { state: CadenceState; dueAt: Date | null } {
  let worst: { state: CadenceState; dueAt: Date | null } = { state: 'on_time', dueAt: null };
  for (const task of tasks) {
    if (task.status !== 'open' && task.status !== 'snoozed') continue;
    const state: CadenceState = task.dueAt <= now ? 'overdue' : task.opensAt <= now ? 'due' : 'on_time';
    if (SEVERITY[state] > SEVERITY[worst.state]) worst = { state, dueAt: task.dueAt };
  }
  return worst;
}

/**
 * The accounts with a cadence clock, by CSM (sorted by CSM, accounts with no CSM last), each list
 * by name; accounts without one (Scale, Digital, PR3, no contract start) are not counted.
 */
export function cadenceCompliance(
  accounts: readonly ReportAccount[],
  cadenceTasks: readonly ReportTask[],
  now: Date,
): CadenceByCsm[] {
  const tasksByAccount = groupBy(
    cadenceTasks.filter((task) => task.ruleId.startsWith(CADENCE_RULE_PREFIX)),
    (task) => task.accountId,
  );
  const byCsm = new Map<string | null, CadenceByCsm>();
  const sorted = [...accounts].sort((a, b) => a.name.localeCompare(b.name));
  for (const account of sorted) {
    if (!hasCadenceClock(account)) continue;
    const { state, dueAt } = cadenceStateOf(tasksByAccount.get(account.id) ?? [], now);
    let group = byCsm.get(account.csm);
    if (!group) {
      group = { csm: account.csm, onTime: [], due: [], overdue: [] };
      byCsm.set(account.csm, group);
    }
    const entry = { account: refOf(account), state, dueAt };
    if (state === 'overdue') group.overdue.push(entry);
    else if (state === 'due') group.due.push(entry);
    else group.onTime.push(entry);
  }
  return [...byCsm.values()].sort((a, b) => (a.csm === null ? 1 : b.csm === null ? -1 : a.csm.localeCompare(b.csm)));
}
