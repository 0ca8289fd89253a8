/** Fixed accounts and activities for the clock tests. */
import type { Account } from '../../src/domain/account';
import type { Activity, ActivityType } from '../../src/domain/activity';

export const CSM = 'U_CSM';
export const CSA = 'U_CSA';
export const ASE = 'U_ASE';
export const AE = 'U_AE';
export const SA = 'U_SA';

/** A green, PR3 Growth account with a full team whose contract started 2026-03-02. */
export function makeAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    name: 'Acme',
    channelId: 'C_ACME',
    salesSegment: 'Large',
    csmSegment: 'Growth',
    priority: 'PR3',
    health: 'green',
    contractStart: '2026-03-02',
    renewalDate: null,
    successServices: false,
    csaAseIdentifiedOn: null,
    successPlanActive: true,
    status: 'active',
    team: [
      { role: 'CSM', slackUserId: CSM },
      { role: 'CSA', slackUserId: CSA },
      { role: 'ASE', slackUserId: ASE },
      { role: 'AE', slackUserId: AE },
      { role: 'SA', slackUserId: SA },
    ],
    ...overrides,
  };
}

/** An activity on `acc-1`, logged at noon UTC of the day it happened. */
export function makeActivity(
  id: string,
  type: ActivityType,
  occurredOn: string,
  overrides: Partial<Activity> = {},
): Activity {
  return {
    id,
    accountId: 'acc-1',
    type,
    occurredOn,
    loggedBy: CSM,
    participants: [],
    notes: '',
    renewalOutcome: null,
    acceleratorType: null,
    contentModule: null,
    sourceMessageUrl: null,
    createdAt: new Date(`${occurredOn}T12:00:00.000Z`),
    ...overrides,
  };
}
