import type { Server } from 'node:http';
import { App, type CustomRoute, HTTPReceiver, type Logger, LogLevel } from '@slack/bolt';
import { registerListeners } from '../../handlers';
import type { AppDeps } from '../app-deps';
import type { Config } from '../config/env';
import type { DatabaseHandle } from '../db/database';
import { createHomeViewerRepository } from '../home/home-viewer-repository';
import { createRemindersService } from '../reminders/reminders-service';
import { createPlannerDeps, type PlannerDeps } from '../reminders/run-planner';
import { loadTeamView } from '../reports/team-view';
import { createTeamViewCache } from '../reports/team-view-cache';
import { publishHome } from '../use-cases/publish-home';
import { teamViewBlocks } from '../views/team-view-blocks';
import { createAfterAckQueue } from './after-ack-queue';
import { createHomeRefresher, HOME_WATCH_MS } from './home-refresher';
import { refusingFutureRequests } from './request-freshness';
import { createRequestsInFlight, type RequestsInFlight } from './requests-in-flight';
import { guardIncomingRequests } from './shape-guard';
import { portOf, socketModeParts, startSocketMode, stopSocketMode } from './socket-mode-lifecycle';
import { createUnfinishedWork } from './unfinished-work';

export interface CsBot {
  app: App;
  deps: AppDeps;
  /**
   * Starts listening and resolves with the HTTP port actually bound (PORT=0 picks a free one): in
   * HTTP mode Slack's requests and /healthz arrive there, in Socket Mode only /healthz does, and
   * start() resolves once Slack's socket has said hello.
   */
  start(): Promise<{ port: number | null }>;
  /**
   * Resolves true once every request's listeners and the work queued after acks have finished
   * (Home refreshes still waiting out their short delay are not counted), false after `maxWaitMs`.
   */
  idle(maxWaitMs: number): Promise<boolean>;
  /**
   * Stops listening, lets what was already acked finish (up to 10 s), and resolves; in Socket
   * Mode, once the socket and the /healthz server are closed too.
   */
  stop(): Promise<void>;
}

const LOG_LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;

const HEALTH_TIMEOUT_MS = 2_000;
/**
 * Post-ack work run at once. One keeps acks closest to a bare Bolt app's under a burst (measured in
 * bench/ack-latency: 1 beat 2 and 4); a unit stuck on a slow call gives up its slot after a second.
 */
const AFTER_ACK_CONCURRENCY = 1;
/** How long a stopping bot waits for acked work to finish, within a deploy's usual 30 s grace. */
const STOP_DRAIN_MS = 10_000;

/**
 * WebClient options for SLACK_API_URL (GovSlack, or a local fake). A new object each call: the
 * Socket Mode client writes its own retry policy into the options it is given.
 */
function slackApiOptions(config: Config): { slackApiUrl?: string } {
  return config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
}

/**
 * Bolt's HTTP receiver, built here so its request listener can refuse requests signed in the
 * future (Bolt itself refuses only stale ones).
 */
function httpReceiver(
  config: Config,
  common: { logLevel: LogLevel; logger?: Logger; customRoutes: CustomRoute[] },
  requests: RequestsInFlight,
): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret ?? '',
    customRoutes: common.customRoutes,
    logLevel: common.logLevel,
    ...(common.logger ? { logger: common.logger } : {}),
  });
  receiver.requestListener = requests.track(refusingFutureRequests(receiver.requestListener));
  return receiver;
}

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
  /** Built once by the caller and shared with the clocks; a bot started alone builds its own. */
  planner?: PlannerDeps;
  /** Wakes the clocks' dispatcher when a request queued reminders (a new account's first ones). */
  onMessagesQueued?: () => void;
  now?: () => Date;
  logger?: Logger;
}): CsBot {
  const { config, database } = options;
  const { db } = database;
  const common = {
    token: config.slack.botToken,
    logLevel: LOG_LEVELS[config.logLevel],
    ...(options.logger ? { logger: options.logger } : {}),
    clientOptions: slackApiOptions(config),
    customRoutes: [healthRoute(database)],
    // No listener reads Bolt's conversation context; its store would only cost each request a lookup.
    convoStore: false as const,
  };
  const requests = createRequestsInFlight();
  const app =
    config.slack.mode === 'socket'
      ? new App({
          ...common,
          appToken: config.slack.appToken,
          socketMode: true,
          // The socket client opens its connection (apps.connections.open) with a WebClient of its own,
          // built from these options. Left out, Bolt would hand it the app's clientOptions object,
          // into which the client writes a 100-retry policy that every listener's client then inherits.
          installerOptions: { port: config.port, clientOptions: slackApiOptions(config) },
        })
      : new App({ ...common, receiver: httpReceiver(config, common, requests) });

  const plannerDeps = options.planner ?? createPlannerDeps({ db, slack: app.client, timeZone: config.timeZone });
  const teamViews = createTeamViewCache((now) => loadTeamView(db, { now, timeZone: config.timeZone }), {
    timeZone: config.timeZone,
  });
  const afterAckQueue = createAfterAckQueue({ concurrency: AFTER_ACK_CONCURRENCY, requests });
  const afterAck = afterAckQueue.run;
  const viewers = createHomeViewerRepository({ db });
  const homes = createHomeRefresher({
    schedule: afterAck,
    watchers: {
      opened: (userId) => viewers.recordOpened(userId, deps.now()),
      watching: (userIds) => viewers.openedSince(userIds, new Date(deps.now().getTime() - HOME_WATCH_MS)),
    },
    publish: (userId, request) => publishHome({ ...deps, slack: app.client }, { userId, ...request }, deps.now()),
    logger: app.logger,
  });
  const deps: AppDeps = {
    accounts: plannerDeps.accounts,
    accelerators: plannerDeps.accelerators,
    activities: plannerDeps.activities,
    tasks: plannerDeps.tasks,
    reminders: createRemindersService({
      ...plannerDeps,
      slack: app.client,
      logger: app.logger,
      ...(options.onMessagesQueued ? { onMessagesQueued: options.onMessagesQueued } : {}),
      onPeopleAffected: (userIds) => homes.refresh(userIds),
    }),
    homes,
    teamView: async (now, maxBlocks) => teamViewBlocks(await teamViews(now), { maxBlocks }),
    timeZone: config.timeZone,
    admins: config.admins,
    now: options.now ?? (() => new Date()),
    logger: app.logger,
    afterAck,
  };
  // Before Bolt or any listener reads a payload, its shape is checked (a malformed one is answered there).
  guardIncomingRequests(app, app.logger);
  // Bolt's processEvent resolves once the listeners are done, post-ack work included (a modal's
  // channel summary), which a stopping bot waits for like the queued work.
  const listenerWork = createUnfinishedWork();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => listenerWork.run(() => processEvent(event));
  registerListeners(app, deps);
  app.error(async (error) => {
    app.logger.error(`A Slack listener failed: ${error.message}`, error.original ?? error);
  });

  /** Listeners queue work (a reply, a Home refresh) as they finish, so they are waited for first. */
  async function idle(maxWaitMs: number): Promise<boolean> {
    const deadline = performance.now() + maxWaitMs;
    if (!(await listenerWork.idle(maxWaitMs))) return false;
    return afterAckQueue.idle(Math.max(0, deadline - performance.now()));
  }

  let stopping: Promise<void> | null = null;
  return {
    app,
    deps,
    idle,
    async start() {
      const socket = socketModeParts(app);
      if (socket) {
        // Bolt calls listen() on the /healthz server without waiting, and without an error listener
        // a port in use would crash the process instead of failing start().
        return { port: await startSocketMode(app, socket, config.port) };
      }
      const server = (await app.start(config.port)) as Server;
      return { port: portOf(server, config.port) };
    },
    stop() {
      // A second call (a signal during a stop) waits for the first instead of stopping twice.
      stopping ??= stopBot();
      return stopping;
    },
  };

  async function stopBot(): Promise<void> {
    const socket = socketModeParts(app);
    if (socket) await stopSocketMode(app, socket);
    else await app.stop();
    // No request comes in now; what was acked and not yet done (a logged call, its reply) gets
    // its chance before the database closes. Refreshes still waiting are dropped.
    await homes.stop();
    if (!(await idle(STOP_DRAIN_MS)))
      app.logger.warn(`Stopped with acked work still unfinished after ${STOP_DRAIN_MS / 1000} s; it may not be done.`);
  }
}
