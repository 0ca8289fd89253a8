/** Calendar-day arithmetic the reports need on top of the clocks': weeks and distances in days. */
import { addCalendar, type CalendarDay } from '../clocks/calendar';

/** A week of the report: Monday to Sunday (ISO), both days included. */
export interface ReportWeek {
  firstDay: CalendarDay;
  lastDay: CalendarDay;
}

const utcMidnight = (day: CalendarDay): number => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, date);
};

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / 86_400_000);
}

/** The ISO week (Monday to Sunday) holding `day`. */
export function isoWeekOf(day: CalendarDay): ReportWeek {
  // getUTCDay counts from Sunday (0); an ISO week starts on Monday.
  const sinceMonday = (new Date(utcMidnight(day)).getUTCDay() + 6) % 7;
  const firstDay = addCalendar(day, { days: -sinceMonday });
  return { firstDay, lastDay: addCalendar(firstDay, { days: 6 }) };
}

/** The week holding `today` and the `previous` whole weeks before it, the nearest first. */
export function reportWeeks(today: CalendarDay, previous: number): { current: ReportWeek; previous: ReportWeek[] } {
  const current = isoWeekOf(today);
  return {
    current,
    previous: Array.from({ length: previous }, (_, index) => {
      const firstDay = addCalendar(current.firstDay, { days: -7 * (index + 1) });
      return { firstDay, lastDay: addCalendar(firstDay, { days: 6 }) };
    }),
  };
}

export const inWeek = (week: ReportWeek, day: CalendarDay): boolean => week.firstDay <= day && day <= week.lastDay;
