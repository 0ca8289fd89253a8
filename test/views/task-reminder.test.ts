import { describe, expect, it } from 'vitest';
import { parseSnoozeValue, snoozeValue } from '../../src/views/task-reminder';

const TASK = '3b85f694-af7d-49a8-8a7d-6af0b4c98a19';

describe('snooze option values', () => {
  it('read back the task and the choice they were written with', () => {
    expect(parseSnoozeValue(snoozeValue(TASK, '1w'))).toEqual({ taskId: TASK, choice: '1w' });
  });

  it('reject forged or stale values, including names inherited from Object', () => {
    for (const value of [undefined, '', TASK, `${TASK}|2d`, `${TASK}|toString`, `not-a-uuid|1d`]) {
      expect(parseSnoozeValue(value)).toBeNull();
    }
  });
});
