import type { AppDeps } from '../app-deps';
import type { ActivityType } from '../domain/activity';
import { dayIn } from '../domain/calendar-day';
import type { ModalView } from '../slack/block-kit';
import { buildLogActivityModal, emptyLogModalDraft } from '../views/log-activity-modal';

export interface LogModalContext {
  /** The channel the modal was opened from: an account's channel preselects that account. */
  channelId?: string | undefined;
  accountId?: string | undefined;
  type?: ActivityType | undefined;
  notes?: string | undefined;
  /** Carried through the modal to the submission (e.g. the task a reminder's button came from). */
  privateMetadata?: string | undefined;
}

/** The log modal, filled in from where it was opened. */
export async function logModalFor(deps: AppDeps, context: LogModalContext): Promise<ModalView> {
  const draft = emptyLogModalDraft(dayIn(deps.now(), deps.timeZone));
  const account = context.accountId
    ? await deps.accounts.findById(context.accountId)
    : context.channelId
      ? await deps.accounts.findByChannel(context.channelId)
      : null;
  if (account) draft.account = { id: account.id, name: account.name };
  if (context.type) draft.type = context.type;
  if (context.notes) draft.notes = context.notes.slice(0, 3000);
  return buildLogActivityModal(draft, context.privateMetadata ?? '');
}
