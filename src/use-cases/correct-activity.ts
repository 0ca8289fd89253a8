import type { AcceleratorRepository } from '../accelerators/accelerator-repository';
import type { AccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import { logActivityInputSchema } from '../activities/log-activity-input';
import type { Account } from '../domain/account';
import type { ActivityRecord } from '../domain/activity';
import { CORRECTION_WINDOW_DAYS, mayCorrectActivity } from '../domain/activity-corrections';
import { dayIn, formatDay } from '../domain/calendar-day';
import { type FieldErrors, fieldErrorsOf } from '../domain/field-errors';
import type { RemindersService } from '../reminders/reminders-service';
import type { ModalView } from '../slack/block-kit';
import { escapeMrkdwn, mentionUser } from '../slack/mrkdwn';
import type { ChannelMessage, SlackUpdater } from '../slack/slack-poster';
import { type ActivityMenuChoice, buildDeleteActivityModal } from '../views/activity-menu';
import { activitySummaryMessage, deletedActivitySummaryMessage, describeActivity } from '../views/activity-summary';
import { buildLogActivityModal, emptyLogModalDraft, isCatalogModule } from '../views/log-activity-modal';
import { encodeLogModalMetadata } from '../views/log-modal-metadata';
import { acceleratorAttachment } from './log-activity';

export interface CorrectActivityDeps {
  accounts: AccountRepository;
  accelerators: Pick<AcceleratorRepository, 'listProgress'>;
  activities: ActivityRepository;
  reminders: Pick<RemindersService, 'replanChanged'>;
  slack: SlackUpdater;
  timeZone: string;
  admins: readonly string[];
}

export const ACTIVITY_GONE = 'That activity no longer exists.';
const DELETED_ALREADY = 'That activity was deleted already.';

type Found = { ok: true; activity: ActivityRecord; account: Account } | { ok: false; message: string };

/** Who may, worded for the person who may not (in plain text for a modal's field errors). */
function refusal(
  activity: ActivityRecord,
  verdict: 'not_author' | 'too_old' | 'deleted',
  admins: readonly string[],
  format: 'mrkdwn' | 'plain',
) {
  const person = format === 'mrkdwn' ? mentionUser : (id: string) => id;
  const adminList = admins.length > 0 ? ` (${[...new Set(admins)].map(person).join(', ')})` : '';
  if (verdict === 'deleted') return DELETED_ALREADY;
  if (verdict === 'too_old') {
    return `That activity was logged more than ${CORRECTION_WINDOW_DAYS} days ago, so it can no longer be edited or deleted.`;
  }
  return `Only the person who logged it (${person(activity.loggedBy)}) and the CS admins${adminList} can edit or delete that activity, within ${CORRECTION_WINDOW_DAYS} days of logging it.`;
}

/** The activity, its account, and whether `userId` may correct it at `now`: checked from the verified user id. */
async function findCorrectable(
  deps: CorrectActivityDeps,
  activityId: string,
  userId: string,
  now: Date,
  stage: 'menu' | 'submission',
): Promise<Found> {
  const format = stage === 'menu' ? 'mrkdwn' : 'plain';
  const activity = await deps.activities.findById(activityId);
  if (!activity) return { ok: false, message: ACTIVITY_GONE };
  // A submission leaves "deleted already" to its write, which tells it apart from a replay of itself.
  const judged = stage === 'submission' ? { ...activity, deletedAt: null } : activity;
  const verdict = mayCorrectActivity(userId, judged, deps.admins, now);
  if (verdict !== 'allowed') return { ok: false, message: refusal(activity, verdict, deps.admins, format) };
  const account = await deps.accounts.findById(activity.accountId);
  if (!account) return { ok: false, message: ACTIVITY_GONE };
  return { ok: true, activity, account };
}

/** The log modal filled in with the activity, in edit mode (its account is shown, not chosen). */
function editModal(activity: ActivityRecord, account: Account, today: string): ModalView {
  const custom = activity.contentModule && !isCatalogModule(activity.contentModule) ? activity.contentModule : '';
  const draft = {
    ...emptyLogModalDraft(today),
    account: { id: account.id, name: account.name },
    type: activity.type,
    occurredOn: activity.occurredOn,
    participants: activity.participants,
    notes: activity.notes,
    renewalOutcome: activity.renewalOutcome,
    acceleratorType: activity.acceleratorType,
    contentModule: custom ? null : activity.contentModule,
    contentModuleCustom: custom,
    acceleratorPhase: activity.acceleratorPhase,
  };
  return buildLogActivityModal(
    draft,
    encodeLogModalMetadata({ editing: { activityId: activity.id, accountName: account.name } }),
  );
}

/** "Edit" or "Delete" on an activity's menu: the modal that does it, or why this person may not. */
export async function activityMenuChosen(
  deps: CorrectActivityDeps,
  request: ActivityMenuChoice & { userId: string },
  now: Date,
): Promise<{ ok: true; view: ModalView } | { ok: false; message: string }> {
  const found = await findCorrectable(deps, request.activityId, request.userId, now, 'menu');
  if (!found.ok) return found;
  const { activity, account } = found;
  if (request.choice === 'edit') return { ok: true, view: editModal(activity, account, dayIn(now, deps.timeZone)) };
  const description = `*${describeActivity(activity)}* for *${escapeMrkdwn(account.name)}* on ${formatDay(activity.occurredOn)}`;
  return { ok: true, view: buildDeleteActivityModal(activity.id, description) };
}

export type CorrectionResult =
  | { ok: false; fieldErrors: FieldErrors }
  /** The same Slack request came again: nothing was written. */
  | { ok: 'replayed' }
  /** Written; the rest (the summary, the clocks, the person's confirmation) comes after the ack. */
  | { ok: true; announce(now: Date): Promise<string> };

/**
 * The edit modal's submission: the same checks as logging, on the activity's own account and author
 * (an edit corrects the record, it does not move or re-attribute it), written once per `requestKey`.
 * Errors that belong to no field go on the type, the modal's first input.
 */
export async function editActivity(
  deps: CorrectActivityDeps,
  request: { activityId: string; userId: string; raw: Record<string, unknown>; requestKey: string },
  now: Date,
): Promise<CorrectionResult> {
  const found = await findCorrectable(deps, request.activityId, request.userId, now, 'submission');
  if (!found.ok) return { ok: false, fieldErrors: { type: found.message } };
  const { activity, account } = found;
  if (account.status === 'closed') {
    return { ok: false, fieldErrors: { type: `${account.name} is closed; reopen it to correct its log.` } };
  }
  const parsed = logActivityInputSchema(dayIn(now, deps.timeZone)).safeParse({
    ...request.raw,
    accountId: activity.accountId,
    loggedBy: activity.loggedBy,
    sourceMessageUrl: activity.sourceMessageUrl,
  });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { type, occurredOn, participants, notes, renewalOutcome, acceleratorType, contentModule } = parsed.data;
  const attachment = await acceleratorAttachment(deps.accelerators, parsed.data);
  const edited = await deps.activities.editOnce(
    activity.id,
    { type, occurredOn, participants, notes, renewalOutcome, acceleratorType, contentModule, ...attachment },
    request.userId,
    request.requestKey,
    now,
  );
  if (edited === 'replayed') return { ok: 'replayed' };
  if (edited === 'deleted') return { ok: false, fieldErrors: { type: DELETED_ALREADY } };
  return {
    ok: true,
    async announce(later) {
      await updateSummary(deps, edited, activitySummaryMessage(account, edited));
      const changes = await deps.reminders.replanChanged(account, later);
      return `:pencil2: Edited *${describeActivity(edited)}* for *${escapeMrkdwn(account.name)}*.${describeTaskChanges(changes)}`;
    },
  };
}

/** The delete modal's submission (the confirmation): marks the activity deleted once per `requestKey`. */
export async function deleteActivity(
  deps: CorrectActivityDeps,
  request: { activityId: string; userId: string; requestKey: string },
  now: Date,
): Promise<{ ok: false; message: string } | { ok: 'replayed' } | { ok: true; announce(now: Date): Promise<string> }> {
  const found = await findCorrectable(deps, request.activityId, request.userId, now, 'submission');
  if (!found.ok) return found;
  const { account } = found;
  const deleted = await deps.activities.deleteOnce(found.activity.id, request.userId, request.requestKey, now);
  if (deleted === 'replayed') return { ok: 'replayed' };
  if (deleted === 'deleted') return { ok: false, message: DELETED_ALREADY };
  return {
    ok: true,
    async announce(later) {
      await updateSummary(deps, deleted, deletedActivitySummaryMessage(account, deleted, request.userId));
      const changes = await deps.reminders.replanChanged(account, later);
      return `:wastebasket: Deleted *${describeActivity(deleted)}* for *${escapeMrkdwn(account.name)}*.${describeTaskChanges(changes)}`;
    },
  };
}

/** The channel summary follows the correction; one that cannot be updated (deleted by hand) is left. */
async function updateSummary(deps: CorrectActivityDeps, activity: ActivityRecord, message: ChannelMessage) {
  if (!activity.summaryChannel || !activity.summaryTs) return;
  await deps.slack.updateMessage({ channel: activity.summaryChannel, ts: activity.summaryTs, ...message });
}

const tasks = (count: number) => (count === 1 ? '1 task' : `${count} tasks`);

function describeTaskChanges({ completed, reopened }: { completed: string[]; reopened: string[] }): string {
  return [
    completed.length > 0 ? ` It completes ${tasks(completed.length)}.` : '',
    reopened.length > 0
      ? ` ${tasks(reopened.length)} it had completed ${reopened.length === 1 ? 'is' : 'are'} open again.`
      : '',
  ].join('');
}
