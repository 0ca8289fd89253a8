import { TZDate } from '@date-fns/tz';
import { dayIn } from '../domain/calendar-day';

/** The overdue DM goes out at this local hour, Monday to Friday (SPEC.md, "Where reminders go"). */
export const DIGEST_HOUR = 9;

/**
 * When a person's overdue digest for the local day containing `now` is due: 09:00 on that day in
 * their own zone, on working days only. Null on a Saturday or Sunday (in their zone) and before
 * 09:00, so the caller creates the day's digest only once its time has come. DST days are fine:
 * 09:00 is built in the zone, not by adding hours to midnight.
 */
export function digestMoment(now: Date, timeZone: string): { day: string; sendAt: Date } | null {
  const day = dayIn(now, timeZone);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const sendAt = new TZDate(year, month - 1, date, DIGEST_HOUR, 0, 0, timeZone);
  const weekday = sendAt.getDay();
  if (weekday === 0 || weekday === 6) return null;
  if (now.getTime() < sendAt.getTime()) return null;
  return { day, sendAt: new Date(sendAt.getTime()) };
}
