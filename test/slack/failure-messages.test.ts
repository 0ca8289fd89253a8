import { describe, expect, it } from 'vitest';
import { DatabaseDeadlineError } from '../../src/db/request-timeouts';
import {
  DATABASE_DOWN_MESSAGE,
  failureMessage,
  PART_WAY_MESSAGE,
  SOMETHING_WENT_WRONG_MESSAGE,
} from '../../src/slack/failure-messages';

describe('failureMessage', () => {
  it('says the database is unreachable and nothing was saved, in the words of issue #8', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(failureMessage(refused, false)).toBe(
      "cs-bot can't reach its database; nothing was saved, try again in a minute",
    );
    expect(failureMessage(new DatabaseDeadlineError(2_000), false)).toBe(DATABASE_DOWN_MESSAGE);
  });

  it('gives any other error a generic answer that still says nothing was saved', () => {
    expect(failureMessage(new TypeError('x is undefined'), false)).toBe(SOMETHING_WENT_WRONG_MESSAGE);
    expect(SOMETHING_WENT_WRONG_MESSAGE).toContain('nothing was saved');
  });

  it('never says nothing was saved once the request had committed a write', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(failureMessage(reset, true)).toBe(PART_WAY_MESSAGE);
    expect(failureMessage(new Error('x'), true)).toBe(PART_WAY_MESSAGE);
    expect(PART_WAY_MESSAGE).not.toContain('nothing was saved');
  });
});
