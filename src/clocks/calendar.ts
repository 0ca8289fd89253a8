/**
 * Calendar-day arithmetic for the customer clocks.
 *
 * Account dates (contract start, renewal date, CSA/ASE identified on, an activity's occurredOn) are
 * calendar days written 'YYYY-MM-DD' with no zone of their own: they mean "that day in the team's
 * time zone". The clocks therefore do their date math on plain days and only turn a day into an
 * instant at the very end, with `startOfDayIn`.
 *
 * The rule for every offset in `rules.ts`: "N days (or months) after" an anchor day is the START of
 * day anchor+N in the team zone. So a rule "due 24 hours after X" anchored on a day is due at the
 * start of the next day: the team has the whole anchor day, and it becomes overdue at the first
 * instant of the following day. Every opensAt and dueAt a clock produces is such a start-of-day
 * instant, which keeps them stable across daylight-saving changes (a "day" is 23 or 25 hours then).
 */
import { TZDate } from '@date-fns/tz';
import { isIsoDay } from '../domain/calendar-day';

/** The calendar day an instant falls on in a zone; the same function the rest of the app uses. */
export { dayIn } from '../domain/calendar-day';

/** A calendar day, 'YYYY-MM-DD'. Strings of this shape sort in date order. */
export type CalendarDay = string;

/** Calendar offsets; months and years are applied before days (see `addCalendar`). */
export interface CalendarOffset {
  readonly days?: number;
  readonly months?: number;
  readonly years?: number;
}

interface DayParts {
  year: number;
  monthIndex: number;
  day: number;
}

function parseDay(day: CalendarDay): DayParts {
  if (!isIsoDay(day)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${day}`);
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  return { year, monthIndex: month - 1, day: dayOfMonth };
}

function toDay(year: number, monthIndex: number, day: number): CalendarDay {
  return `${String(year).padStart(4, '0')}-${String(monthIndex + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Memo for `startOfDayIn`, keyed `${timeZone}|${day}`: a planner pass asks for the same few days in
 * the same zone over and over, and each TZDate construction does Intl time-zone work. Holds epoch
 * milliseconds, never a Date, so no caller can mutate a cached value. Bounded: cleared once it
 * grows past START_OF_DAY_CACHE_LIMIT entries (a long-running bot sees new days every day).
 */
const startOfDayCache = new Map<string, number>();
const START_OF_DAY_CACHE_LIMIT = 10_000;

/**
 * The instant `day` begins in `timeZone`: local midnight, correct across daylight saving
 * (2026-03-29 in Europe/Berlin begins at 2026-03-28T23:00Z, 2026-10-25 at 2026-10-24T22:00Z).
 * Where a zone skips midnight itself (America/Santiago springs forward at 00:00), the day begins at
 * its first existing instant, 01:00.
 *
 * Results are memoised per (zone, day); every call returns a fresh Date.
 */
export function startOfDayIn(day: CalendarDay, timeZone: string): Date {
  const key = `${timeZone}|${day}`;
  const cached = startOfDayCache.get(key);
  if (cached !== undefined) return new Date(cached);
  const { year, monthIndex, day: dayOfMonth } = parseDay(day);
  const instant = new TZDate(year, monthIndex, dayOfMonth, timeZone).getTime();
  // TZDate does not throw on a zone it cannot resolve; it yields an invalid date instead.
  if (Number.isNaN(instant)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  if (startOfDayCache.size >= START_OF_DAY_CACHE_LIMIT) startOfDayCache.clear();
  startOfDayCache.set(key, instant);
  // A plain Date, so callers compare and serialize instants without zone baggage.
  return new Date(instant);
}

/** Epoch milliseconds of a UTC calendar date; out-of-range parts roll over as in `Date.UTC`. */
function utcTime(year: number, monthIndex: number, day: number): number {
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes the year as given.
  if (year >= 0 && year <= 99) return new Date(0).setUTCFullYear(year, monthIndex, day);
  return Date.UTC(year, monthIndex, day);
}

/**
 * `day` moved by `offset`, as calendar arithmetic with no time zone involved.
 *
 * Rule: years and months are added first, as one number of months, and a day past the end of the
 * target month is clamped to its last day (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year;
 * Feb 29 + 1 year = Feb 28). Days are added after that. Negative offsets count backwards the same
 * way (May 31 - 3 months = Feb 28).
 *
 * Clamping makes month steps non-associative (Jan 31 + 1 month + 1 month = Mar 28, but
 * Jan 31 + 2 months = Mar 31), so recurring clocks always add the total offset to the original
 * anchor day instead of chaining steps.
 *
 * How: plain arithmetic on the day's parts. The months become a target year and month, the day is
 * clamped to that month's length, and the days are then added with `Date.UTC`, which rolls over
 * month and year ends. UTC has no daylight saving, so no day is 23 or 25 hours long. (This gives
 * the same results as date-fns `addMonths` then `addDays` on a UTC date, at a fraction of the cost;
 * the tests hold it to that.)
 */
export function addCalendar(day: CalendarDay, offset: CalendarOffset): CalendarDay {
  const { year, monthIndex, day: dayOfMonth } = parseDay(day);
  const months = (offset.years ?? 0) * 12 + (offset.months ?? 0);
  const days = offset.days ?? 0;
  // Whole months from year 0, January. Math.trunc(monthIndex + months + 1) - 1 is monthIndex + months
  // for whole months, and truncates a fractional count the way Date setters do.
  const totalMonths = year * 12 + Math.trunc(monthIndex + months + 1) - 1;
  const targetYear = Math.floor(totalMonths / 12);
  const targetMonth = totalMonths - targetYear * 12;
  // Day 0 of the following month is the last day of the target month (NaN when out of Date's range).
  const daysInTarget = new Date(utcTime(targetYear, targetMonth + 1, 0)).getUTCDate();
  const clamped = Math.min(dayOfMonth, daysInTarget);
  const moved = new Date(utcTime(targetYear, targetMonth, clamped + days));
  return toDay(moved.getUTCFullYear(), moved.getUTCMonth(), moved.getUTCDate());
}

const utcMidnightOf = (day: CalendarDay): number => {
  const { year, monthIndex, day: dayOfMonth } = parseDay(day);
  return utcTime(year, monthIndex, dayOfMonth);
};

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((utcMidnightOf(to) - utcMidnightOf(from)) / 86_400_000);
}

/** A calendar week, Monday to Sunday (ISO), both days included. */
export interface CalendarWeek {
  firstDay: CalendarDay;
  lastDay: CalendarDay;
}

/** The ISO week (Monday to Sunday) holding `day`. */
export function isoWeekOf(day: CalendarDay): CalendarWeek {
  // getUTCDay counts from Sunday (0); an ISO week starts on Monday.
  const sinceMonday = (new Date(utcMidnightOf(day)).getUTCDay() + 6) % 7;
  const firstDay = addCalendar(day, { days: -sinceMonday });
  return { firstDay, lastDay: addCalendar(firstDay, { days: 6 }) };
}
