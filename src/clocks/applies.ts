/** Whether a rule's account filter matches an account. */
import { type Account, effectivePriority } from '../domain/account';
import type { AccountFilter } from './clock-rule';

/**
 * Every field the filter gives must match; an empty filter matches every account. Priority is the
 * effective one, so a red account is PR1 here whatever priority was set.
 */
export function matchesAccount(
  filter: AccountFilter,
  account: Pick<Account, 'successServices' | 'successPlanActive' | 'csmSegment' | 'health' | 'priority'>,
): boolean {
  if (filter.successServices !== undefined && account.successServices !== filter.successServices) return false;
  if (filter.successPlanActive !== undefined && account.successPlanActive !== filter.successPlanActive) return false;
  if (filter.csmSegments && (account.csmSegment === null || !filter.csmSegments.includes(account.csmSegment))) {
    return false;
  }
  if (
    filter.effectivePriorities &&
    !filter.effectivePriorities.includes(effectivePriority(account.health, account.priority))
  ) {
    return false;
  }
  return true;
}
