import type { AccountRepository } from '../accounts/account-repository';
import { rollRenewalDate } from '../clocks/renewal';
import { dayIn, formatDay } from '../domain/calendar-day';
import { mayChangeAccount, whoMayChangeAccount } from '../domain/permissions';
import type { RemindersService } from '../reminders/reminders-service';
import { escapeMrkdwn } from '../slack/mrkdwn';
import { refusalText } from '../views/permission-messages';
import { findTypedAccount } from './find-typed-account';

/**
 * `/cs renewed <account>`: the customer renewed, so the renewal date rolls forward a year, which
 * starts the next renewal clock (SPEC.md, "Renewal"). Only the account's team and the CS admins
 * may record it; anyone else is told who can. Written once per `requestKey`: a replay of the same
 * command changes nothing and gets no message (the first one was answered).
 */
export async function recordRenewal(
  deps: {
    accounts: AccountRepository;
    reminders: Pick<RemindersService, 'accountChanged'>;
    timeZone: string;
    admins: readonly string[];
  },
  request: { accountName: string; userId: string; requestKey: string },
  now: Date,
): Promise<{ ok: boolean; message: string | null }> {
  const found = await findTypedAccount(deps.accounts, request.accountName);
  if ('problem' in found) return { ok: false, message: found.problem };
  const { account } = found;
  if (!mayChangeAccount(request.userId, account, deps.admins)) {
    return { ok: false, message: refusalText(whoMayChangeAccount(account, deps.admins, 'renewal')) };
  }
  if (!account.renewalDate) {
    return {
      ok: false,
      message: `*${escapeMrkdwn(account.name)}* has no renewal date yet, so there is nothing to roll forward.`,
    };
  }
  const next = rollRenewalDate(account.renewalDate, dayIn(now, deps.timeZone));
  const updated = await deps.accounts.updateRenewalDateOnce(account.id, next, request.requestKey, now);
  if (!updated) return { ok: true, message: null };
  await deps.reminders.accountChanged(updated, now);
  return {
    ok: true,
    message: `:tada: Recorded the renewal of *${escapeMrkdwn(account.name)}*: the next renewal is ${formatDay(next)}.`,
  };
}
