import { z } from 'zod';
import { ACCELERATOR_PHASES } from '../domain/accelerator';
import { ACCELERATOR_TYPES, ACTIVITY_TYPES, NOTES_MAX_LENGTH, RENEWAL_OUTCOMES } from '../domain/activity';
import { isIsoDay } from '../domain/calendar-day';
import { hasControlCharacters } from '../domain/control-characters';

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'is not a Slack user');

/**
 * What logging an activity needs, checked against "today" in the team's zone. Fields that only
 * make sense for one type (renewal outcome, accelerator) are dropped for the others so a type
 * change in the modal never stores stale values.
 */
function buildLogActivityInputSchema(today: string) {
  return z
    .object({
      accountId: z.uuid({ error: 'Choose an account.' }),
      type: z.enum(ACTIVITY_TYPES, { error: 'Choose an activity type.' }),
      occurredOn: z
        .string({ error: 'Pick a date.' })
        .refine(isIsoDay, 'Pick a date as YYYY-MM-DD.')
        .refine((day) => day <= today, `The date cannot be in the future (today is ${today}).`),
      loggedBy: slackUserId,
      participants: z.array(slackUserId).max(50, 'At most 50 participants.').default([]),
      notes: z
        .string()
        .default('')
        .transform((notes) => notes.trim())
        .refine((notes) => notes.length <= NOTES_MAX_LENGTH, {
          error: (issue) =>
            `Notes can be at most ${NOTES_MAX_LENGTH} characters; these have ${String(issue.input).trim().length}.`,
        })
        .refine((notes) => !hasControlCharacters(notes), 'Notes contain a control character (such as NUL); remove it.'),
      renewalOutcome: z.enum(RENEWAL_OUTCOMES).nullable().default(null),
      acceleratorType: z.enum(ACCELERATOR_TYPES).nullable().default(null),
      contentModule: z
        .string()
        .trim()
        .max(300, 'A content module can be at most 300 characters.')
        .refine(
          (module) => !hasControlCharacters(module),
          'The content module contains a control character; remove it.',
        )
        .nullable()
        .default(null)
        .transform((module) => (module ? module : null)),
      /** Left null, the running accelerator's week decides (see attachToAccelerator). */
      acceleratorPhase: z.enum(ACCELERATOR_PHASES, { error: 'Choose an accelerator phase.' }).nullable().default(null),
      sourceMessageUrl: z
        .url({ protocol: /^https$/ })
        .max(1000)
        .nullable()
        .default(null),
    })
    .superRefine((input, ctx) => {
      if (input.type === 'renewal_call' && !input.renewalOutcome) {
        ctx.addIssue({
          code: 'custom',
          path: ['renewalOutcome'],
          message: 'Record the answer to the renewal question.',
        });
      }
      if (input.type === 'csa_engagement' && !input.acceleratorType) {
        ctx.addIssue({ code: 'custom', path: ['acceleratorType'], message: 'Choose the accelerator type.' });
      }
    })
    .transform((input) => ({
      ...input,
      renewalOutcome: input.type === 'renewal_call' ? input.renewalOutcome : null,
      acceleratorType: input.type === 'csa_engagement' ? input.acceleratorType : null,
      contentModule: input.type === 'csa_engagement' ? input.contentModule : null,
      acceleratorPhase: input.type === 'csa_engagement' ? input.acceleratorPhase : null,
    }));
}

/**
 * The schema for `today`, built once a day rather than for every request (building one costs
 * about a millisecond of the event loop that acks Slack); a zod schema is immutable, so it is shared.
 */
let latest: { today: string; schema: ReturnType<typeof buildLogActivityInputSchema> } | null = null;

export function logActivityInputSchema(today: string) {
  if (latest?.today !== today) latest = { today, schema: buildLogActivityInputSchema(today) };
  return latest.schema;
}

export type LogActivityInput = z.infer<ReturnType<typeof logActivityInputSchema>>;
