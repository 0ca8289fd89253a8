import { accountsCloseCommand } from './accounts-close-command';
import { accountsImportCommand } from './accounts-import-command';
import { accountsListCommand } from './accounts-list-command';
import type { CliCommand } from './command';
import { migrateCommand } from './migrate-command';
import { seedDemoCommand } from './seed-demo-command';
import { sweepCommand } from './sweep-command';

/** Every CLI command, in the order the usage lists them. A new command is one more entry. */
export const COMMANDS: readonly CliCommand[] = [
  migrateCommand,
  seedDemoCommand,
  accountsImportCommand,
  accountsListCommand,
  accountsCloseCommand,
  sweepCommand,
];
