import { z } from 'zod';
import { addCalendar } from '../clocks/calendar';
import { ACCELERATOR_TYPES } from '../domain/activity';
import { isIsoDay } from '../domain/calendar-day';
import { hasControlCharacters } from '../domain/control-characters';

/** How far ahead a start may be planned: about a quarter, so the limits are judged on a near date. */
export const MAX_DAYS_AHEAD = 90;

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'Choose the CSA who runs it.');

/** What starting an accelerator needs, checked against "today" in the team's zone. */
export function startAcceleratorInputSchema(today: string) {
  const latest = addCalendar(today, { days: MAX_DAYS_AHEAD });
  return z.object({
    accountId: z.uuid({ error: 'Choose an account.' }),
    type: z.enum(ACCELERATOR_TYPES, { error: 'Choose the accelerator type.' }),
    contentModule: z
      .string()
      .trim()
      .max(300, 'A content module can be at most 300 characters.')
      .refine((module) => !hasControlCharacters(module), 'The content module contains a control character; remove it.')
      .nullable()
      .default(null)
      .transform((module) => (module ? module : null)),
    startsOn: z
      .string({ error: 'Pick the start date.' })
      .refine(isIsoDay, 'Pick the start date as YYYY-MM-DD.')
      .refine((day) => day <= latest, `Pick a start date within the next ${MAX_DAYS_AHEAD} days (by ${latest}).`),
    /** Left empty, the account's CSA runs it. */
    csaUserId: slackUserId.nullable().default(null),
  });
}

export type StartAcceleratorInput = z.infer<ReturnType<typeof startAcceleratorInputSchema>>;
