import { AccountNameTakenError, type AccountRepository } from '../accounts/account-repository';
import { newAccountInputSchema } from '../accounts/new-account-input';
import type { Account } from '../domain/account';
import { type FieldErrors, fieldErrorsOf } from '../domain/field-errors';
import type { RemindersService } from '../reminders/reminders-service';
import { escapeMrkdwn } from '../slack/mrkdwn';

export type AddAccountResult =
  | { ok: false; fieldErrors: FieldErrors }
  | {
      ok: true;
      account: Account;
      /**
       * The second phase, for after Slack's ack: the account's clocks are planned at once (its
       * first reminders are queued now, not at the next minute) and the confirmation is worded.
       */
      announce(now: Date): Promise<string>;
    };

/** Validates and creates one account; a taken name is a field error, not a crash. */
export async function addAccount(
  deps: { accounts: AccountRepository; reminders: Pick<RemindersService, 'accountChanged'> },
  raw: unknown,
): Promise<AddAccountResult> {
  const parsed = newAccountInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  let account: Account;
  try {
    account = await deps.accounts.create(parsed.data);
  } catch (error) {
    if (error instanceof AccountNameTakenError) {
      return { ok: false, fieldErrors: { name: `${error.accountName} already exists; pick another name.` } };
    }
    throw error;
  }
  return {
    ok: true,
    account,
    async announce(now) {
      await deps.reminders.accountChanged(account, now);
      const channel = account.channelId
        ? ` Reminders will go to <#${account.channelId}>: invite me there with \`/invite @cs-bot\`.`
        : '';
      return `:white_check_mark: Added *${escapeMrkdwn(account.name)}*.${channel} See it with \`/cs account ${escapeMrkdwn(account.name)}\`.`;
    },
  };
}
