import type { AcceleratorRepository } from '../accelerators/accelerator-repository';
import { acceleratorRunningOn, describePhase } from '../accelerators/accelerator-rules';
import type { AccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import { dayIn } from '../domain/calendar-day';
import type { KnownBlock } from '../slack/block-kit';
import { accountSummaryMessage } from '../views/account-summary';
import { findTypedAccount } from './find-typed-account';

const RECENT_ACTIVITIES = 5;
const RECENT_CHANGES = 5;

/** `/cs account <name>`: the account, or a clear word on why it cannot be shown. */
export async function showAccount(
  deps: {
    accounts: AccountRepository;
    activities: ActivityRepository;
    accelerators: Pick<AcceleratorRepository, 'listProgress'>;
    timeZone: string;
  },
  typedName: string,
  now: Date,
): Promise<{ text: string; blocks?: KnownBlock[] }> {
  const found = await findTypedAccount(deps.accounts, typedName);
  if ('problem' in found) return { text: found.problem };
  const { account } = found;
  const [recent, latest, progress] = await Promise.all([
    deps.activities.listRecent(account.id, RECENT_ACTIVITIES),
    deps.accounts.listChanges(account.id, RECENT_CHANGES),
    account.successServices ? deps.accelerators.listProgress(account.id) : [],
  ]);
  const today = dayIn(now, deps.timeZone);
  const running = acceleratorRunningOn(progress, today);
  const accelerator = account.successServices
    ? running
      ? `${running.accelerator.type} · ${describePhase(running.accelerator.startsOn, today, running.closedOutOn)}`
      : 'None running'
    : null;
  return accountSummaryMessage(account, recent, { latest, timeZone: deps.timeZone }, accelerator);
}
