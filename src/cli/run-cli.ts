import type { webApi } from '@slack/bolt';
import type { DatabaseHandle } from '../db/database';
import { migrate } from '../db/migrate';
import { DataDirectoryLockedError } from '../db/pglite-lock';
import type { CliCommand } from './command';
import { COMMANDS } from './commands';
import { commandSynopsis, formatCommandList, formatUsage } from './usage';

export interface RunCliDeps {
  openDatabase(): Promise<DatabaseHandle>;
  readFile(path: string): Promise<string>;
  stdout(line: string): void;
  stderr(line: string): void;
  now(): Date;
  timeZone: string;
  demoChannelId?: string | null;
  /** Builds the Slack client for commands that post; absent or null when no bot token is set. */
  slack?: (() => webApi.WebClient | null) | undefined;
  admins?: string[];
  /** CS_REPORT_CHANNEL, so `sweep` queues the Monday team digest as the minute job does. */
  reportChannel?: string | null;
  /** The command table; tests may pass their own. */
  commands?: readonly CliCommand[];
}

const HELP_FLAGS = new Set(['--help', '-h']);

/** The command whose words start argv, preferring the longest (so `accounts import` beats a bare `accounts`). */
function findCommand(commands: readonly CliCommand[], argv: readonly string[]): CliCommand | undefined {
  return commands
    .filter((command) => command.words.every((word, i) => argv[i] === word))
    .sort((a, b) => b.words.length - a.words.length)[0];
}

function unknownCommandMessage(commands: readonly CliCommand[], argv: readonly string[]): string {
  const [first] = argv;
  const group = commands.filter((command) => command.words.length > 1 && command.words[0] === first);
  if (group.length > 0) {
    const choices = group.map((command) => command.words.slice(1).join(' '));
    return `"${first}" needs one of: ${choices.join(', ')}.`;
  }
  return `Unknown command "${argv.join(' ')}".`;
}

/**
 * Said in the CLI's own words rather than with error.message, whose advice (written for the bot)
 * would repeat this one's; suggesting another PGLITE_DATA_DIR makes no sense to an operator who
 * wants this data.
 */
function lockedDatabaseMessage(error: DataDirectoryLockedError): string {
  return (
    `The embedded database at ${error.dataDir} is in use by another cs-bot process (pid ${error.holderPid}): ` +
    'the bot, or another npm run cs. On PGlite they take turns, so stop it and run the command again, or set ' +
    'DATABASE_URL so that the bot and the CLI share a PostgreSQL server.'
  );
}

/** Runs one CLI invocation and returns the process exit code: 0 done, 1 failed, 2 misused. */
export async function runCli(argv: readonly string[], deps: RunCliDeps): Promise<number> {
  const commands = deps.commands ?? COMMANDS;

  if (argv[0] === 'help' || argv.some((arg) => HELP_FLAGS.has(arg))) {
    for (const line of formatUsage(commands)) deps.stdout(line);
    return 0;
  }
  if (argv.length === 0) {
    for (const line of formatUsage(commands)) deps.stderr(line);
    return 2;
  }
  const command = findCommand(commands, argv);
  if (!command) {
    deps.stderr(unknownCommandMessage(commands, argv));
    deps.stderr('');
    for (const line of formatCommandList(commands)) deps.stderr(line);
    return 2;
  }
  const prepared = command.prepare(argv.slice(command.words.length));
  if ('error' in prepared) {
    deps.stderr(`${command.words.join(' ')}: ${prepared.error}.`);
    deps.stderr(`Usage: npm run cs -- ${commandSynopsis(command)}`);
    return 2;
  }

  let handle: DatabaseHandle;
  try {
    handle = await deps.openDatabase();
  } catch (error) {
    if (!(error instanceof DataDirectoryLockedError)) throw error;
    deps.stderr(lockedDatabaseMessage(error));
    return 1;
  }
  try {
    // Every command migrates first, so a fresh database just works; `migrate` reports the count.
    const migrationsApplied = await migrate(handle.db);
    return await prepared.run({
      db: handle.db,
      migrationsApplied,
      readFile: deps.readFile,
      stdout: deps.stdout,
      stderr: deps.stderr,
      now: deps.now,
      timeZone: deps.timeZone,
      demoChannelId: deps.demoChannelId ?? null,
      slack: deps.slack?.() ?? null,
      admins: deps.admins ?? [],
      reportChannel: deps.reportChannel ?? null,
    });
  } finally {
    await handle.close();
  }
}
