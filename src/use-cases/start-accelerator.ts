import { AcceleratorRefusedError, type AcceleratorRepository } from '../accelerators/accelerator-repository';
import { acceleratorLimitProblem } from '../accelerators/accelerator-rules';
import { startAcceleratorInputSchema } from '../accelerators/start-accelerator-input';
import type { AccountRepository } from '../accounts/account-repository';
import type { Accelerator } from '../domain/accelerator';
import type { Account } from '../domain/account';
import { dayIn } from '../domain/calendar-day';
import { type FieldErrors, fieldErrorsOf } from '../domain/field-errors';
import { mayChangeAccount, whoMayChangeAccount } from '../domain/permissions';
import type { RemindersService } from '../reminders/reminders-service';
import type { ModalView } from '../slack/block-kit';
import type { SlackPoster } from '../slack/slack-poster';
import { acceleratorStartedAnnouncement, acceleratorStartedConfirmation } from '../views/accelerator-messages';
import { buildStartAcceleratorModal } from '../views/accelerator-modal';
import { refusalText } from '../views/permission-messages';
import { findTypedAccount } from './find-typed-account';

const csaOf = (account: Account) => account.team.find((member) => member.role === 'CSA')?.slackUserId ?? null;

/** Why this account cannot run an accelerator at all, whatever the date (null when it can). */
function accountProblem(account: Account): string | null {
  if (account.status === 'closed') return `${account.name} is closed; reopen it to start an accelerator.`;
  if (!account.successServices) {
    return `${account.name} has no Success Services, and accelerators are part of Success Services. Turn it on with /cs account edit first.`;
  }
  if (!account.contractStart) {
    return `${account.name} has no contract start yet; the accelerator limits count contract years from it. Set it with /cs account edit first.`;
  }
  return null;
}

export interface StartModalContext {
  userId: string;
  accountId?: string | undefined;
  accountName?: string | undefined;
  /** The channel it was asked from: an account's channel preselects that account. */
  channelId?: string | undefined;
}

/**
 * The start-accelerator modal, filled in with the account it was opened for (by button, name or
 * channel) and that account's CSA. Where the account is known and cannot start one, or this
 * person may not, they are told why instead.
 */
export async function startAcceleratorModalFor(
  deps: { accounts: AccountRepository; admins: readonly string[]; timeZone: string },
  context: StartModalContext,
  now: Date,
): Promise<{ ok: true; view: ModalView } | { ok: false; message: string }> {
  let account: Account | null = null;
  if (context.accountName) {
    const found = await findTypedAccount(deps.accounts, context.accountName);
    if ('problem' in found) return { ok: false, message: found.problem };
    account = found.account;
  } else if (context.accountId) {
    account = await deps.accounts.findById(context.accountId);
    if (!account) return { ok: false, message: 'That account no longer exists.' };
  } else if (context.channelId) {
    account = await deps.accounts.findByChannel(context.channelId);
  }
  if (account) {
    const problem = accountProblem(account);
    if (problem) return { ok: false, message: problem };
    if (!mayChangeAccount(context.userId, account, deps.admins)) {
      return { ok: false, message: refusalText(whoMayChangeAccount(account, deps.admins, 'startAccelerator')) };
    }
  }
  return {
    ok: true,
    view: buildStartAcceleratorModal({
      account: account ? { id: account.id, name: account.name } : null,
      startsOn: dayIn(now, deps.timeZone),
      csaUserId: account ? csaOf(account) : null,
    }),
  };
}

/** A change to an account's accelerators: refused (`Refusal`), a replay, or written with what follows it. */
export type AcceleratorChangeResult<Refusal> =
  | Refusal
  /** The same submission or click again: nothing was written or sent. */
  | { ok: 'replayed' }
  | {
      ok: true;
      account: Account;
      accelerator: Accelerator;
      /** The account is replanned (tasks open, close or reopen at once) and its channel told; resolves with the confirmation. */
      announce(now: Date, slack: SlackPoster): Promise<string>;
    };

export type StartAcceleratorResult = AcceleratorChangeResult<{ ok: false; fieldErrors: FieldErrors }>;

/**
 * Starts an accelerator for a Success Services account, for its team and the CS admins (judged
 * from the verified user id): at most 4 a contract year and 1 a quarter, checked with the account
 * locked so two starts at once cannot both pass. Written once per `requestKey`.
 */
export async function startAccelerator(
  deps: {
    accounts: AccountRepository;
    accelerators: AcceleratorRepository;
    reminders: Pick<RemindersService, 'accountChanged'>;
    admins: readonly string[];
    timeZone: string;
  },
  request: { userId: string; input: unknown; requestKey: string },
  now: Date,
): Promise<StartAcceleratorResult> {
  const parsed = startAcceleratorInputSchema(dayIn(now, deps.timeZone)).safeParse(request.input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;
  const account = await deps.accounts.findById(input.accountId);
  if (!account) return { ok: false, fieldErrors: { accountId: 'That account no longer exists.' } };
  const problem = accountProblem(account);
  if (problem) return { ok: false, fieldErrors: { accountId: problem } };
  if (!mayChangeAccount(request.userId, account, deps.admins)) {
    const who = whoMayChangeAccount(account, deps.admins, 'startAccelerator');
    return { ok: false, fieldErrors: { accountId: refusalText(who, 'plain') } };
  }
  const csaUserId = input.csaUserId ?? csaOf(account);
  if (!csaUserId) {
    return { ok: false, fieldErrors: { csaUserId: `${account.name} has no CSA yet; choose who runs it.` } };
  }
  const contractStart = account.contractStart ?? '';
  let accelerator: Accelerator | null;
  try {
    accelerator = await deps.accelerators.startOnce(
      {
        accountId: account.id,
        type: input.type,
        contentModule: input.contentModule,
        startsOn: input.startsOn,
        csaUserId,
        startedBy: request.userId,
      },
      (existing) => acceleratorLimitProblem(contractStart, input.startsOn, existing),
      { requestKey: request.requestKey, now },
    );
  } catch (error) {
    if (error instanceof AcceleratorRefusedError) return { ok: false, fieldErrors: { startsOn: error.reason } };
    throw error;
  }
  if (!accelerator) return { ok: 'replayed' };
  const started = accelerator;
  return {
    ok: true,
    account,
    accelerator: started,
    async announce(later, slack) {
      await deps.reminders.accountChanged(account, later);
      if (account.channelId) {
        await slack.postMessage({
          channel: account.channelId,
          text: acceleratorStartedAnnouncement(account, started, request.userId),
          unfurl: false,
        });
      }
      return acceleratorStartedConfirmation(account, started);
    },
  };
}
