import type { RecordedAccountChange } from '../accounts/account-change-repository';
import { type AccountFieldChange, roleOfField } from '../accounts/account-changes';
import type { Account, Health } from '../domain/account';
import { dayIn, formatDay } from '../domain/calendar-day';
import { truncateMrkdwn } from '../slack/block-kit-limits';
import { escapeMrkdwn, mentionChannel, mentionUser } from '../slack/mrkdwn';

/** Enough of a change's reason to say why, in a list of several changes. */
const REASON_SHOWN = 150;

const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  channelId: 'channel',
  employeeCount: 'employees',
  salesSegment: 'sales segment',
  csmSegment: 'CSM segment',
  priority: 'priority',
  health: 'health',
  contractStart: 'contract start',
  renewalDate: 'renewal date',
  successServices: 'Success Services',
  csaAseIdentifiedOn: 'CSA and ASE identified on',
  successPlanActive: 'success plan active',
  accelerator: 'accelerator',
};

const HEALTH_EMOJI: Record<Health, string> = {
  green: ':large_green_circle:',
  yellow: ':large_yellow_circle:',
  red: ':red_circle:',
};

export function fieldLabel(field: string): string {
  return roleOfField(field) ?? FIELD_LABELS[field] ?? field;
}

/** A stored value as people read it: people and channels as mentions, the rest escaped. */
function shownValue(field: string, value: string | null): string {
  if (value === null || value === '') return '—';
  if (roleOfField(field)) return mentionUser(value);
  if (field === 'channelId') return mentionChannel(value);
  return escapeMrkdwn(value);
}

/** "health green → red by @x, 2 Dec": one line of `/cs account`'s latest changes. */
export function changeHistoryLine(change: RecordedAccountChange, timeZone: string): string {
  const by = change.changedBy === 'cli' ? 'an import' : mentionUser(change.changedBy);
  const why = change.reason
    ? `: “${truncateMrkdwn(escapeMrkdwn(change.reason.replace(/\s+/g, ' ')), REASON_SHOWN)}”`
    : '';
  return `• ${fieldLabel(change.field)} ${shownValue(change.field, change.oldValue)} → ${shownValue(change.field, change.newValue)} by ${by}, ${formatDay(dayIn(change.changedAt, timeZone))}${why}`;
}

/** What the account's channel is told about a save: health and team changes; null when neither changed. */
export function accountChangeAnnouncement(
  account: Account,
  changes: readonly AccountFieldChange[],
  by: string,
  healthReason: string,
): string | null {
  const lines: string[] = [];
  const name = escapeMrkdwn(account.name);
  const health = changes.find((change) => change.field === 'health');
  if (health) {
    const reason = healthReason ? `: “${escapeMrkdwn(healthReason)}”` : '.';
    lines.push(
      `${HEALTH_EMOJI[account.health]} ${mentionUser(by)} changed the health of *${name}* from ${escapeMrkdwn(health.oldValue ?? '—')} to *${escapeMrkdwn(account.health)}*${reason}`,
    );
  }
  for (const change of changes) {
    const role = roleOfField(change.field);
    if (!role) continue;
    if (!change.newValue) {
      const former = change.oldValue ? mentionUser(change.oldValue) : 'nobody';
      lines.push(
        `:busts_in_silhouette: ${mentionUser(by)} removed ${former} as the ${role} of *${name}*; the ${role}'s open tasks are for whoever takes the role.`,
      );
      continue;
    }
    const from = change.oldValue ? ` (was ${mentionUser(change.oldValue)})` : '';
    const to = mentionUser(change.newValue);
    lines.push(
      `:busts_in_silhouette: ${mentionUser(by)} made ${to} the ${role} of *${name}*${from}; the ${role}'s open tasks go to ${to}.`,
    );
  }
  return lines.length > 0 ? lines.join('\n') : null;
}

/** The DM to the CSM when their account turns red. */
export function turnedRedNotice(account: Account, by: string, healthReason: string): string {
  return `:red_circle: ${mentionUser(by)} marked *${escapeMrkdwn(account.name)}* red (now PR1): “${escapeMrkdwn(healthReason)}”`;
}

/** The editor's confirmation: which fields changed, or that nothing did. */
export function editConfirmation(account: Account, changes: readonly AccountFieldChange[]): string {
  const name = escapeMrkdwn(account.name);
  if (changes.length === 0) return `Nothing changed on *${name}*.`;
  const fields = [...new Set(changes.map((change) => fieldLabel(change.field)))].join(', ');
  return `:white_check_mark: Saved *${name}*: ${fields}.`;
}
