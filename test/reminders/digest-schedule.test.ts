import { describe, expect, it } from 'vitest';
import { digestMoment } from '../../src/reminders/digest-schedule';

describe('digestMoment', () => {
  it('is due at 09:00 local time on a weekday, in each person’s own zone', () => {
    // Monday 2026-11-23, 14:30 UTC: 09:30 in New York, 15:30 in Berlin.
    const now = new Date('2026-11-23T14:30:00Z');
    expect(digestMoment(now, 'America/New_York')).toEqual({
      day: '2026-11-23',
      sendAt: new Date('2026-11-23T14:00:00Z'),
    });
    expect(digestMoment(now, 'Europe/Berlin')).toEqual({ day: '2026-11-23', sendAt: new Date('2026-11-23T08:00:00Z') });
  });

  it('is not yet due before 09:00 local time', () => {
    // 13:59 UTC is 08:59 in New York but already 14:59 in Berlin.
    const now = new Date('2026-11-23T13:59:00Z');
    expect(digestMoment(now, 'America/New_York')).toBeNull();
    expect(digestMoment(now, 'Europe/Berlin')).not.toBeNull();
  });

  it('sends nothing on a Saturday or Sunday in the person’s zone, even when it is Friday or Monday in UTC', () => {
    expect(digestMoment(new Date('2026-11-28T12:00:00Z'), 'Europe/Berlin')).toBeNull();
    expect(digestMoment(new Date('2026-11-29T12:00:00Z'), 'America/New_York')).toBeNull();
    // Saturday 01:00 UTC is still Friday 20:00 in New York: Friday's digest is due.
    expect(digestMoment(new Date('2026-11-28T01:00:00Z'), 'America/New_York')?.day).toBe('2026-11-27');
    // Monday 10:00 in Auckland is Sunday 21:00 UTC.
    expect(digestMoment(new Date('2026-11-29T21:00:00Z'), 'Pacific/Auckland')?.day).toBe('2026-11-30');
  });

  it('keeps 09:00 local on the days clocks change', () => {
    // 2026-03-09 (Monday) is the first working day after New York springs forward: 09:00 EDT = 13:00 UTC.
    expect(digestMoment(new Date('2026-03-09T13:00:00Z'), 'America/New_York')?.sendAt).toEqual(
      new Date('2026-03-09T13:00:00Z'),
    );
    // 2026-10-26 (Monday) is the day after Berlin falls back: 09:00 CET = 08:00 UTC.
    expect(digestMoment(new Date('2026-10-26T08:00:00Z'), 'Europe/Berlin')?.sendAt).toEqual(
      new Date('2026-10-26T08:00:00Z'),
    );
  });
});
