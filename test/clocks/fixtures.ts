/** Fixed accounts and activities for the clock tests. */

import type { AcceleratorPhase } from '../../src/domain/accelerator';
import type { Account } from '../../src/domain/account';
import { ACCELERATOR_STARTED, type Activity, type ActivityType, type ClockActivity } from '../../src/domain/activity';

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
    acceleratorId: null,
    acceleratorPhase: null,
    sourceMessageUrl: null,
    createdAt: new Date(`${occurredOn}T12:00:00.000Z`),
    ...overrides,
  };
}

/** An accelerator on `acc-1` starting on `startsOn`, as the clocks see it (a clock event, not an activity). */
export function makeAcceleratorStart(id: string, startsOn: string): ClockActivity {
  return {
    id,
    accountId: 'acc-1',
    type: ACCELERATOR_STARTED,
    occurredOn: startsOn,
    createdAt: new Date(`${startsOn}T08:00:00.000Z`),
    acceleratorId: id,
  };
}

/** A CSA engagement on `acc-1` belonging to accelerator `acceleratorId`, in `phase`. */
export function makeEngagement(id: string, occurredOn: string, acceleratorId: string | null, phase: AcceleratorPhase) {
  return makeActivity(id, 'csa_engagement', occurredOn, {
    acceleratorType: 'CI',
    acceleratorId,
    acceleratorPhase: phase,
  });
}
