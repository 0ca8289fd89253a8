/** Renewal periods: the renewal date rolls forward a year when a renewal is recorded (SPEC.md). */
import { isIsoDay } from '../domain/calendar-day';
import { addCalendar, type CalendarDay } from './calendar';

/**
 * The renewal date after a renewal is recorded on `recordedOn`: the first anniversary of
 * `renewalDate`, at least one year on, that falls after `recordedOn`.
 *
 * Usually that is one year on, whether the renewal was recorded early or late (2026-06-01 recorded
 * 2026-04-10 or 2026-06-20 gives 2027-06-01). A renewal recorded more than a year late skips the
 * anniversaries already past instead of opening a renewal task that is overdue on arrival.
 * Anniversaries are counted from `renewalDate` itself with month-end clamping, so 2028-02-29 rolls
 * to 2029-02-28. Storing the result as the account's renewal date is what starts the next
 * `renewal.question` period (its key is the renewal date).
 */
export function rollRenewalDate(renewalDate: CalendarDay, recordedOn: CalendarDay): CalendarDay {
  // Days compare as strings below, so a malformed one would never compare as passed.
  if (!isIsoDay(recordedOn)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${recordedOn}`);
  for (let years = 1; ; years += 1) {
    const next = addCalendar(renewalDate, { years });
    if (next > recordedOn) return next;
  }
}
