import { describe, expect, it } from 'vitest';
import { addCalendar, dayIn, startOfDayIn } from '../../src/clocks/calendar';

describe('startOfDayIn', () => {
  it('returns local midnight as an instant in a zone without daylight saving on that day', () => {
    expect(startOfDayIn('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(startOfDayIn('2026-07-15', 'America/New_York').toISOString()).toBe('2026-07-15T04:00:00.000Z');
  });

  it('returns local midnight on the days New York springs forward and falls back', () => {
    expect(startOfDayIn('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDayIn('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfDayIn('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfDayIn('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('returns local midnight on the days Berlin springs forward and falls back', () => {
    expect(startOfDayIn('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayIn('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDayIn('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfDayIn('2026-10-26', 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts a day at its first existing instant when the zone skips midnight itself', () => {
    // Chile springs forward at 00:00 on 2026-09-06, so that day begins at 01:00 local (-03:00).
    expect(startOfDayIn('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('rejects days that do not exist and unknown time zones', () => {
    expect(() => startOfDayIn('2026-02-29', 'UTC')).toThrow(RangeError);
    expect(() => startOfDayIn('2026-3-1', 'UTC')).toThrow(RangeError);
    expect(() => startOfDayIn('2026-03-01', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('dayIn', () => {
  it('reads the calendar day of an instant in the team zone, not in UTC', () => {
    const instant = new Date('2026-03-28T23:30:00.000Z');
    expect(dayIn(instant, 'Europe/Berlin')).toBe('2026-03-29');
    expect(dayIn(instant, 'America/New_York')).toBe('2026-03-28');
    expect(dayIn(instant, 'UTC')).toBe('2026-03-28');
  });

  it('places the first instant of a day on that day and the instant before on the previous day', () => {
    const start = startOfDayIn('2026-11-01', 'America/New_York');
    expect(dayIn(start, 'America/New_York')).toBe('2026-11-01');
    expect(dayIn(new Date(start.getTime() - 1), 'America/New_York')).toBe('2026-10-31');
  });
});

describe('addCalendar', () => {
  it('adds days across month and year ends', () => {
    expect(addCalendar('2026-03-02', { days: 30 })).toBe('2026-04-01');
    expect(addCalendar('2026-12-25', { days: 7 })).toBe('2027-01-01');
    expect(addCalendar('2026-03-02', { days: -7 })).toBe('2026-02-23');
  });

  it('clamps a month-end day to the last day of a shorter target month', () => {
    expect(addCalendar('2027-01-31', { months: 1 })).toBe('2027-02-28');
    expect(addCalendar('2028-01-31', { months: 1 })).toBe('2028-02-29');
    expect(addCalendar('2028-01-31', { months: 3 })).toBe('2028-04-30');
    expect(addCalendar('2027-05-31', { months: -3 })).toBe('2027-02-28');
  });

  it('moves 29 February to 28 February in a year without one and back to the 29th in the next leap year', () => {
    expect(addCalendar('2028-02-29', { years: 1 })).toBe('2029-02-28');
    expect(addCalendar('2028-02-29', { years: 4 })).toBe('2032-02-29');
  });

  it('adds months before days and counts years as twelve months', () => {
    expect(addCalendar('2026-08-31', { months: 6, days: -7 })).toBe('2027-02-21');
    expect(addCalendar('2026-03-02', { years: 1, months: 5 })).toBe('2027-08-02');
  });

  it('does not chain clamped steps, which is why recurring clocks add to the original day', () => {
    const chained = addCalendar(addCalendar('2027-01-31', { months: 1 }), { months: 1 });
    expect(chained).toBe('2027-03-28');
    expect(addCalendar('2027-01-31', { months: 2 })).toBe('2027-03-31');
  });

  it('adds days across the days daylight saving changes, where a day is not 24 hours long', () => {
    expect(addCalendar('2026-03-07', { days: 2 })).toBe('2026-03-09');
    expect(addCalendar('2026-10-31', { days: 2 })).toBe('2026-11-02');
  });
});
