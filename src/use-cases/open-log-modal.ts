import type { AcceleratorRepository } from '../accelerators/accelerator-repository';
import type { AppDeps } from '../app-deps';
import { acceleratorPhaseForRule, activityTypeForRule, isCompletedByAcceleratorStart } from '../clocks/rule-lookup';
import { type ActivityType, NOTES_MAX_LENGTH } from '../domain/activity';
import { dayIn } from '../domain/calendar-day';
import type { ModalView } from '../slack/block-kit';
import { truncateText } from '../slack/block-kit-limits';
import { mentionedUserIds, readableMarkup } from '../slack/readable-markup';
import {
  buildLogActivityModal,
  emptyLogModalDraft,
  isCatalogModule,
  type LogModalDraft,
} from '../views/log-activity-modal';
import { encodeLogModalMetadata } from '../views/log-modal-metadata';
import { startAcceleratorModalFor } from './start-accelerator';
import { type TaskAccessDeps, type TaskButtonClick, taskOfButton } from './task-access';

export interface LogModalContext {
  /** The channel the modal was opened from: an account's channel preselects that account. */
  channelId?: string | undefined;
  accountId?: string | undefined;
  type?: ActivityType | undefined;
  /** For a CSA engagement: the accelerator's type, module and the phase the task waits for. */
  accelerator?: Pick<LogModalDraft, 'acceleratorType' | 'contentModule' | 'acceleratorPhase'> | undefined;
  notes?: string | undefined;
  /** The message it was opened on, kept with the activity. */
  sourceMessageUrl?: string | undefined;
}

type ModalDeps = Pick<AppDeps, 'accounts' | 'timeZone' | 'now' | 'admins'>;

/** The log modal, filled in from where it was opened. */
export async function logModalFor(deps: ModalDeps, context: LogModalContext): Promise<ModalView> {
  const draft = emptyLogModalDraft(dayIn(deps.now(), deps.timeZone));
  const account = context.accountId
    ? await deps.accounts.findById(context.accountId)
    : context.channelId
      ? await deps.accounts.findByChannel(context.channelId)
      : null;
  if (account) draft.account = { id: account.id, name: account.name };
  if (context.type) draft.type = context.type;
  if (context.accelerator) {
    const { contentModule, ...rest } = context.accelerator;
    Object.assign(
      draft,
      rest,
      contentModule && !isCatalogModule(contentModule) ? { contentModuleCustom: contentModule } : { contentModule },
    );
  }
  // A long message is cut to what the notes field takes, marked so the cut shows.
  if (context.notes) draft.notes = truncateText(context.notes, NOTES_MAX_LENGTH);
  return buildLogActivityModal(draft, encodeLogModalMetadata({ sourceMessageUrl: context.sourceMessageUrl }));
}

/**
 * "Log it" on a task: the log modal with the task's account and activity type filled in (for an
 * accelerator's workshop, its type, module and phase too). Anyone may log, but a button on a
 * message must name one of the tasks that message shows. On a task that waits for an accelerator
 * to start, the same button opens the start-accelerator modal, for those who may start one.
 */
export async function logModalForTask(
  deps: ModalDeps &
    Omit<TaskAccessDeps, 'accounts'> & {
      accelerators: Pick<AcceleratorRepository, 'findByStart'>;
    },
  click: TaskButtonClick,
): Promise<{ ok: true; view: ModalView } | { ok: false; message: string }> {
  const found = await taskOfButton(deps, click);
  if (!found.ok) return found;
  const { task } = found;
  if (isCompletedByAcceleratorStart(task.ruleId)) {
    return startAcceleratorModalFor(deps, { userId: click.userId, accountId: task.accountId }, deps.now());
  }
  const phase = acceleratorPhaseForRule(task.ruleId);
  const accelerator = phase ? await deps.accelerators.findByStart(task.accountId, task.periodKey) : null;
  return {
    ok: true,
    view: await logModalFor(deps, {
      accountId: task.accountId,
      type: activityTypeForRule(task.ruleId),
      accelerator: phase
        ? {
            acceleratorPhase: phase,
            acceleratorType: accelerator?.type ?? null,
            contentModule: accelerator?.contentModule ?? null,
          }
        : undefined,
    }),
  };
}

export interface MessageLookups {
  chat: {
    getPermalink(args: { channel: string; message_ts: string }): Promise<{ permalink?: string }>;
  };
  users: {
    info(args: { user: string }): Promise<{
      user?: { name?: string; real_name?: string; profile?: { display_name?: string; real_name?: string } };
    }>;
  };
}

/** At most this many people are looked up by name; a message naming more keeps the rest as ids. */
const MAX_NAMED_MENTIONS = 20;

async function userNames(slack: MessageLookups, ids: string[]): Promise<Map<string, string>> {
  const named = await Promise.all(
    ids.slice(0, MAX_NAMED_MENTIONS).map(async (id) => {
      const { user } = await slack.users.info({ user: id }).catch(() => ({ user: undefined }));
      const name = user?.profile?.display_name || user?.real_name || user?.profile?.real_name || user?.name;
      return name ? ([id, name] as const) : null;
    }),
  );
  return new Map(named.filter((entry) => entry !== null));
}

/**
 * The message shortcut: the message's text (with mentions and links as people read them) becomes
 * the notes, its channel's account is preselected, and its permalink travels with the activity.
 * A lookup that fails costs only the nicety it was for, never the modal.
 */
export async function logModalFromMessage(
  deps: ModalDeps & { slack: MessageLookups },
  message: { channelId: string; ts: string; text: string },
): Promise<ModalView> {
  const [permalink, names] = await Promise.all([
    deps.slack.chat
      .getPermalink({ channel: message.channelId, message_ts: message.ts })
      .then((answer) => answer.permalink)
      .catch(() => undefined),
    userNames(deps.slack, mentionedUserIds(message.text)),
  ]);
  return logModalFor(deps, {
    channelId: message.channelId,
    notes: readableMarkup(message.text, names),
    sourceMessageUrl: permalink,
  });
}
