import { describe, expect, it } from 'vitest';
import { daysBetween, isoWeekOf, reportWeeks } from '../../src/reports/report-days';

describe('report weeks and day distances', () => {
  it('puts a Wednesday, a Monday and a Sunday in the Monday-to-Sunday week that holds them', () => {
    expect(isoWeekOf('2026-12-02')).toEqual({ firstDay: '2026-11-30', lastDay: '2026-12-06' });
    expect(isoWeekOf('2026-11-30')).toEqual({ firstDay: '2026-11-30', lastDay: '2026-12-06' });
    expect(isoWeekOf('2026-12-06')).toEqual({ firstDay: '2026-11-30', lastDay: '2026-12-06' });
  });

  it('crosses a year end: Friday 1 January 2027 is in the week of Monday 28 December 2026', () => {
    expect(isoWeekOf('2027-01-01')).toEqual({ firstDay: '2026-12-28', lastDay: '2027-01-03' });
  });

  it('lists the current week and the four before it, the nearest first', () => {
    expect(reportWeeks('2026-12-02', 4)).toEqual({
      current: { firstDay: '2026-11-30', lastDay: '2026-12-06' },
      previous: [
        { firstDay: '2026-11-23', lastDay: '2026-11-29' },
        { firstDay: '2026-11-16', lastDay: '2026-11-22' },
        { firstDay: '2026-11-09', lastDay: '2026-11-15' },
        { firstDay: '2026-11-02', lastDay: '2026-11-08' },
      ],
    });
  });

  it('counts days across a daylight-saving change and a leap day as whole days', () => {
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-02', '2026-11-30')).toBe(-2);
  });
});
