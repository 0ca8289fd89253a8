import type { AccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import type { KnownBlock } from '../slack/block-kit';
import { TIMELINE_PAGE_SIZE, type TimelinePage, timelineMessage } from '../views/account-timeline';
import { findTypedAccount } from './find-typed-account';

type TimelineDeps = { accounts: AccountRepository; activities: Pick<ActivityRepository, 'listPage'> };
type Answer = { text: string; blocks?: KnownBlock[] };

/** A page of an account's timeline (anyone may read it); a page past the end shows the last one's emptiness. */
export async function showTimelinePage(deps: TimelineDeps, page: TimelinePage): Promise<Answer> {
  const account = await deps.accounts.findById(page.accountId);
  if (!account) return { text: 'That account no longer exists.' };
  const found = await deps.activities.listPage(account.id, { ...page, limit: TIMELINE_PAGE_SIZE });
  return timelineMessage(account, page, found);
}

/** `/cs timeline <account>`: its newest activities, of every type. */
export async function showTimeline(deps: TimelineDeps, typedName: string): Promise<Answer> {
  const found = await findTypedAccount(deps.accounts, typedName);
  if ('problem' in found) return { text: found.problem };
  return showTimelinePage(deps, { accountId: found.account.id, offset: 0, type: null });
}
