import type { AccountRepository } from '../accounts/account-repository';
import type { ActivityRepository } from '../activities/activity-repository';
import type { KnownBlock } from '../slack/block-kit';
import { escapeMrkdwn } from '../slack/mrkdwn';
import { accountSummaryMessage } from '../views/account-summary';

const RECENT_ACTIVITIES = 5;

/** `/cs account <name>`: the account, or a clear word on why it cannot be shown. */
export async function showAccount(
  deps: { accounts: AccountRepository; activities: ActivityRepository },
  typedName: string,
): Promise<{ text: string; blocks?: KnownBlock[] }> {
  const match = await deps.accounts.matchByName(typedName);
  const account = match.exact ?? (match.candidates.length === 1 ? match.candidates[0] : null);
  if (account) return accountSummaryMessage(account, await deps.activities.listRecent(account.id, RECENT_ACTIVITIES));
  const typed = escapeMrkdwn(typedName.trim());
  if (match.candidates.length > 1) {
    const names = match.candidates.map((account) => `• ${escapeMrkdwn(account.name)}`).join('\n');
    return { text: `Several accounts match "${typed}":\n${names}\nType the full name.` };
  }
  return { text: `No account matches "${typed}". Add it with \`/cs account add\`.` };
}
