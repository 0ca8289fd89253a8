import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SocketModeReceiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { environmentWithDotenv } from '../../src/config/dotenv';
import { ConfigError, loadConfig } from '../../src/config/env';
import { openDatabase } from '../../src/db/open-database';
import { createCsBot } from '../../src/slack/create-app';

const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs as an HTTP app on port 3000 with embedded PGlite and UTC when only the Slack secrets are set', () => {
    expect(loadConfig(base)).toMatchObject({
      slack: { mode: 'http', botToken: 'xoxb-1', signingSecret: 'secret', apiUrl: undefined },
      port: 3000,
      database: { kind: 'pglite', dataDir: './.data/pglite' },
      timeZone: 'UTC',
      admins: [],
    });
  });

  it('switches to Socket Mode when an app token is set, without needing a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.slack.mode).toBe('socket');
  });

  it('uses PostgreSQL when DATABASE_URL is set and normalises the Slack API URL to end in a slash', () => {
    const config = loadConfig({ ...base, DATABASE_URL: 'postgres://u@h/db', SLACK_API_URL: 'http://127.0.0.1:9/api' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('reads admins as a comma- or space-separated list of Slack user ids', () => {
    expect(loadConfig({ ...base, CS_ADMINS: 'U01ABC, U02DEF W03GHI' }).admins).toEqual(['U01ABC', 'U02DEF', 'W03GHI']);
  });

  it('names every bad variable and says how to fix it', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      PORT: 'eighty',
      CS_TIMEZONE: 'Mars/Olympus',
      DATABASE_URL: 'mysql://x',
      CS_ADMINS: 'alice',
    });
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
    expect(problems.join('\n')).toMatch(/SLACK_SIGNING_SECRET is required in HTTP mode/);
    expect(problems.join('\n')).toMatch(/PORT /);
    expect(problems.join('\n')).toMatch(/CS_TIMEZONE must be an IANA time zone/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must be a postgres/);
    expect(problems.join('\n')).toMatch(/CS_ADMINS/);
  });

  it('refuses an empty PORT instead of starting on a random port, and still takes 0 and the default', () => {
    expect(problemsOf({ ...base, PORT: '' })).toEqual([
      'PORT must be a port number such as 3000 (0 picks a free port); it is set but empty or not a number',
    ]);
    expect(problemsOf({ ...base, PORT: '70000' })).toEqual(['PORT must be a port number no higher than 65535']);
    expect(loadConfig({ ...base, PORT: '0' }).port).toBe(0);
    expect(loadConfig({ ...base, PORT: ' 4000 ' }).port).toBe(4000);
    expect(loadConfig(base).port).toBe(3000);
  });

  it('says the bot token is required when it is missing', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's' })).toEqual([
      'SLACK_BOT_TOKEN is required: the Bot User OAuth Token from your Slack app (OAuth & Permissions)',
    ]);
  });
});

describe('environmentWithDotenv', () => {
  it('fills in from .env but lets variables already set in the process win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-bot-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=4000\nCS_TIMEZONE=Europe/Berlin\n# a comment\n');
    expect(environmentWithDotenv({ PORT: '5000' }, file)).toMatchObject({ PORT: '5000', CS_TIMEZONE: 'Europe/Berlin' });
  });

  it('treats a missing .env as no file at all', () => {
    expect(environmentWithDotenv({ PORT: '5000' }, '/nonexistent/.env')).toEqual({ PORT: '5000' });
  });
});

describe('createCsBot in Socket Mode', () => {
  it('builds a Socket Mode app from an app token, with no signing secret and no HTTP listener of its own', async () => {
    const database = await openDatabase({ kind: 'pglite-memory' });
    try {
      const bot = createCsBot({
        config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', LOG_LEVEL: 'error' }),
        database,
      });
      // Bolt keeps its receiver private; its class is the one observable sign of the mode chosen.
      expect((bot.app as unknown as { receiver: object }).receiver).toBeInstanceOf(SocketModeReceiver);
    } finally {
      await database.close();
    }
  });
});
