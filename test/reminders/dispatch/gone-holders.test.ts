import { describe, expect, it } from 'vitest';
import { watchGoneHolders } from '../../../src/reminders/dispatch/gone-holders';

const A = { pid: 101, startedAt: '2026-12-01 10:00:00.000001+00' };
const B = { pid: 102, startedAt: '2026-12-01 10:00:00.000002+00' };

describe('the watch over gone claim holders', () => {
  it('hands a holder over only once it has been seen gone for the grace, and says when that will be', () => {
    const watch = watchGoneHolders();

    const first = watch.settle([A], 1_000, 500);
    const still = watch.settle([A, B], 1_400, 500);
    const later = watch.settle([A, B], 1_500, 500);

    expect(first).toEqual({ due: [], nextAt: 1_500 });
    expect(still).toEqual({ due: [], nextAt: 1_500 });
    expect(later).toEqual({ due: [A], nextAt: 1_900 });
  });

  it('hands every gone holder over at once when there is no grace (one process per database)', () => {
    expect(watchGoneHolders().settle([A, B], 1_000, 0)).toEqual({ due: [A, B], nextAt: null });
  });

  it('starts the grace afresh for a holder that disappeared from the list and came back', () => {
    const watch = watchGoneHolders();
    watch.settle([A], 1_000, 500);
    watch.settle([], 1_200, 500);

    expect(watch.settle([A], 1_600, 500)).toEqual({ due: [], nextAt: 2_100 });
  });
});
