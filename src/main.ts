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

/** `npm start`: configuration, database, migrations, the Slack app, then the clocks. Fails fast and says why. */
async function main(): Promise<void> {
  const config = loadConfig(environmentWithDotenv(process.env, '.env'));
  const database = await openDatabase(config.database);
  const applied = await migrate(database.db);
  const slack = createReminderSlackClient(
    config.slack.botToken,
    config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
  );
  // One set of planner dependencies (repositories, time-zone cache) for the listeners and the clocks.
  const planner = createPlannerDeps({ db: database.db, slack, timeZone: config.timeZone });
  const bot = createCsBot({ config, database, planner });
  const { port } = await bot.start();
  const clocks = createClockRuntime({
    db: database.db,
    slack,
    planner,
    timeZone: config.timeZone,
    admins: config.admins,
    logger: bot.app.logger,
  });
  const jobs = startClockJobs({ runPass: clocks.runPass, now: () => new Date(), logger: bot.app.logger });

  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded PGlite at ${config.database.dataDir}`;
  bot.app.logger.info(
    `cs-bot is running (${config.slack.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${port}`}, ` +
      `${where}, ${applied} migration(s) applied, team time zone ${config.timeZone}).`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    bot.app.logger.info(`Received ${signal}; stopping.`);
    await jobs.stop().catch(() => {});
    await bot.stop().catch(() => {});
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirectoryLockedError) {
    console.error(error.message);
  } else {
    console.error('cs-bot failed to start:', error);
  }
  process.exit(1);
});
