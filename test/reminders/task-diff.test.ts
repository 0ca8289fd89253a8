import { describe, expect, it } from 'vitest';
import type { PlannedTask } from '../../src/clocks/plan-tasks';
import type { StoredTaskKey } from '../../src/domain/task';
import { diffTasks, isEmptyDiff } from '../../src/reminders/task-diff';

function planned(overrides: Partial<PlannedTask> & { ruleId: string }): PlannedTask {
  return {
    accountId: 'a1',
    periodKey: '2026-03-02',
    title: overrides.ruleId,
    forRole: 'CSM',
    forUserId: 'U0CSM00001',
    opensAt: new Date('2026-03-02T00:00:00Z'),
    dueAt: new Date('2026-03-03T00:00:00Z'),
    completedByActivityId: null,
    completedByAcceleratorId: null,
    ...overrides,
  };
}

function stored(overrides: Partial<StoredTaskKey> & { id: string; ruleId: string }): StoredTaskKey {
  return { periodKey: '2026-03-02', status: 'open', forUser: 'U0CSM00001', ...overrides };
}

describe('diffTasks', () => {
  it('finds nothing to do when the stored tasks already match the plan', () => {
    const diff = diffTasks(
      [planned({ ruleId: 'onboarding.welcome' })],
      [stored({ id: 't1', ruleId: 'onboarding.welcome' })],
    );
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('inserts new tasks, completes open ones whose activity was logged, and reassigns when the team changed', () => {
    const diff = diffTasks(
      [
        planned({ ruleId: 'onboarding.welcome', completedByActivityId: 'act1' }),
        planned({ ruleId: 'handoff.csm_kickoff', forUserId: 'U0NEWCSM01' }),
        planned({ ruleId: 'onboarding.personal_introduction' }),
      ],
      [stored({ id: 't1', ruleId: 'onboarding.welcome' }), stored({ id: 't2', ruleId: 'handoff.csm_kickoff' })],
    );
    expect(diff.completions).toEqual([{ id: 't1', activityId: 'act1', acceleratorId: null }]);
    expect(diff.reassignments).toEqual([{ id: 't2', forUser: 'U0NEWCSM01' }]);
    expect(diff.inserts.map((task) => task.ruleId)).toEqual(['onboarding.personal_introduction']);
    expect(diff.closures).toEqual([]);
  });

  it('closes open tasks that left the plan but leaves closed ones and finished ones alone', () => {
    const diff = diffTasks(
      [],
      [
        stored({ id: 't1', ruleId: 'cadence.strategic_pr1' }),
        stored({ id: 't2', ruleId: 'onboarding.welcome', status: 'done' }),
        stored({ id: 't3', ruleId: 'ebr.contract_year', status: 'snoozed' }),
      ],
    );
    expect(diff.closures).toEqual(['t1', 't3']);
  });

  it('reopens a done task the plan no longer sees completed, and leaves done ones it still sees completed', () => {
    const welcome = planned({ ruleId: 'onboarding.welcome' });
    const kickoff = planned({ ruleId: 'handoff.csm_kickoff', completedByActivityId: 'act2' });
    const diff = diffTasks(
      [welcome, kickoff],
      [
        stored({ id: 't1', ruleId: 'onboarding.welcome', status: 'done' }),
        stored({ id: 't2', ruleId: 'handoff.csm_kickoff', status: 'done' }),
      ],
    );
    expect(diff.reopenings).toEqual([{ id: 't1', task: welcome }]);
    expect(diff.completions).toEqual([]);
    expect(isEmptyDiff(diff)).toBe(false);
  });
});
