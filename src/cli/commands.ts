import { accountsCloseCommand } from './accounts-close-command';
import { accountsExportCommand } from './accounts-export-command';
import { accountsImportCommand } from './accounts-import-command';
import { accountsListCommand } from './accounts-list-command';
import { activitiesExportCommand } from './activities-export-command';
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
  accountsExportCommand,
  accountsCloseCommand,
  activitiesExportCommand,
  sweepCommand,
];
