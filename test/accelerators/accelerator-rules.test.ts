import { describe, expect, it } from 'vitest';
import {
  acceleratorLimitProblem,
  acceleratorRunningOn,
  acceleratorWeekOn,
  contractQuarterOn,
  contractYearOn,
  describePhase,
  engagementAttachment,
  phaseOn,
} from '../../src/accelerators/accelerator-rules';
import type { Accelerator } from '../../src/domain/accelerator';

/** A contract starting 31 January 2027: quarters at month ends, hand-computed. */
const CONTRACT_START = '2027-01-31';

function accelerator(id: string, startsOn: string, type: Accelerator['type'] = 'CI'): Accelerator {
  return {
    id,
    accountId: 'acc-1',
    type,
    contentModule: null,
    startsOn,
    csaUserId: 'U0CSA00001',
    startedBy: 'U0CSA00001',
    createdAt: new Date(`${startsOn}T09:00:00Z`),
  };
}

describe('contract years and quarters', () => {
  it('counts quarters from a 31 January start as 31 Jan, 30 Apr, 31 Jul and 31 Oct, each ending the day before the next.', () => {
    expect(contractQuarterOn(CONTRACT_START, '2027-01-31')).toEqual({
      index: 0,
      firstDay: '2027-01-31',
      lastDay: '2027-04-29',
    });
    expect(contractQuarterOn(CONTRACT_START, '2027-04-29')?.index).toBe(0);
    expect(contractQuarterOn(CONTRACT_START, '2027-04-30')).toEqual({
      index: 1,
      firstDay: '2027-04-30',
      lastDay: '2027-07-30',
    });
    expect(contractQuarterOn(CONTRACT_START, '2027-07-31')).toEqual({
      index: 2,
      firstDay: '2027-07-31',
      lastDay: '2027-10-30',
    });
    expect(contractQuarterOn(CONTRACT_START, '2027-10-31')).toEqual({
      index: 3,
      firstDay: '2027-10-31',
      lastDay: '2028-01-30',
    });
    expect(contractQuarterOn(CONTRACT_START, '2028-01-31')?.index).toBe(4);
  });

  it('counts contract years from the contract start, and none before it.', () => {
    expect(contractYearOn(CONTRACT_START, '2028-01-30')).toEqual({
      index: 0,
      firstDay: '2027-01-31',
      lastDay: '2028-01-30',
    });
    expect(contractYearOn(CONTRACT_START, '2028-01-31')?.index).toBe(1);
    expect(contractYearOn('2024-02-29', '2025-02-28')).toEqual({
      index: 1,
      firstDay: '2025-02-28',
      lastDay: '2026-02-27',
    });
    expect(contractYearOn(CONTRACT_START, '2027-01-30')).toBeNull();
  });
});

describe('accelerator limits', () => {
  it('allows one accelerator a quarter and refuses a second in the same quarter, naming the one that counts.', () => {
    const first = [accelerator('a1', '2027-02-10')];
    expect(acceleratorLimitProblem(CONTRACT_START, '2027-04-30', first)).toBeNull();
    expect(acceleratorLimitProblem(CONTRACT_START, '2027-04-29', first)).toBe(
      'This quarter (Sun 31 Jan 2027 – Thu 29 Apr 2027) already has an accelerator, and it may have only one: CI (started Wed 10 Feb 2027). Start this one on Fri 30 Apr 2027 or later.',
    );
  });

  it('refuses a fifth accelerator in a contract year, naming the four that count, and allows it in the next year.', () => {
    const four = [
      accelerator('a1', '2027-02-01', 'CI'),
      accelerator('a2', '2027-05-03', 'CD'),
      accelerator('a3', '2027-08-02', 'Security'),
      accelerator('a4', '2027-11-01', 'AI'),
    ];
    expect(acceleratorLimitProblem(CONTRACT_START, '2028-01-20', four)).toBe(
      'This contract year (Sun 31 Jan 2027 – Sun 30 Jan 2028) already has 4 accelerators, the most it may have: CI (started Mon 1 Feb 2027), CD (started Mon 3 May 2027), Security (started Mon 2 Aug 2027), AI (started Mon 1 Nov 2027).',
    );
    expect(acceleratorLimitProblem(CONTRACT_START, '2028-01-31', four)).toBeNull();
  });

  it('refuses a start before the contract start.', () => {
    expect(acceleratorLimitProblem(CONTRACT_START, '2027-01-15', [])).toBe(
      'An accelerator cannot start before the contract start (Sun 31 Jan 2027).',
    );
  });
});

describe('accelerator weeks and phases', () => {
  it('puts the start day and the 6 after it in week 1 (discovery), the next 7 in week 2 (planning), execution until week 12 and close-out from it.', () => {
    const start = '2027-03-01';
    expect(acceleratorWeekOn(start, '2027-02-28')).toBeNull();
    expect([phaseOn(start, '2027-03-01'), phaseOn(start, '2027-03-07')]).toEqual(['discovery', 'discovery']);
    expect([phaseOn(start, '2027-03-08'), phaseOn(start, '2027-03-14')]).toEqual(['planning', 'planning']);
    expect([phaseOn(start, '2027-03-15'), phaseOn(start, '2027-05-16')]).toEqual(['execution', 'execution']);
    expect(phaseOn(start, '2027-05-17')).toBe('close_out');
    expect(describePhase(start, '2027-03-20', null)).toBe('Week 3 of 12: Execution');
    expect(describePhase(start, '2027-05-24', null)).toBe('Week 13: close-out overdue');
    expect(describePhase(start, '2027-05-24', '2027-05-20')).toBe('Closed out Thu 20 May 2027');
    expect(describePhase(start, '2027-02-20', null)).toBe('Planned: starts Mon 1 Mar 2027');
  });
});

describe('which accelerator a CSA engagement belongs to', () => {
  const progress = [
    { accelerator: accelerator('a1', '2027-02-01'), closedOutOn: '2027-04-20' },
    { accelerator: accelerator('a2', '2027-05-03'), closedOutOn: null },
  ];

  it('attaches to the latest accelerator started by then, in the phase its week is in unless one was chosen.', () => {
    expect(engagementAttachment(progress, '2027-05-05', null)).toEqual({
      acceleratorId: 'a2',
      acceleratorPhase: 'discovery',
    });
    expect(engagementAttachment(progress, '2027-05-05', 'planning')).toEqual({
      acceleratorId: 'a2',
      acceleratorPhase: 'planning',
    });
    expect(engagementAttachment(progress, '2027-03-01', null)).toEqual({
      acceleratorId: 'a1',
      acceleratorPhase: 'execution',
    });
  });

  it('attaches to none after a close-out and before the next start, or before any start.', () => {
    expect(acceleratorRunningOn(progress, '2027-04-20')?.accelerator.id).toBe('a1');
    expect(engagementAttachment(progress, '2027-04-25', null)).toEqual({ acceleratorId: null, acceleratorPhase: null });
    expect(engagementAttachment(progress, '2027-01-31', 'discovery')).toEqual({
      acceleratorId: null,
      acceleratorPhase: 'discovery',
    });
  });
});
