import type { webApi } from '@slack/bolt';
import type { Database } from '../db/database';
import { parseArguments } from './parse-arguments';

/** What a command gets once the database is open and migrated. */
export interface CommandContext {
  db: Database;
  /** How many migrations this run applied before the command; `migrate` reports it. */
  migrationsApplied: number;
  readFile(path: string): Promise<string>;
  stdout(line: string): void;
  stderr(line: string): void;
  now(): Date;
  timeZone: string;
  demoChannelId: string | null;
  /** A Slack client for commands that post (sweep), or null when no SLACK_BOT_TOKEN is set. */
  slack: webApi.WebClient | null;
  admins: string[];
  /** Where the Monday team digest goes (CS_REPORT_CHANNEL), or null. */
  reportChannel: string | null;
}

/** Returns the process exit code. */
export type CommandRun = (context: CommandContext) => Promise<number>;

/** A usage mistake (one line, without the final period) or the run to do once the database is open. */
export type Prepared = { error: string } | { run: CommandRun };

export interface CliCommand {
  /** The words that name it on the command line, e.g. ['accounts', 'import']. */
  words: readonly string[];
  /** Its arguments as the usage shows them, e.g. '<file.csv>'. */
  arguments?: string;
  summary: string;
  /**
   * Checks the arguments before the database is opened, so a typo is reported at once rather
   * than after waiting on the database (or being hidden by its lock error).
   */
  prepare(args: readonly string[]): Prepared;
}

export function noArguments(run: CommandRun) {
  return (args: readonly string[]): Prepared => {
    const parsed = parseArguments(args, {});
    return 'error' in parsed ? parsed : { run };
  };
}
