import { describe, expect, it } from 'vitest';
import { isDatabaseUnreachable } from '../../src/db/database-unreachable';
import { DatabaseDeadlineError } from '../../src/db/request-timeouts';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });
/** How drizzle reports a driver's error: its own error, the driver's as the cause. */
const drizzleWrapped = (cause: unknown) => new Error('Failed query: select 1\nparams: ', { cause });

describe('isDatabaseUnreachable', () => {
  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENOTFOUND',
    'CONNECT_TIMEOUT',
    'CONNECTION_CLOSED',
    'CONNECTION_ENDED',
    'CONNECTION_DESTROYED',
    '57P01',
    '57P03',
    '08006',
  ])('recognises %s, also when drizzle wraps it', (code) => {
    expect(isDatabaseUnreachable(withCode(code))).toBe(true);
    expect(isDatabaseUnreachable(drizzleWrapped(withCode(code)))).toBe(true);
  });

  it('recognises the request deadline, also when drizzle wraps it', () => {
    expect(isDatabaseUnreachable(new DatabaseDeadlineError(2_000))).toBe(true);
    expect(isDatabaseUnreachable(drizzleWrapped(new DatabaseDeadlineError(2_000)))).toBe(true);
  });

  it('recognises a connect that failed on every address of a host (an AggregateError)', () => {
    const aggregate = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed');
    expect(isDatabaseUnreachable(drizzleWrapped(aggregate))).toBe(true);
  });

  it.each([
    ['a query the database refused (unique violation)', withCode('23505')],
    ['a NUL byte in text (22021)', withCode('22021')],
    ['an invalid uuid (22P02)', withCode('22P02')],
    ['an error with no code', new Error('something else')],
    ['a thrown string', 'ECONNREFUSED'],
    ['nothing at all', undefined],
  ])('does not take %s for an unreachable database', (_label, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
    expect(isDatabaseUnreachable(drizzleWrapped(error))).toBe(false);
  });

  it('stops on a cause chain that loops', () => {
    const looping = new Error('a') as Error & { cause?: unknown };
    looping.cause = looping;
    expect(isDatabaseUnreachable(looping)).toBe(false);
  });
});
