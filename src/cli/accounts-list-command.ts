import { createAccountRepository } from '../accounts/account-repository';
import { type Account, effectivePriority, TEAM_ROLES } from '../domain/account';
import { type CliCommand, noArguments } from './command';

const HEADER = [
  'NAME',
  'SALES SEGMENT',
  'CSM SEGMENT',
  'PRIORITY',
  'HEALTH',
  'TEAM',
  'CHANNEL',
  'CONTRACT START',
  'RENEWAL',
] as const;

/**
 * Marked on every red account, not only where the stored priority differs: the import already
 * stores PR1 for a red row, so "PR1 (red)" is what tells an operator why their PR2 became PR1.
 */
function priorityCell(account: Account): string {
  const priority = effectivePriority(account.health, account.priority);
  return account.health === 'red' ? `${priority} (red)` : priority;
}

/** `csm=U123 csa=U456`, in the CSV's role order and spelling, so it can be checked against the file. */
function teamCell(account: Account): string {
  const members = TEAM_ROLES.flatMap((role) =>
    account.team
      .filter((member) => member.role === role)
      .map((member) => `${role.toLowerCase()}=${member.slackUserId}`),
  );
  return members.length > 0 ? members.join(' ') : '-';
}

function accountRow(account: Account): string[] {
  return [
    account.name,
    account.salesSegment ?? '-',
    account.csmSegment ?? '-',
    priorityCell(account),
    account.health,
    teamCell(account),
    account.channelId ?? '-',
    account.contractStart ?? '-',
    account.renewalDate ?? '-',
  ];
}

/** Pads every column but the last to its widest cell, so the list reads as a table. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

export const accountsListCommand: CliCommand = {
  words: ['accounts', 'list'],
  summary: 'List the active accounts: segments, priority, health, team, channel, contract start, renewal.',
  prepare: noArguments(async ({ db, stdout }) => {
    const accounts = await createAccountRepository({ db }).listActive();
    if (accounts.length === 0) {
      stdout(
        'No accounts yet. Import them with `npm run cs -- accounts import <file.csv>`, or try `npm run cs -- seed-demo`.',
      );
      return 0;
    }
    for (const line of formatTable([HEADER, ...accounts.map(accountRow)])) stdout(line);
    return 0;
  }),
};
