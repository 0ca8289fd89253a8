import { TZDate } from '@date-fns/tz';
import { daysBetween, isoWeekOf } from '../clocks/calendar';
import { dayIn } from '../domain/calendar-day';
import { DIGEST_HOUR } from './digest-schedule';

/** Days after Monday the week's digest may still go out (Friday); none at the weekend. */
const LAST_WORKING_DAY = 4;

/**
 * The team digest of the week containing `now`: due Monday 09:00 in the team zone, and named by
 * that Monday (`day`, YYYY-MM-DD), which makes it one per week. Null before that instant, and on
 * Saturday and Sunday: a digest the bot missed (it was down on Monday) still goes out, late, on any
 * working day up to Friday, but not over the weekend, when nobody reads it and the next Monday's is
 * near. DST weeks are fine: 09:00 is built in the zone, not by adding hours to midnight.
 */
export function teamDigestMoment(now: Date, timeZone: string): { day: string; sendAt: Date } | null {
  const today = dayIn(now, timeZone);
  const monday = isoWeekOf(today).firstDay;
  if (daysBetween(monday, today) > LAST_WORKING_DAY) return null;
  const [year, month, date] = monday.split('-').map(Number) as [number, number, number];
  const sendAt = new TZDate(year, month - 1, date, DIGEST_HOUR, 0, 0, timeZone);
  if (now.getTime() < sendAt.getTime()) return null;
  return { day: monday, sendAt: new Date(sendAt.getTime()) };
}
