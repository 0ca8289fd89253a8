import { type AccountFieldChange, DATE_FIELDS } from '../accounts/account-changes';
import { AccountNameTakenError, type AccountRepository, type EditableAccount } from '../accounts/account-repository';
import { newAccountInputSchema } from '../accounts/new-account-input';
import type { Account } from '../domain/account';
import { type FieldErrors, fieldErrorsOf } from '../domain/field-errors';
import { mayChangeAccount, whoMayChangeAccount } from '../domain/permissions';
import type { RemindersService } from '../reminders/reminders-service';
import type { ModalView } from '../slack/block-kit';
import type { SlackPoster } from '../slack/slack-poster';
import { buildAccountEditModal, HEALTH_REASON_MAX } from '../views/account-add-modal';
import { accountChangeAnnouncement, editConfirmation, turnedRedNotice } from '../views/account-change-messages';
import { refusalText } from '../views/permission-messages';
import { findTypedAccount } from './find-typed-account';

/** Why tasks close when an edit moved the dates they were counted from. */
export const DATES_CHANGED = 'Dates changed.';

const ACCOUNT_GONE = 'That account no longer exists.';

export type EditAccountResult =
  | { ok: false; fieldErrors: FieldErrors }
  /** The same submission again (a replay within the signing window): nothing was written or sent. */
  | { ok: 'replayed' }
  | {
      ok: true;
      account: Account;
      changes: AccountFieldChange[];
      /**
       * The second phase, for after Slack's ack: the account is replanned at once, its channel
       * (and, when it turned red, its CSM) is told, and the editor's confirmation is worded.
       */
      announce(now: Date, slack: SlackPoster): Promise<string>;
    };

/**
 * `/cs account edit <name>` and the Edit button on `/cs account <name>`: the account modal filled
 * in, for the account's team and the CS admins; anyone else is told who can.
 */
export async function accountEditModalFor(
  deps: { accounts: AccountRepository; admins: readonly string[] },
  request: { userId: string } & ({ accountName: string } | { accountId: string }),
): Promise<{ ok: true; view: ModalView } | { ok: false; message: string }> {
  let id: string;
  if ('accountName' in request) {
    const found = await findTypedAccount(deps.accounts, request.accountName);
    if ('problem' in found) return { ok: false, message: found.problem };
    id = found.account.id;
  } else {
    id = request.accountId;
  }
  const account = await deps.accounts.findEditable(id);
  if (!account) return { ok: false, message: ACCOUNT_GONE };
  if (!mayChangeAccount(request.userId, account, deps.admins)) {
    return { ok: false, message: refusalText(whoMayChangeAccount(account, deps.admins, 'edit')) };
  }
  return { ok: true, view: buildAccountEditModal(account) };
}

function withKeptSegment(input: unknown, before: EditableAccount): unknown {
  // The modal has no sales segment (employees set it); one set by an import stays unless employees are given.
  if (typeof input !== 'object' || input === null) return input;
  const employees = (input as { employeeCount?: unknown }).employeeCount;
  return employees === null || employees === undefined ? { ...input, salesSegment: before.salesSegment } : input;
}

/**
 * Saves an edit of one account with the same checks as adding it, for its team and the CS admins
 * (judged from the verified user id). Health turning red needs a reason. Written once per
 * `requestKey`, with the record of each changed field in the same transaction.
 */
export async function editAccount(
  deps: {
    accounts: AccountRepository;
    reminders: Pick<RemindersService, 'accountEdited'>;
    admins: readonly string[];
  },
  request: { userId: string; accountId: string; input: unknown; healthReason: string; requestKey: string },
  now: Date,
): Promise<EditAccountResult> {
  const before = await deps.accounts.findEditable(request.accountId);
  if (!before) return { ok: false, fieldErrors: { name: ACCOUNT_GONE } };
  if (!mayChangeAccount(request.userId, before, deps.admins)) {
    return { ok: false, fieldErrors: { name: refusalText(whoMayChangeAccount(before, deps.admins, 'edit'), 'plain') } };
  }
  const parsed = newAccountInputSchema.safeParse(withKeptSegment(request.input, before));
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const health = parsed.success ? parsed.data.health : undefined;
  if (health === 'red' && before.health !== 'red' && !request.healthReason) {
    fieldErrors.healthReason = 'Say why the health turned red: the account channel and the CSM are told.';
  }
  if (request.healthReason.length > HEALTH_REASON_MAX) {
    fieldErrors.healthReason = `Keep the reason to ${HEALTH_REASON_MAX.toLocaleString('en-US')} characters.`;
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  let saved: Awaited<ReturnType<AccountRepository['updateOnce']>>;
  try {
    saved = await deps.accounts.updateOnce(before.id, parsed.data, request.userId, {
      requestKey: request.requestKey,
      now,
      ...(request.healthReason ? { healthReason: request.healthReason } : {}),
    });
  } catch (error) {
    if (error instanceof AccountNameTakenError) {
      return { ok: false, fieldErrors: { name: `${error.accountName} already exists; pick another name.` } };
    }
    throw error;
  }
  if (!saved) return { ok: 'replayed' };
  const { after: account, changes } = saved;
  return {
    ok: true,
    account,
    changes,
    async announce(later, slack) {
      if (changes.length === 0) return editConfirmation(account, changes);
      const datesChanged = changes.some((change) => DATE_FIELDS.includes(change.field));
      // A role's former holder loses the account (and its tasks) from their Home.
      const formerMembers = changes.flatMap((change) =>
        change.field.startsWith('team.') && change.oldValue ? [change.oldValue] : [],
      );
      await deps.reminders.accountEdited(account, later, {
        formerMembers,
        ...(datesChanged ? { closeReason: DATES_CHANGED } : {}),
      });
      await announceAccountChanges(slack, account, changes, request.userId, request.healthReason);
      return editConfirmation(account, changes);
    },
  };
}

/**
 * The channel hears of health and team changes; the CSM gets a DM when the account turns red.
 * `by` is a Slack user id, or words naming who else changed it (an import).
 */
export async function announceAccountChanges(
  slack: SlackPoster,
  account: Account,
  changes: readonly AccountFieldChange[],
  by: string,
  healthReason: string,
): Promise<void> {
  const announcement = accountChangeAnnouncement(account, changes, by, healthReason);
  if (announcement && account.channelId) {
    await slack.postMessage({ channel: account.channelId, text: announcement, unfurl: false });
  }
  const health = changes.find((change) => change.field === 'health');
  const csm = account.team.find((member) => member.role === 'CSM')?.slackUserId;
  if (health?.newValue === 'red' && csm && csm !== by) {
    await slack.postMessage({ channel: csm, text: turnedRedNotice(account, by, healthReason), unfurl: false });
  }
}
