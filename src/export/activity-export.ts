/**
 * The activities export: one row per activity that counts (deleted ones are left out), with the
 * account by name, so the file joins the accounts export, and the accelerator an engagement
 * belongs to spelled out, so a CRM needs no second file to read it.
 */
import { createAcceleratorRepository } from '../accelerators/accelerator-repository';
import { createAccountRepository } from '../accounts/account-repository';
import { createActivityRepository } from '../activities/activity-repository';
import type { DbOrTx } from '../db/database';
import { ACCELERATOR_PHASES, type Accelerator } from '../domain/accelerator';
import { ACCELERATOR_TYPES, ACTIVITY_TYPES, type Activity, RENEWAL_OUTCOMES } from '../domain/activity';
import { dayIn } from '../domain/calendar-day';
import { toCsv } from './csv-text';

/** How a list of Slack user ids is written in one cell: the separator CRMs take for multi-value fields. */
export const PARTICIPANT_SEPARATOR = ';';

export const ACTIVITY_EXPORT_COLUMNS = [
  { name: 'activity_id', description: "cs-bot's id for the activity (a UUID), the same in every export." },
  { name: 'account_name', description: 'The account, by its name now (the name column of accounts export).' },
  { name: 'type', description: `One of ${ACTIVITY_TYPES.join(', ')}.` },
  { name: 'occurred_on', description: 'The day it happened (YYYY-MM-DD).' },
  { name: 'logged_by', description: 'Who logged it (Slack user id).' },
  { name: 'logged_on', description: 'The day it was logged, in CS_TIMEZONE (YYYY-MM-DD).' },
  {
    name: 'participants',
    description: `Who took part, as Slack user ids separated by "${PARTICIPANT_SEPARATOR}" (empty if nobody).`,
  },
  { name: 'notes', description: 'The notes as written; several lines stay in one quoted field.' },
  { name: 'renewal_outcome', description: `Renewal calls: one of ${RENEWAL_OUTCOMES.join(', ')}.` },
  {
    name: 'accelerator_type',
    description: `CSA engagements: the type logged, one of ${ACCELERATOR_TYPES.join(', ')}.`,
  },
  { name: 'content_module', description: 'CSA engagements: the content module logged, if any.' },
  {
    name: 'accelerator_id',
    description: 'The accelerator (a UUID) a CSA engagement belongs to, when one was running.',
  },
  { name: 'accelerator_phase', description: `Its phase then: one of ${ACCELERATOR_PHASES.join(', ')}.` },
  { name: 'linked_accelerator_type', description: "That accelerator's type, as it was started." },
  { name: 'linked_accelerator_starts_on', description: "That accelerator's start day (YYYY-MM-DD)." },
  { name: 'source_message_url', description: 'The Slack message it was logged from, if any.' },
] as const satisfies readonly { name: string; description: string }[];

export type ActivityExportColumn = (typeof ACTIVITY_EXPORT_COLUMNS)[number]['name'];

export interface ActivityExportRange {
  /** First day included (YYYY-MM-DD), or null for no lower bound. */
  since: string | null;
  /** Last day included, or null for no upper bound. */
  until: string | null;
}

export function activityCsvRecord(
  activity: Activity,
  context: { accountName: string; accelerator: Accelerator | null; timeZone: string },
): Record<ActivityExportColumn, string> {
  const { accelerator } = context;
  return {
    activity_id: activity.id,
    account_name: context.accountName,
    type: activity.type,
    occurred_on: activity.occurredOn,
    logged_by: activity.loggedBy,
    logged_on: dayIn(activity.createdAt, context.timeZone),
    participants: activity.participants.join(PARTICIPANT_SEPARATOR),
    notes: activity.notes,
    renewal_outcome: activity.renewalOutcome ?? '',
    accelerator_type: activity.acceleratorType ?? '',
    content_module: activity.contentModule ?? '',
    accelerator_id: activity.acceleratorId ?? '',
    accelerator_phase: activity.acceleratorPhase ?? '',
    linked_accelerator_type: accelerator?.type ?? '',
    linked_accelerator_starts_on: accelerator?.startsOn ?? '',
    source_message_url: activity.sourceMessageUrl ?? '',
  };
}

/**
 * The accelerators these activities belong to, by id. The accelerator repository reads them per
 * account, so this costs a query pair per account that ran one, not one per activity.
 */
async function acceleratorsOf(db: DbOrTx, activities: readonly Activity[]): Promise<Map<string, Accelerator>> {
  const accountIds = new Set(activities.flatMap((a) => (a.acceleratorId === null ? [] : [a.accountId])));
  const repository = createAcceleratorRepository({ db });
  const byId = new Map<string, Accelerator>();
  for (const accountId of accountIds) {
    for (const { accelerator } of await repository.listProgress(accountId)) byId.set(accelerator.id, accelerator);
  }
  return byId;
}

export async function exportActivities(
  db: DbOrTx,
  range: ActivityExportRange,
  timeZone: string,
): Promise<{ csv: string; count: number }> {
  const activities = await createActivityRepository({ db }).listBetween(range.since, range.until);
  const names = await createAccountRepository({ db }).namesByIds(activities.map((a) => a.accountId));
  const accelerators = await acceleratorsOf(db, activities);
  const rows = activities.map((activity) =>
    activityCsvRecord(activity, {
      accountName: names.get(activity.accountId) ?? '',
      accelerator: activity.acceleratorId === null ? null : (accelerators.get(activity.acceleratorId) ?? null),
      timeZone,
    }),
  );
  return {
    csv: toCsv(
      ACTIVITY_EXPORT_COLUMNS.map((column) => column.name),
      rows,
    ),
    count: rows.length,
  };
}
