import type { Server } from 'node:http';
import { App, type CustomRoute, type Logger, LogLevel } from '@slack/bolt';
import { registerListeners } from '../../handlers';
import type { AppDeps } from '../app-deps';
import type { Config } from '../config/env';
import type { DatabaseHandle } from '../db/database';
import { createRemindersService } from '../reminders/reminders-service';
import { createPlannerDeps } from '../reminders/run-planner';

export interface CsBot {
  app: App;
  deps: AppDeps;
  /** Starts listening; in HTTP mode resolves with the port actually bound (PORT=0 picks a free one). */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
}

const LOG_LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;

const HEALTH_TIMEOUT_MS = 2_000;

function healthRoute(database: DatabaseHandle): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('database did not answer in time')), HEALTH_TIMEOUT_MS).unref(),
      );
      Promise.race([database.ping(), timeout]).then(
        () => {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: 'ok', database: database.kind }));
        },
        (error: unknown) => {
          res
            .writeHead(503, { 'content-type': 'application/json' })
            .end(
              JSON.stringify({ status: 'unavailable', error: error instanceof Error ? error.message : String(error) }),
            );
        },
      );
    },
  };
}

/**
 * The composition root for Slack: builds the repositories and use-case dependencies, the Bolt app
 * (Socket Mode when an app token is configured, HTTP otherwise) and registers every listener.
 */
export function createCsBot(options: {
  config: Config;
  database: DatabaseHandle;
  now?: () => Date;
  logger?: Logger;
}): CsBot {
  const { config, database } = options;
  const { db } = database;
  const common = {
    token: config.slack.botToken,
    logLevel: LOG_LEVELS[config.logLevel],
    ...(options.logger ? { logger: options.logger } : {}),
    clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
    customRoutes: [healthRoute(database)],
  };
  const app =
    config.slack.mode === 'socket'
      ? new App({
          ...common,
          appToken: config.slack.appToken,
          socketMode: true,
          installerOptions: { port: config.port },
        })
      : new App({ ...common, signingSecret: config.slack.signingSecret ?? '' });

  const plannerDeps = createPlannerDeps({ db, slack: app.client, timeZone: config.timeZone });
  const deps: AppDeps = {
    accounts: plannerDeps.accounts,
    activities: plannerDeps.activities,
    tasks: plannerDeps.tasks,
    reminders: createRemindersService({ ...plannerDeps, slack: app.client, logger: app.logger }),
    timeZone: config.timeZone,
    admins: config.admins,
    now: options.now ?? (() => new Date()),
    logger: app.logger,
  };
  registerListeners(app, deps);
  app.error(async (error) => {
    app.logger.error(`A Slack listener failed: ${error.message}`, error.original ?? error);
  });

  return {
    app,
    deps,
    async start() {
      if (config.slack.mode === 'socket') {
        await app.start();
        return { port: null };
      }
      const server = (await app.start(config.port)) as Server;
      const address = server.address();
      return { port: typeof address === 'object' && address ? address.port : config.port };
    },
    stop: () => app.stop().then(() => undefined),
  };
}
