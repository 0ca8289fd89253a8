import type { ReportAccount } from '../../src/accounts/account-repository';
import type { ReportActivity } from '../../src/activities/activity-repository';
import type { ReportTask } from '../../src/tasks/task-repository';

let counter = 0;
function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}-${String(counter).padStart(4, '0')}`;
}

/** An active account as the reports read it; Growth PR3 with no dates unless told otherwise. */
export function reportAccount(overrides: Partial<ReportAccount> & { name: string }): ReportAccount {
  return {
    id: nextId('account'),
    channelId: null,
    salesSegment: null,
    csmSegment: 'Growth',
    priority: 'PR3',
    health: 'green',
    contractStart: null,
    renewalDate: null,
    successServices: false,
    csaAseIdentifiedOn: null,
    successPlanActive: false,
    status: 'active',
    csm: null,
    ...overrides,
  };
}

export function reportActivity(
  overrides: Partial<ReportActivity> & Pick<ReportActivity, 'accountId' | 'type' | 'occurredOn'>,
): ReportActivity {
  return {
    id: nextId('activity'),
    loggedBy: 'U0NOBODY01',
    renewalOutcome: null,
    createdAt: new Date(`${overrides.occurredOn}T12:00:00Z`),
    ...overrides,
  };
}

export function reportTask(
  overrides: Partial<ReportTask> & Pick<ReportTask, 'accountId' | 'ruleId' | 'opensAt' | 'dueAt'>,
): ReportTask {
  return {
    id: nextId('task'),
    forRole: 'CSM',
    forUser: null,
    status: 'open',
    snoozedUntil: null,
    ...overrides,
  };
}
