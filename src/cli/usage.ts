import { ACCOUNT_CSV_COLUMNS } from '../accounts/account-csv';
import { ACTIVITY_EXPORT_COLUMNS } from '../export/activity-export';
import type { CliCommand } from './command';

export function commandSynopsis(command: CliCommand): string {
  return [...command.words, command.arguments].filter(Boolean).join(' ');
}

/** The usage line and the command list: enough to correct a mistyped command. */
export function formatCommandList(commands: readonly CliCommand[]): string[] {
  const synopses = commands.map(commandSynopsis);
  const width = Math.max('--help'.length, ...synopses.map((synopsis) => synopsis.length));
  return [
    'Usage: npm run cs -- <command> [arguments]',
    '',
    'Commands:',
    ...commands.map((command, i) => `  ${(synopses[i] ?? '').padEnd(width)}  ${command.summary}`),
    `  ${'--help'.padEnd(width)}  Show the full help, with the import and export CSV columns.`,
  ];
}

/** The full usage text, built from the command table so a new command documents itself. */
export function formatUsage(commands: readonly CliCommand[]): string[] {
  const columnWidth = Math.max(...ACCOUNT_CSV_COLUMNS.map((column) => column.name.length));
  const activityColumnWidth = Math.max(...ACTIVITY_EXPORT_COLUMNS.map((column) => column.name.length));
  return [
    ...formatCommandList(commands),
    '',
    'Every command first applies any pending database migrations.',
    '',
    'Options take their value either way: --at 2026-12-01T09:00:00Z or --at=2026-12-01T09:00:00Z.',
    'For output a script reads, run `npm run -s cs -- <command>`: -s (--silent) drops the lines npm',
    'prints first, so `npm run -s cs -- sweep --dry-run --json | jq` sees only JSON.',
    '',
    'The database: DATABASE_URL (postgres://...) if set, otherwise the embedded database in',
    'PGLITE_DATA_DIR (default ./.data/pglite). Dates are days in CS_TIMEZONE (default UTC).',
    'These are read from the environment or from .env; Slack tokens are not needed here.',
    'The embedded database serves one process at a time, so the CLI and a running bot take turns;',
    'on PostgreSQL (DATABASE_URL) they share it.',
    '',
    'Accounts CSV: a header row naming the columns (any order; only name is required), then one',
    'account per row. Columns:',
    ...ACCOUNT_CSV_COLUMNS.map((column) => `  ${column.name.padEnd(columnWidth)}  ${column.description}`),
    '',
    'Exports are CSV as RFC 4180 has it (UTF-8, CRLF line ends, a header row), to stdout unless --out',
    'names a file: `npm run -s cs -- accounts export > accounts.csv`. accounts export writes the active',
    'accounts in the columns above, so its file imports back; dates are YYYY-MM-DD, team members by role.',
    'activities export writes one row per activity (deleted ones left out); --since and --until are',
    'days (YYYY-MM-DD), both included. Its columns:',
    ...ACTIVITY_EXPORT_COLUMNS.map((column) => `  ${column.name.padEnd(activityColumnWidth)}  ${column.description}`),
  ];
}
