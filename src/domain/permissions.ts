/**
 * Who may change what (docs/permissions.md), judged from Slack's verified user id. Anyone in the
 * workspace may log an activity and read accounts; changing an account is for its team and the CS
 * admins; adding accounts is for the CS admins. With no CS admins configured, everyone is one.
 */
import type { Account } from './account';

/** The changes the account's team and the CS admins may make, worded as "… can <change>." */
export const ACCOUNT_CHANGES = {
  snooze: 'snooze its tasks',
  notNeeded: 'mark its tasks not needed',
  renewal: 'record its renewal',
  edit: 'edit it',
  startAccelerator: 'start its accelerators',
  cancelAccelerator: 'cancel its accelerators',
  /** Both task buttons at once, for a list that leaves them out. */
  tasks: 'snooze its tasks or mark them not needed',
} as const;
export type AccountChange = keyof typeof ACCOUNT_CHANGES;

export const ADD_ACCOUNTS = 'add accounts';

/** No CS admins configured (CS_ADMINS empty): everyone counts as one. */
export function everyoneIsAdmin(admins: readonly string[]): boolean {
  return admins.length === 0;
}

export function isAdmin(userId: string, admins: readonly string[]): boolean {
  return everyoneIsAdmin(admins) || admins.includes(userId);
}

/** On the account's team, in any role. */
export function isOnTeam(userId: string, account: Pick<Account, 'team'>): boolean {
  return account.team.some((member) => member.slackUserId === userId);
}

/** Snoozing its tasks, marking them not needed, recording its renewal: its team and the CS admins. */
export function mayChangeAccount(userId: string, account: Pick<Account, 'team'>, admins: readonly string[]): boolean {
  return isOnTeam(userId, account) || isAdmin(userId, admins);
}

/** Adding an account: the CS admins only. */
export function mayAddAccounts(userId: string, admins: readonly string[]): boolean {
  return isAdmin(userId, admins);
}

/** The parts of a sentence such as "Only Acme's team (…) and the CS admins (…) can snooze its tasks." */
export interface WhoMay {
  /** The account whose team may, too; null when only the CS admins may. */
  account: { name: string; team: string[] } | null;
  /** The CS admins by user id; empty when none are configured. */
  admins: string[];
  /** What they may do, e.g. "snooze its tasks" or "add accounts". */
  action: string;
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

export function whoMayChangeAccount(
  account: Pick<Account, 'name' | 'team'>,
  admins: readonly string[],
  change: AccountChange,
): WhoMay {
  return {
    account: { name: account.name, team: unique(account.team.map((member) => member.slackUserId)) },
    admins: unique(admins),
    action: ACCOUNT_CHANGES[change],
  };
}

export function whoMayAddAccounts(admins: readonly string[]): WhoMay {
  return { account: null, admins: unique(admins), action: ADD_ACCOUNTS };
}
