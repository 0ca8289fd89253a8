import { startClockJobs } from '../jobs/clock-jobs';
import { environmentWithDotenv } from './config/dotenv';
import { ConfigError, loadConfig } from './config/env';
import { migrate } from './db/migrate';
import { openDatabase } from './db/open-database';
import { DataDirectoryLockedError } from './db/pglite-lock';
import { everyoneIsAdmin } from './domain/permissions';
import { createClockRuntime } from './reminders/clock-runtime';
import { createReminderSlackClient } from './reminders/dispatch';
import { createPlannerDeps } from './reminders/run-planner';
import { createCsBot } from './slack/create-app';
import { ADMINS_UNSET_NOTICE } from './views/permission-messages';

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

/** A start-up problem the operator fixes in the configuration: printed as one line, no stack. */
class StartupError extends Error {}

/** Where DATABASE_URL points, without its password: what an operator checks first. */
function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured server';
  }
}

async function reachDatabase(location: { kind: string; url?: string }, ping: () => Promise<void>): Promise<void> {
  try {
    await ping();
  } catch (error) {
    // drizzle wraps the driver's error; its cause says why (ECONNREFUSED, a bad password, …).
    const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string; message?: string };
    const reason = [cause.code, cause.message].filter(Boolean).join(' ').split('\n')[0];
    throw new StartupError(
      location.kind === 'postgres'
        ? `cs-bot cannot reach the database in DATABASE_URL (${describeServer(location.url ?? '')}): ${reason}. ` +
            'Check DATABASE_URL, or leave it unset to use the embedded database.'
        : `cs-bot cannot open its embedded database (PGLITE_DATA_DIR): ${reason}.`,
    );
  }
}

/** `npm start`: configuration, database, migrations, the Slack app, then the clocks. Fails fast and says why. */
async function main(): Promise<void> {
  const config = loadConfig(environmentWithDotenv(process.env, '.env'));
  if (everyoneIsAdmin(config.admins)) console.warn(`Warning: ${ADMINS_UNSET_NOTICE}`);
  const database = await openDatabase(config.database);
  running.push(() => database.close());
  await reachDatabase(config.database, () => database.ping());
  const applied = await migrate(database.db);
  const slack = createReminderSlackClient(
    config.slack.botToken,
    config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
  );
  // One set of planner dependencies (repositories, time-zone cache) for the listeners and the clocks.
  const planner = createPlannerDeps({
    db: database.db,
    slack,
    timeZone: config.timeZone,
    reportChannel: config.reportChannel,
  });
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
  const jobs = startClockJobs({
    clocks,
    now: () => new Date(),
    logger: bot.app.logger,
    onPeopleAffected: (userIds) => bot.deps.homes.refresh(userIds),
  });
  wakeDispatcher = jobs.wake;
  running.push(() => jobs.stop());

  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded PGlite at ${config.database.dataDir}`;
  bot.app.logger.info(
    `cs-bot is running (${config.slack.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${port}`}, ` +
      `${where}, ${applied} migration(s) applied, team time zone ${config.timeZone}` +
      `${config.reportChannel ? `, Monday team digest to ${config.reportChannel}` : ''}).`,
  );
  started = true;
  if (stopping) await shutdown();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirectoryLockedError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    console.error('cs-bot failed to start:', error);
  }
  process.exit(1);
});
