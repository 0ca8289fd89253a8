import { createAccountRepository } from '../accounts/account-repository';
import { type CliCommand, noArguments } from './command';

const HEADER = ['NAME', 'SEGMENT', 'PRIORITY', 'HEALTH', 'RENEWAL', 'CHANNEL'] as const;

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
  summary: 'List the active accounts: name, CSM segment, priority, health, renewal date, channel.',
  prepare: noArguments(async ({ db, stdout }) => {
    const accounts = await createAccountRepository({ db }).listActive();
    if (accounts.length === 0) {
      stdout(
        'No accounts yet. Import them with `npm run cs -- accounts import <file.csv>`, or try `npm run cs -- seed-demo`.',
      );
      return 0;
    }
    const rows = accounts.map((account) => [
      account.name,
      account.csmSegment ?? '-',
      account.priority,
      account.health,
      account.renewalDate ?? '-',
      account.channelId ?? '-',
    ]);
    for (const line of formatTable([HEADER, ...rows])) stdout(line);
    return 0;
  }),
};
