import { describe, expect, it } from 'vitest';
import { teamDigestMoment } from '../../src/reminders/team-digest-schedule';

const BERLIN = 'Europe/Berlin';

describe('teamDigestMoment', () => {
  it('is due at 09:00 on Monday in the team zone and named by that Monday', () => {
    // Monday 2 March 2026: Berlin is on CET (UTC+1), so 09:00 there is 08:00 UTC.
    expect(teamDigestMoment(new Date('2026-03-02T08:00:00Z'), BERLIN)).toEqual({
      day: '2026-03-02',
      sendAt: new Date('2026-03-02T08:00:00Z'),
    });
  });

  it('is not yet due on Monday before 09:00, even a second before, and that does not bring back last week’s', () => {
    expect(teamDigestMoment(new Date('2026-03-02T07:59:59Z'), BERLIN)).toBeNull();
    // 00:30 on Monday in Berlin is still Sunday 23:30 in UTC.
    expect(teamDigestMoment(new Date('2026-03-01T23:30:00Z'), BERLIN)).toBeNull();
  });

  it('stays the same Monday’s digest for the rest of the working week, so a missed one is still sent', () => {
    const monday = { day: '2026-03-02', sendAt: new Date('2026-03-02T08:00:00Z') };
    expect(teamDigestMoment(new Date('2026-03-03T12:00:00Z'), BERLIN)).toEqual(monday);
    expect(teamDigestMoment(new Date('2026-03-04T15:00:00Z'), BERLIN)).toEqual(monday);
    // Friday 23:59 in Berlin is 22:59 UTC.
    expect(teamDigestMoment(new Date('2026-03-06T22:59:00Z'), BERLIN)).toEqual(monday);
  });

  it('is never due on Saturday or Sunday in the team zone, even when UTC says Friday', () => {
    // Saturday 00:00 in Berlin is Friday 23:00 UTC.
    expect(teamDigestMoment(new Date('2026-03-06T23:00:00Z'), BERLIN)).toBeNull();
    expect(teamDigestMoment(new Date('2026-03-07T12:00:00Z'), BERLIN)).toBeNull();
    expect(teamDigestMoment(new Date('2026-03-01T12:00:00Z'), BERLIN)).toBeNull();
    expect(teamDigestMoment(new Date('2026-03-08T20:00:00Z'), BERLIN)).toBeNull();
  });

  it('keeps 09:00 local in the first week of summer time in Berlin', () => {
    // The week before: Monday 23 March is on CET, 09:00 = 08:00 UTC.
    expect(teamDigestMoment(new Date('2026-03-23T08:00:00Z'), BERLIN)?.sendAt).toEqual(
      new Date('2026-03-23T08:00:00Z'),
    );
    // Sunday 29 March the clocks go forward; nothing is due that day.
    expect(teamDigestMoment(new Date('2026-03-29T10:00:00Z'), BERLIN)).toBeNull();
    // Monday 30 March is on CEST (UTC+2): 09:00 = 07:00 UTC.
    expect(teamDigestMoment(new Date('2026-03-30T06:59:00Z'), BERLIN)).toBeNull();
    expect(teamDigestMoment(new Date('2026-03-30T07:00:00Z'), BERLIN)).toEqual({
      day: '2026-03-30',
      sendAt: new Date('2026-03-30T07:00:00Z'),
    });
  });

  it('keeps 09:00 local in the first week of winter time in Berlin', () => {
    // Monday 19 October is on CEST: 09:00 = 07:00 UTC.
    expect(teamDigestMoment(new Date('2026-10-19T07:00:00Z'), BERLIN)?.sendAt).toEqual(
      new Date('2026-10-19T07:00:00Z'),
    );
    // Sunday 25 October the clocks go back; Monday 26 October is on CET: 08:30 CET is 07:30 UTC,
    // which was 09:30 the week before and is not yet 09:00 now.
    expect(teamDigestMoment(new Date('2026-10-26T07:30:00Z'), BERLIN)).toBeNull();
    expect(teamDigestMoment(new Date('2026-10-26T08:00:00Z'), BERLIN)).toEqual({
      day: '2026-10-26',
      sendAt: new Date('2026-10-26T08:00:00Z'),
    });
  });

  it('names a week that spans the new year by its Monday in the old year', () => {
    // Friday 1 January 2027 belongs to the week of Monday 28 December 2026 (CET: 09:00 = 08:00 UTC).
    expect(teamDigestMoment(new Date('2027-01-01T10:00:00Z'), BERLIN)).toEqual({
      day: '2026-12-28',
      sendAt: new Date('2026-12-28T08:00:00Z'),
    });
  });

  it('counts Monday and 09:00 in the zone it is given, not in UTC', () => {
    // 13:59 UTC on Monday 2 March is 08:59 in New York (EST, UTC-5) but 14:59 in Berlin.
    expect(teamDigestMoment(new Date('2026-03-02T13:59:00Z'), 'America/New_York')).toBeNull();
    expect(teamDigestMoment(new Date('2026-03-02T14:00:00Z'), 'America/New_York')?.sendAt).toEqual(
      new Date('2026-03-02T14:00:00Z'),
    );
    // Monday 09:00 in Auckland (NZDT, UTC+13) is Sunday 20:00 UTC.
    expect(teamDigestMoment(new Date('2026-03-01T20:00:00Z'), 'Pacific/Auckland')).toEqual({
      day: '2026-03-02',
      sendAt: new Date('2026-03-01T20:00:00Z'),
    });
  });
});
