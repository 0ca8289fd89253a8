import { startClockJobs } from '../jobs/clock-jobs';
import { environmentWithDotenv } from './config/dotenv';
import { ConfigError, loadConfig } from './config/env';
import { migrate } from './db/migrate';
import { openDatabase } from './db/open-database';
import { DataDirectoryLockedError } from './db/pglite-lock';
import { createClockRuntime } from './reminders/clock-runtime';
import { createReminderSlackClient } from './reminders/dispatch';
import { createPlannerDeps } from './reminders/run-planner';
import { createCsBot } from './slack/create-app';

/** What shutdown undoes, in reverse order of start-up; filled in as each part comes up. */
const running: Array<() => Promise<unknown>> = [];
let stopping: string | null = null;
let started = false;

async function shutdown(): Promise<never> {
  for (const stop of running.reverse()) await stop().catch(() => {});
  process.exit(0);
}

// Registered before anything starts: a SIGTERM during start-up (a deploy rolling over) waits for
// start-up to finish, then stops everything that came up, instead of killing the process mid-write.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = signal;
    console.info(`Received ${signal}; stopping.`);
    if (started) void shutdown();
  });
}

/** `npm start`: configuration, database, migrations, the Slack app, then the clocks. Fails fast and says why. */
async function main(): Promise<void> {
  const config = loadConfig(environmentWithDotenv(process.env, '.env'));
  const database = await openDatabase(config.database);
  running.push(() => database.close());
  const applied = await migrate(database.db);
  const slack = createReminderSlackClient(
    config.slack.botToken,
    config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
  );
  // One set of planner dependencies (repositories, time-zone cache) for the listeners and the clocks.
  const planner = createPlannerDeps({ db: database.db, slack, timeZone: config.timeZone });
  let wakeDispatcher = () => {};
  const bot = createCsBot({ config, database, planner, onMessagesQueued: () => wakeDispatcher() });
  const { port } = await bot.start();
  running.push(() => bot.stop());
  const clocks = createClockRuntime({
    db: database.db,
    slack,
    planner,
    timeZone: config.timeZone,
    admins: config.admins,
    logger: bot.app.logger,
  });
  const jobs = startClockJobs({ clocks, now: () => new Date(), logger: bot.app.logger });
  wakeDispatcher = jobs.wake;
  running.push(() => jobs.stop());

  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded PGlite at ${config.database.dataDir}`;
  bot.app.logger.info(
    `cs-bot is running (${config.slack.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${port}`}, ` +
      `${where}, ${applied} migration(s) applied, team time zone ${config.timeZone}).`,
  );
  started = true;
  if (stopping) await shutdown();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirectoryLockedError) {
    console.error(error.message);
  } else {
    console.error('cs-bot failed to start:', error);
  }
  process.exit(1);
});
