import type { AppDeps } from '../../src/app-deps';
import { loadConfig } from '../../src/config/env';
import type { DatabaseHandle } from '../../src/db/database';
import { type CsBot, createCsBot } from '../../src/slack/create-app';
import type { FakeSlack } from './fake-slack';
import { type FakeSocketMode, type SocketAck, startFakeSocketMode } from './fake-socket-mode';
import { eventBody, slashCommandBody } from './slack-signer';

export const TEST_APP_TOKEN = 'xapp-test';

export interface RunningSocketApp {
  /** Where the app serves its HTTP custom routes (/healthz) in Socket Mode. */
  url: string;
  bot: CsBot;
  deps: AppDeps;
  /** The fake Socket Mode backend the app is connected to. */
  socket: FakeSocketMode;
  /** Sends a slash command envelope and resolves with its ack; the response_url points at the fake Slack. */
  command(text: string, options: { userId: string; channelId: string }): Promise<SocketAck>;
  /** Sends an interactive envelope (block_actions, view_submission, block_suggestion…) and resolves with its ack. */
  interact(payload: object): Promise<SocketAck>;
  /** Sends an events_api envelope around one event and resolves with its ack. */
  event(event: object): Promise<SocketAck>;
  stop(): Promise<void>;
}

/**
 * Starts the real app in Socket Mode on the given database: its Web API calls, apps.connections.open
 * included, go to the fake Slack, which hands it the URL of a fake Socket Mode backend started here
 * (and closed by stop()). Resolves once the socket is connected and /healthz listens.
 */
export async function startRunningSocketApp(options: {
  fakeSlack: FakeSlack;
  database: DatabaseHandle;
  timeZone?: string;
  now?: () => Date;
  env?: Record<string, string>;
}): Promise<RunningSocketApp> {
  const { fakeSlack } = options;
  const socket = await startFakeSocketMode();
  fakeSlack.serveSocketMode(() => socket.newConnectionUrl());
  const closeSocket = async () => {
    fakeSlack.serveSocketMode(undefined);
    await socket.close();
  };

  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_APP_TOKEN: TEST_APP_TOKEN,
    SLACK_API_URL: fakeSlack.url,
    PORT: '0',
    CS_TIMEZONE: options.timeZone ?? 'UTC',
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const bot = createCsBot({ config, database: options.database, ...(options.now ? { now: options.now } : {}) });
  let port: number | null;
  try {
    ({ port } = await bot.start());
  } catch (error) {
    await closeSocket();
    throw error;
  }
  if (port === null) {
    await bot.stop();
    await closeSocket();
    throw new Error('the app started in Socket Mode without an HTTP port for /healthz');
  }

  return {
    url: `http://127.0.0.1:${port}`,
    bot,
    deps: bot.deps,
    socket,
    // In Socket Mode the same fields arrive as a JSON object instead of a form.
    command: (text, { userId, channelId }) =>
      socket.send(
        'slash_commands',
        Object.fromEntries(
          new URLSearchParams(slashCommandBody({ text, userId, channelId, responseUrl: fakeSlack.newResponseUrl() })),
        ),
      ),
    interact: (payload) => socket.send('interactive', { ...payload }),
    event: (event) => socket.send('events_api', JSON.parse(eventBody(event)) as Record<string, unknown>),
    async stop() {
      await bot.stop();
      await closeSocket();
    },
  };
}
