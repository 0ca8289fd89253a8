import { tz } from '@date-fns/tz';
import { addDays, addMonths } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { addCalendar, type CalendarDay, type CalendarOffset, dayIn, startOfDayIn } from '../../src/clocks/calendar';

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

describe('startOfDayIn memoisation', () => {
  it('returns equal but distinct Date objects for repeated calls, so a caller cannot change the cache', () => {
    const first = startOfDayIn('2026-03-29', 'Europe/Berlin');
    const second = startOfDayIn('2026-03-29', 'Europe/Berlin');
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(second.toISOString()).toBe('2026-03-28T23:00:00.000Z');

    first.setTime(0);
    second.setUTCFullYear(1999);
    expect(startOfDayIn('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('keeps the same day apart in different zones', () => {
    expect(startOfDayIn('2026-07-15', 'Europe/Berlin').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfDayIn('2026-07-15', 'America/New_York').toISOString()).toBe('2026-07-15T04:00:00.000Z');
    expect(startOfDayIn('2026-07-15', 'Europe/Berlin').toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('keeps rejecting bad days and unknown zones on repeated calls', () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(() => startOfDayIn('2026-02-29', 'UTC')).toThrow(RangeError);
      expect(() => startOfDayIn('2026-03-01', 'Mars/Olympus_Mons')).toThrow(RangeError);
    }
  });

  it('starts every day of 2027 in Berlin on that day, right after the previous day ends', () => {
    for (let offset = 0; offset < 365; offset += 1) {
      const day = addCalendar('2027-01-01', { days: offset });
      const start = startOfDayIn(day, 'Europe/Berlin');
      expect(startOfDayIn(day, 'Europe/Berlin').getTime()).toBe(start.getTime());
      expect(dayIn(start, 'Europe/Berlin')).toBe(day);
      expect(dayIn(new Date(start.getTime() - 1), 'Europe/Berlin')).toBe(addCalendar(day, { days: -1 }));
    }
  });
});

describe('dayIn with shared formatters', () => {
  it('gives each zone its own answer when zones are interleaved', () => {
    const instant = new Date('2026-03-28T23:30:00.000Z');
    for (let round = 0; round < 3; round += 1) {
      expect(dayIn(instant, 'Europe/Berlin')).toBe('2026-03-29');
      expect(dayIn(instant, 'America/New_York')).toBe('2026-03-28');
      expect(dayIn(instant, 'Pacific/Kiritimati')).toBe('2026-03-29');
      expect(dayIn(instant, 'UTC')).toBe('2026-03-28');
    }
  });

  it('keeps rejecting an unknown zone on repeated calls', () => {
    expect(() => dayIn(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => dayIn(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

/** 'YYYY-MM-DD' of a Date's local calendar fields. */
function localDay(date: Date): CalendarDay {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * Reference for `addCalendar`: date-fns addMonths, then addDays. On a local Date at noon, which
 * every day of these years has in any zone, so the local calendar fields are the calendar day
 * whatever zone the tests run in (date-fns in UTC via TZDate is exact too, but ~100x slower).
 */
function referenceAdd(day: CalendarDay, offset: CalendarOffset): CalendarDay {
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  const months = (offset.years ?? 0) * 12 + (offset.months ?? 0);
  return localDay(addDays(addMonths(new Date(year, month - 1, dayOfMonth, 12), months), offset.days ?? 0));
}

/** The slow reference, exactly the previous implementation: date-fns on a UTC TZDate. */
function utcReferenceAdd(day: CalendarDay, offset: CalendarOffset): CalendarDay {
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  const months = (offset.years ?? 0) * 12 + (offset.months ?? 0);
  const moved = addDays(
    addMonths(new Date(Date.UTC(year, month - 1, dayOfMonth)), months, { in: tz('UTC') }),
    offset.days ?? 0,
  );
  return moved.toISOString().slice(0, 10);
}

const DAYS_OF_2027_AND_2028: CalendarDay[] = Array.from({ length: 731 }, (_, index) =>
  new Date(Date.UTC(2027, 0, 1 + index)).toISOString().slice(0, 10),
);
const range = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);
const DAY_OFFSETS = range(-400, 400, 37);
const MONTH_OFFSETS = range(-25, 25);
const YEAR_OFFSETS = range(-3, 3);

describe('addCalendar against a date-fns reference', () => {
  it('has the days of 2027 and 2028 it means to test', () => {
    expect(DAYS_OF_2027_AND_2028[0]).toBe('2027-01-01');
    expect(DAYS_OF_2027_AND_2028[59]).toBe('2027-03-01');
    expect(DAYS_OF_2027_AND_2028[365 + 59]).toBe('2028-02-29');
    expect(DAYS_OF_2027_AND_2028.at(-1)).toBe('2028-12-31');
    expect(DAY_OFFSETS).toHaveLength(22);
    expect(MONTH_OFFSETS).toHaveLength(51);
    expect(YEAR_OFFSETS).toHaveLength(7);
  });

  it('agrees on every day of 2027 and 2028 moved by days, months, years and mixes of them', () => {
    const offsets: CalendarOffset[] = [
      ...DAY_OFFSETS.map((days) => ({ days })),
      ...MONTH_OFFSETS.map((months) => ({ months })),
      ...YEAR_OFFSETS.map((years) => ({ years })),
      // A spread of all three at once; every fourth month offset keeps the loop well under a second.
      ...MONTH_OFFSETS.filter((_, i) => i % 4 === 0).map((months, i) => ({
        years: YEAR_OFFSETS[i % YEAR_OFFSETS.length],
        months,
        days: DAY_OFFSETS[(i * 5) % DAY_OFFSETS.length],
      })),
    ];
    const mismatches: string[] = [];
    for (const day of DAYS_OF_2027_AND_2028) {
      for (const offset of offsets) {
        const actual = addCalendar(day, offset);
        const expected = referenceAdd(day, offset);
        if (actual !== expected) mismatches.push(`${day} ${JSON.stringify(offset)}: ${actual}, expected ${expected}`);
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('agrees with date-fns on UTC dates, on a sample of month ends and leap days', () => {
    const days = [
      '2027-01-28',
      '2027-01-29',
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-12-31',
      '2028-02-28',
      '2028-02-29',
      '2028-08-31',
    ];
    const offsets: CalendarOffset[] = [
      ...range(-25, 25, 4).map((months) => ({ months })),
      ...YEAR_OFFSETS.map((years) => ({ years })),
      ...range(-400, 400, 111).map((days) => ({ days })),
      { years: 1, months: -13, days: 1 },
      { years: -1, months: 1, days: -1 },
    ];
    for (const day of days) {
      for (const offset of offsets)
        expect(addCalendar(day, offset), `${day} ${JSON.stringify(offset)}`).toBe(utcReferenceAdd(day, offset));
    }
  });
});

describe('addCalendar month ends and leap days', () => {
  it.each<[string, CalendarDay, CalendarOffset, CalendarDay]>([
    ['Jan 31 + 1 month in a common year', '2027-01-31', { months: 1 }, '2027-02-28'],
    ['Jan 31 + 1 month in a leap year', '2028-01-31', { months: 1 }, '2028-02-29'],
    ['Jan 30 + 1 month in a common year', '2027-01-30', { months: 1 }, '2027-02-28'],
    ['Jan 28 + 1 month keeps the day', '2027-01-28', { months: 1 }, '2027-02-28'],
    ['Mar 31 - 1 month in a leap year', '2028-03-31', { months: -1 }, '2028-02-29'],
    ['Mar 31 + 1 month', '2027-03-31', { months: 1 }, '2027-04-30'],
    ['Aug 31 + 1 month', '2027-08-31', { months: 1 }, '2027-09-30'],
    ['Oct 31 + 4 months across the year end', '2027-10-31', { months: 4 }, '2028-02-29'],
    ['Dec 31 + 2 months', '2026-12-31', { months: 2 }, '2027-02-28'],
    ['Dec 31 - 12 months', '2027-12-31', { months: -12 }, '2026-12-31'],
    ['Jan 15 - 1 month across the year start', '2027-01-15', { months: -1 }, '2026-12-15'],
    ['Jan 31 - 25 months', '2028-01-31', { months: -25 }, '2025-12-31'],
    ['Feb 29 + 1 year', '2028-02-29', { years: 1 }, '2029-02-28'],
    ['Feb 29 - 1 year', '2028-02-29', { years: -1 }, '2027-02-28'],
    ['Feb 29 + 4 years', '2028-02-29', { years: 4 }, '2032-02-29'],
    ['Feb 29 + 12 months', '2028-02-29', { months: 12 }, '2029-02-28'],
    ['Feb 28 + 1 year into a leap year stays on the 28th', '2027-02-28', { years: 1 }, '2028-02-28'],
    ['Feb 29 + 1 year then 1 day', '2028-02-29', { years: 1, days: 1 }, '2029-03-01'],
    ['Feb 29 + 4 years into 2100, a century that is not a leap year', '2096-02-29', { years: 4 }, '2100-02-28'],
    ['Feb 29 + 4 years into 2000, a century that is a leap year', '1996-02-29', { years: 4 }, '2000-02-29'],
    ['Feb 28 + 1 day in a leap year', '2028-02-28', { days: 1 }, '2028-02-29'],
    ['Feb 28 + 1 day in a common year', '2027-02-28', { days: 1 }, '2027-03-01'],
    ['Mar 1 - 1 day in a leap year', '2028-03-01', { days: -1 }, '2028-02-29'],
    ['Dec 31 + 1 day', '2027-12-31', { days: 1 }, '2028-01-01'],
    ['Jan 1 - 1 day', '2028-01-01', { days: -1 }, '2027-12-31'],
    ['a leap year of days', '2028-01-01', { days: 366 }, '2029-01-01'],
    ['months before days: Jan 31 + 1 month + 1 day', '2027-01-31', { months: 1, days: 1 }, '2027-03-01'],
    ['months before days: Jan 31 + 1 month - 1 day', '2027-01-31', { months: 1, days: -1 }, '2027-02-27'],
    [
      'years and months as one count: Feb 29 + 1 year - 12 months',
      '2028-02-29',
      { years: 1, months: -12 },
      '2028-02-29',
    ],
    ['an empty offset', '2028-02-29', {}, '2028-02-29'],
    ['zero offsets', '2027-01-31', { days: 0, months: 0, years: 0 }, '2027-01-31'],
    ['back past year 100, where Date.UTC would read 99 as 1999', '0100-03-01', { years: -1 }, '0099-03-01'],
    ['to the last day of year 9999', '9999-12-30', { days: 1 }, '9999-12-31'],
  ])('%s: %s %j = %s', (_name, day, offset, expected) => {
    expect(addCalendar(day, offset)).toBe(expected);
    expect(referenceAdd(day, offset)).toBe(expected);
  });

  it('rejects days that do not exist or are not written YYYY-MM-DD', () => {
    expect(() => addCalendar('2027-02-29', { days: 1 })).toThrow(RangeError);
    expect(() => addCalendar('2027-02-30', { months: 1 })).toThrow(RangeError);
    expect(() => addCalendar('2027-3-1', { years: 1 })).toThrow(RangeError);
    expect(() => addCalendar('2027-13-01', {})).toThrow(RangeError);
    expect(() => addCalendar('not a day', { days: 1 })).toThrow(RangeError);
  });
});
