import { z } from 'zod';
import {
  CSM_SEGMENTS,
  effectivePriority,
  HEALTHS,
  PRIORITIES,
  SALES_SEGMENTS,
  salesSegmentForEmployees,
  TEAM_ROLES,
  type TeamRole,
} from '../domain/account';
import { isIsoDay } from '../domain/calendar-day';
import { hasControlCharacters } from '../domain/control-characters';
import type { NewAccount } from './account-repository';

const day = z.string().refine(isIsoDay, 'Pick a date as YYYY-MM-DD.').nullable().default(null);
const slackUser = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'is not a Slack user');

/** A new account as a person enters it in Slack; the result is ready for the repository. */
export const newAccountInputSchema = z
  .object({
    name: z
      .string({ error: 'Give the account a name.' })
      .trim()
      .min(1, 'Give the account a name.')
      .max(200, 'Names can be at most 200 characters.')
      .refine((name) => !/[\r\n]/.test(name), 'Names fit on one line.')
      .refine((name) => !hasControlCharacters(name), 'Names cannot contain control characters (such as NUL).'),
    channelId: z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'Pick a channel.')
      .nullable()
      .default(null),
    employeeCount: z.number().int().min(0, 'Employees cannot be negative.').max(10_000_000).nullable().default(null),
    salesSegment: z.enum(SALES_SEGMENTS).nullable().default(null),
    csmSegment: z.enum(CSM_SEGMENTS).nullable().default(null),
    priority: z.enum(PRIORITIES).default('PR3'),
    health: z.enum(HEALTHS).default('green'),
    contractStart: day,
    renewalDate: day,
    successServices: z.boolean().default(false),
    csaAseIdentifiedOn: day,
    successPlanActive: z.boolean().default(false),
    team: z.partialRecord(z.enum(TEAM_ROLES), slackUser.nullable()).default({}),
  })
  .superRefine((input, ctx) => {
    if (input.contractStart && input.renewalDate && input.renewalDate <= input.contractStart) {
      ctx.addIssue({
        code: 'custom',
        path: ['renewalDate'],
        message: 'The renewal date must be after the contract start.',
      });
    }
    if (input.csaAseIdentifiedOn && !input.successServices) {
      ctx.addIssue({
        code: 'custom',
        path: ['csaAseIdentifiedOn'],
        message:
          'CSA and ASE are identified only for Success Services accounts; tick Success Services or clear this date.',
      });
    }
  })
  .transform(
    (input): NewAccount => ({
      ...input,
      salesSegment:
        input.salesSegment ?? (input.employeeCount !== null ? salesSegmentForEmployees(input.employeeCount) : null),
      priority: effectivePriority(input.health, input.priority),
      team: Object.entries(input.team)
        .filter((entry): entry is [TeamRole, string] => typeof entry[1] === 'string')
        .map(([role, slackUserId]) => ({ role, slackUserId })),
    }),
  );
