import type { WhoMay } from '../domain/permissions';
import { escapeMrkdwn, mentionUser } from '../slack/mrkdwn';

/** Said at start-up and in `/cs help` while CS_ADMINS is empty. */
export const ADMINS_UNSET_NOTICE =
  'CS_ADMINS is not set, so everyone can add accounts and change any account; set it to your CS admins’ ' +
  'Slack user ids (comma-separated, e.g. U012ABCDEF,U034GHIJKL) so that only they can add accounts, ' +
  'and only they and an account’s team can change it.';

/** A task button clicked on a message that does not show its task (a forged or copied value). */
export const NOT_ON_THIS_MESSAGE = 'That button does not belong to this message.';

/**
 * Who may do what was refused, e.g. "Only Acme's team (<@U123>, <@U456>) and the CS admins
 * (<@U999>) can snooze its tasks." In mrkdwn (messages) people are mentions and the account name
 * is escaped; in plain text (a modal's field error, which Slack does not format) both are as is.
 */
export function refusalText(who: WhoMay, format: 'mrkdwn' | 'plain' = 'mrkdwn'): string {
  const person = format === 'mrkdwn' ? mentionUser : (id: string) => id;
  const list = (ids: readonly string[]) => ids.map(person).join(', ');
  const admins = who.admins.length > 0 ? `the CS admins (${list(who.admins)})` : 'the CS admins';
  if (!who.account) return `Only ${admins} can ${who.action}.`;
  const name = format === 'mrkdwn' ? escapeMrkdwn(who.account.name) : who.account.name;
  if (who.account.team.length === 0) return `${name} has no team yet, so only ${admins} can ${who.action}.`;
  return `Only ${name}'s team (${list(who.account.team)}) and ${admins} can ${who.action}.`;
}
