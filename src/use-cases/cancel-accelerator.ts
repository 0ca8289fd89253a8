import {
  ACCELERATOR_GONE,
  AcceleratorRefusedError,
  type AcceleratorRepository,
} from '../accelerators/accelerator-repository';
import type { AcceleratorProgress } from '../accelerators/accelerator-rules';
import type { AccountRepository } from '../accounts/account-repository';
import type { Accelerator } from '../domain/accelerator';
import { formatDay } from '../domain/calendar-day';
import { mayChangeAccount, whoMayChangeAccount } from '../domain/permissions';
import type { RemindersService } from '../reminders/reminders-service';
import { acceleratorCancelledAnnouncement, acceleratorCancelledConfirmation } from '../views/accelerator-messages';
import { refusalText } from '../views/permission-messages';
import type { AcceleratorChangeResult } from './start-accelerator';

/** What a cancelled accelerator's open tasks say when they close. */
export const ACCELERATOR_CANCELLED = 'The accelerator was cancelled.';

/** A closed-out accelerator ran: cancelling it would rewrite the contract year's history. */
function closedOutProblem({ accelerator, closedOutOn }: AcceleratorProgress): string | null {
  return closedOutOn
    ? `The ${accelerator.type} accelerator was closed out on ${formatDay(closedOutOn)}, so it stays on record; it cannot be cancelled.`
    : null;
}

export type CancelAcceleratorResult = AcceleratorChangeResult<{ ok: false; message: string }>;

/**
 * Cancels an accelerator that has not been closed out, for the account's team and the CS admins
 * (judged from the verified user id): an accelerator started by mistake, or one the customer
 * called off. Written once per `requestKey`, with a record in the account's changes.
 */
export async function cancelAccelerator(
  deps: {
    accounts: AccountRepository;
    accelerators: AcceleratorRepository;
    reminders: Pick<RemindersService, 'accountEdited'>;
    admins: readonly string[];
  },
  request: { userId: string; acceleratorId: string; requestKey: string },
  now: Date,
): Promise<CancelAcceleratorResult> {
  const found = await deps.accelerators.findById(request.acceleratorId);
  if (!found) return { ok: false, message: ACCELERATOR_GONE };
  const account = await deps.accounts.findById(found.accountId);
  if (!account) return { ok: false, message: 'That account no longer exists.' };
  if (!mayChangeAccount(request.userId, account, deps.admins)) {
    return { ok: false, message: refusalText(whoMayChangeAccount(account, deps.admins, 'cancelAccelerator')) };
  }
  let cancelled: Accelerator | null;
  try {
    cancelled = await deps.accelerators.cancelOnce(found.id, request.userId, closedOutProblem, {
      requestKey: request.requestKey,
      now,
    });
  } catch (error) {
    if (error instanceof AcceleratorRefusedError) return { ok: false, message: error.reason };
    throw error;
  }
  if (!cancelled) return { ok: 'replayed' };
  const accelerator = cancelled;
  return {
    ok: true,
    account,
    accelerator,
    async announce(later, slack) {
      await deps.reminders.accountEdited(account, later, { closeReason: ACCELERATOR_CANCELLED });
      if (account.channelId) {
        await slack.postMessage({
          channel: account.channelId,
          text: acceleratorCancelledAnnouncement(account, accelerator, request.userId),
          unfurl: false,
        });
      }
      return acceleratorCancelledConfirmation(account, accelerator);
    },
  };
}
