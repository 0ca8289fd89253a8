import { AccountNameTakenError, type AccountRepository } from '../accounts/account-repository';
import { newAccountInputSchema } from '../accounts/new-account-input';
import type { Account } from '../domain/account';
import { type FieldErrors, fieldErrorsOf } from '../domain/field-errors';
import { mayAddAccounts, whoMayAddAccounts } from '../domain/permissions';
import type { RemindersService } from '../reminders/reminders-service';
import type { ModalView } from '../slack/block-kit';
import { escapeMrkdwn, mentionChannel } from '../slack/mrkdwn';
import { buildAccountAddModal } from '../views/account-add-modal';
import { refusalText } from '../views/permission-messages';

export type AddAccountResult =
  | { ok: false; fieldErrors: FieldErrors }
  /** The same submission again (a replay within the signing window): nothing was written. */
  | { ok: 'replayed' }
  | {
      ok: true;
      account: Account;
      /**
       * The second phase, for after Slack's ack: the account's clocks are planned at once (its
       * first reminders are queued now, not at the next minute) and the confirmation is worded.
       */
      announce(now: Date): Promise<string>;
    };

/**
 * `/cs account add`: the add-account modal for the CS admins (the current channel, when it can be
 * an account's, filled in); anyone else is told who can add accounts before any modal opens.
 */
export function accountAddModalFor(
  deps: { admins: readonly string[] },
  request: { userId: string; channelId: string },
): { ok: true; view: ModalView } | { ok: false; message: string } {
  if (!mayAddAccounts(request.userId, deps.admins)) {
    return { ok: false, message: refusalText(whoMayAddAccounts(deps.admins)) };
  }
  const accountChannel = request.channelId.startsWith('C') || request.channelId.startsWith('G');
  return { ok: true, view: buildAccountAddModal(accountChannel ? { channelId: request.channelId } : {}) };
}

/**
 * Validates and creates one account, for the CS admins only; a taken name is a field error, not a
 * crash, and so is a refusal (in plain text, on the name, with nothing written). Written once per
 * `requestKey`: a replay is told apart from a second account of the same name.
 */
export async function addAccount(
  deps: { accounts: AccountRepository; reminders: Pick<RemindersService, 'accountChanged'>; admins: readonly string[] },
  request: { userId: string; input: unknown; requestKey: string },
  now: Date,
): Promise<AddAccountResult> {
  if (!mayAddAccounts(request.userId, deps.admins)) {
    return { ok: false, fieldErrors: { name: refusalText(whoMayAddAccounts(deps.admins), 'plain') } };
  }
  const parsed = newAccountInputSchema.safeParse(request.input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  let created: Account | null;
  try {
    created = await deps.accounts.createOnce(parsed.data, request.requestKey, now);
  } catch (error) {
    if (error instanceof AccountNameTakenError) {
      return { ok: false, fieldErrors: { name: `${error.accountName} already exists; pick another name.` } };
    }
    throw error;
  }
  if (!created) return { ok: 'replayed' };
  const account = created;
  return {
    ok: true,
    account,
    async announce(later) {
      await deps.reminders.accountChanged(account, later);
      const channel = account.channelId
        ? ` Reminders will go to ${mentionChannel(account.channelId)}: invite me there with \`/invite @cs-bot\`.`
        : '';
      return `:white_check_mark: Added *${escapeMrkdwn(account.name)}*.${channel} See it with \`/cs account ${escapeMrkdwn(account.name)}\`.`;
    },
  };
}
