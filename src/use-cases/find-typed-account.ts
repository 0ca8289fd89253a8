import type { AccountRepository } from '../accounts/account-repository';
import type { Account } from '../domain/account';
import { truncateText } from '../slack/block-kit-limits';
import { escapeMrkdwn } from '../slack/mrkdwn';

/** Account names are at most 200 characters; a typed one is echoed up to about that. */
const TYPED_NAME_SHOWN = 200;

/** Why a typed name named no single account: the candidates to choose from, or none at all. */
export function noSingleAccountMessage(typedName: string, candidates: readonly Account[]): string {
  // The typed text can be as long as the command; enough of it to recognise is echoed.
  const typed = escapeMrkdwn(truncateText(typedName.trim(), TYPED_NAME_SHOWN));
  if (candidates.length > 1) {
    const names = candidates.map((account) => `• ${escapeMrkdwn(account.name)}`).join('\n');
    return `Several accounts match "${typed}". Which one did you mean?\n${names}\nType the full name.`;
  }
  return `No account matches "${typed}". Check the name with \`/cs account <name>\`, or add it with \`/cs account add\`.`;
}

/** The account a person typed: its exact name, or the one account whose name contains the text. */
export async function findTypedAccount(
  accounts: AccountRepository,
  typedName: string,
): Promise<{ account: Account } | { problem: string }> {
  const match = await accounts.matchByName(typedName);
  const account = match.exact ?? (match.candidates.length === 1 ? match.candidates[0] : undefined);
  return account ? { account } : { problem: noSingleAccountMessage(typedName, match.candidates) };
}
