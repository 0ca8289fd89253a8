/**
 * The outbox keys. A row's key is unique, so inserting one that exists does nothing: the key is
 * what makes each message exist once, however many planners or dispatchers race to queue it.
 */

/** The "task opened" message of one task. */
export function taskOpenedKey(taskId: string): string {
  return `task_opened:${taskId}`;
}

/** One person's overdue DM for one day (their local calendar day, YYYY-MM-DD). */
export function digestKey(userId: string, day: string): string {
  return `overdue_digest:${userId}:${day}`;
}

/**
 * The team's Monday digest of one week, named by that Monday (YYYY-MM-DD in the team zone). No
 * channel in it: moving CS_REPORT_CHANNEL mid-week must not post the same week's digest again.
 */
export function teamDigestKey(monday: string): string {
  return `team-digest:${monday}`;
}

/** The notice one admin gets when an account channel breaks: once per (account, channel, admin). */
export function channelBrokenKey(accountId: string | null, channelId: string, adminId: string): string {
  return `channel_broken:${accountId ?? 'none'}:${channelId}:${adminId}`;
}

/** The copy a row gets for one admin when its channel is broken and it names nobody. */
export function adminCopyKey(key: string, adminId: string): string {
  return `${key}:admin:${adminId}`;
}
