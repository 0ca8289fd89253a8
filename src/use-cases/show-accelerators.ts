import type { AcceleratorRepository } from '../accelerators/accelerator-repository';
import { acceleratorRunningOn, contractYearOn } from '../accelerators/accelerator-rules';
import type { AccountRepository } from '../accounts/account-repository';
import { dayIn } from '../domain/calendar-day';
import { mayChangeAccount } from '../domain/permissions';
import type { KnownBlock } from '../slack/block-kit';
import { acceleratorOverviewMessage } from '../views/accelerator-messages';
import { findTypedAccount } from './find-typed-account';

/**
 * `/cs accelerator <account>`: the running accelerator (or the latest, or a planned one) with its
 * phase and expectations, and the contract year's accelerators. Anyone may read it.
 */
export async function showAccelerators(
  deps: {
    accounts: AccountRepository;
    accelerators: AcceleratorRepository;
    admins: readonly string[];
    timeZone: string;
  },
  request: { userId: string; accountName: string },
  now: Date,
): Promise<{ text: string; blocks?: KnownBlock[] }> {
  const found = await findTypedAccount(deps.accounts, request.accountName);
  if ('problem' in found) return { text: found.problem };
  const { account } = found;
  const today = dayIn(now, deps.timeZone);
  const progress = await deps.accelerators.listProgress(account.id);
  // Running today, else the next planned one, else the latest finished one.
  const current =
    acceleratorRunningOn(progress, today) ??
    progress.find(({ accelerator }) => accelerator.startsOn > today) ??
    progress.at(-1) ??
    null;
  const mayChange = mayChangeAccount(request.userId, account, deps.admins);
  const year = account.contractStart ? contractYearOn(account.contractStart, today) : null;
  return acceleratorOverviewMessage({
    account,
    today,
    current: current
      ? { progress: current, engagements: await deps.accelerators.listEngagements(current.accelerator.id) }
      : null,
    year: year
      ? {
          ...year,
          accelerators: progress.filter(
            ({ accelerator }) => accelerator.startsOn >= year.firstDay && accelerator.startsOn <= year.lastDay,
          ),
        }
      : null,
    canStart: account.successServices && account.status === 'active' && mayChange,
    canCancel: mayChange && current !== null && current.closedOutOn === null,
  });
}
