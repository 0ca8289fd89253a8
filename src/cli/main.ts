/**
 * `npm run cs -- <command>`: the admin command line. Thin on purpose: it wires the real world
 * (environment, files, clock, console) into runCli, where everything testable lives.
 */
import { readFile } from 'node:fs/promises';
import { environmentWithDotenv } from '../config/dotenv';
import { ConfigError } from '../config/env';
import { openDatabase } from '../db/open-database';
import { createReminderSlackClient } from '../reminders/dispatch';
import { type CliConfig, formatCliConfigError, loadCliConfig } from './cli-config';
import { runCli } from './run-cli';

function loadConfigOrExplain(): CliConfig | null {
  try {
    return loadCliConfig(environmentWithDotenv(process.env, '.env'));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of formatCliConfigError(error)) console.error(line);
    return null;
  }
}

// A reader that stops early (`| head`) closes the pipe. The command still finishes what it was
// doing (a sweep half done is worse than output lost), and Node's EPIPE stack trace is not shown.
let stdoutOpen = true;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutOpen = false;
});

async function main(): Promise<number> {
  const config = loadConfigOrExplain();
  if (!config) return 1;
  return runCli(process.argv.slice(2), {
    openDatabase: () => openDatabase(config.database),
    readFile: (path) => readFile(path, 'utf8'),
    stdout: (line) => {
      if (stdoutOpen) console.log(line);
    },
    stderr: (line) => console.error(line),
    now: () => new Date(),
    timeZone: config.timeZone,
    demoChannelId: config.demoChannelId,
    slack: () =>
      config.slack.botToken
        ? createReminderSlackClient(
            config.slack.botToken,
            config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
          )
        : null,
    admins: config.admins,
    reportChannel: config.reportChannel,
  });
}

// exitCode rather than process.exit(), so buffered output is flushed before the process ends.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
