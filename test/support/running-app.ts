import type { Logger } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { loadConfig } from '../../src/config/env';
import type { DatabaseHandle } from '../../src/db/database';
import { type CsBot, createCsBot } from '../../src/slack/create-app';
import type { FakeSlack } from './fake-slack';
import { type AppResponse, interactionBody, postToApp, slashCommandBody } from './slack-signer';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface RunningApp {
  url: string;
  bot: CsBot;
  deps: AppDeps;
  /** Sends a signed slash command; the response_url points at the fake Slack. */
  command(text: string, options: { userId: string; channelId: string }): Promise<AppResponse>;
  /** Sends a signed interactivity payload (block_actions, view_submission, block_suggestion…). */
  interact(payload: object): Promise<AppResponse>;
  stop(): Promise<void>;
}

/**
 * Starts the real app in HTTP mode on a free port, talking to the fake Slack, on the given
 * database. `now` fixes the app's clock when a test needs a known "today".
 */
export async function startRunningApp(options: {
  fakeSlack: FakeSlack;
  database: DatabaseHandle;
  timeZone?: string;
  now?: () => Date;
  env?: Record<string, string>;
  /** Receives what the app logs (a test can assert that no listener error escaped). */
  logger?: Logger;
}): Promise<RunningApp> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: options.fakeSlack.url,
    PORT: '0',
    CS_TIMEZONE: options.timeZone ?? 'UTC',
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const bot = createCsBot({
    config,
    database: options.database,
    ...(options.now ? { now: options.now } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const { port } = await bot.start();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    bot,
    deps: bot.deps,
    command: (text, { userId, channelId }) =>
      postToApp(url, {
        signingSecret: TEST_SIGNING_SECRET,
        body: slashCommandBody({ text, userId, channelId, responseUrl: options.fakeSlack.newResponseUrl() }),
      }),
    interact: (payload) => postToApp(url, { signingSecret: TEST_SIGNING_SECRET, body: interactionBody(payload) }),
    stop: () => bot.stop(),
  };
}
