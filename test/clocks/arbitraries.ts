/** fast-check generators of accounts and timelines for the clocks' property tests. */
import fc from 'fast-check';
import { addCalendar } from '../../src/clocks/calendar';
import { type Account, CSM_SEGMENTS, HEALTHS, PRIORITIES } from '../../src/domain/account';
import { ACTIVITY_TYPES, type Activity } from '../../src/domain/activity';
import { makeAccount, makeActivity } from './fixtures';

const BASE_DAY = '2025-01-15';

/** A day within `span` days after 2025-01-15, as YYYY-MM-DD. */
export const dayArbitrary = (span = 900) =>
  fc.integer({ min: 0, max: span }).map((offset) => addCalendar(BASE_DAY, { days: offset }));

export const accountArbitrary: fc.Arbitrary<Account> = fc
  .record({
    csmSegment: fc.constantFrom(...CSM_SEGMENTS),
    priority: fc.constantFrom(...PRIORITIES),
    health: fc.constantFrom(...HEALTHS),
    contractStart: fc.option(dayArbitrary(700), { nil: null }),
    renewalOffsetDays: fc.integer({ min: 200, max: 800 }),
    successServices: fc.boolean(),
    csaAseOffsetDays: fc.option(fc.integer({ min: -20, max: 60 }), { nil: null }),
    successPlanActive: fc.boolean(),
  })
  .map(({ contractStart, renewalOffsetDays, csaAseOffsetDays, ...fields }) =>
    makeAccount({
      ...fields,
      contractStart,
      renewalDate: contractStart ? addCalendar(contractStart, { days: renewalOffsetDays }) : null,
      csaAseIdentifiedOn:
        contractStart && csaAseOffsetDays !== null ? addCalendar(contractStart, { days: csaAseOffsetDays }) : null,
    }),
  );

/** Up to `max` activities of any type on any day of the span, each with its own id. */
export const timelineArbitrary = (max = 25): fc.Arbitrary<Activity[]> =>
  fc
    .array(fc.record({ type: fc.constantFrom(...ACTIVITY_TYPES), day: dayArbitrary() }), { maxLength: max })
    .map((drafts) => drafts.map(({ type, day }, index) => makeActivity(`act-${index}`, type, day)));
