/** Calendar-day arithmetic the reports need on top of the clocks': weeks and distances in days. */
import { addCalendar, type CalendarDay, type CalendarWeek, daysBetween, isoWeekOf } from '../clocks/calendar';

/** A week of the report: Monday to Sunday (ISO), both days included. */
export type ReportWeek = CalendarWeek;

export { daysBetween, isoWeekOf };

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
