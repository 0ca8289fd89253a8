import { describe, expect, it } from 'vitest';
import { formatCliConfigError, loadCliConfig } from '../../src/cli/cli-config';
import { ConfigError } from '../../src/config/env';

function problemsOf(environment: Record<string, string | undefined>): string[] {
  try {
    loadCliConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadCliConfig', () => {
  it('needs no Slack settings and defaults to the embedded database in UTC', () => {
    expect(loadCliConfig({})).toEqual({
      database: { kind: 'pglite', dataDir: './.data/pglite' },
      timeZone: 'UTC',
      demoChannelId: null,
      slack: { botToken: undefined, apiUrl: undefined },
      admins: [],
      reportChannel: null,
    });
  });

  it('reads CS_REPORT_CHANNEL, so sweep queues the Monday team digest as the bot does', () => {
    expect(loadCliConfig({ CS_REPORT_CHANNEL: 'C0REPORTS1' }).reportChannel).toBe('C0REPORTS1');
  });

  it('reads the Slack settings that sweep needs, when they are given', () => {
    expect(
      loadCliConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_API_URL: 'http://127.0.0.1:9/api', CS_ADMINS: 'U0ADMIN001' }),
    ).toMatchObject({ slack: { botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api/' }, admins: ['U0ADMIN001'] });
  });

  it('uses DATABASE_URL when it is set, and treats an empty one as unset', () => {
    expect(loadCliConfig({ DATABASE_URL: 'postgres://cs@db/cs', CS_TIMEZONE: 'Europe/Berlin' })).toMatchObject({
      database: { kind: 'postgres', url: 'postgres://cs@db/cs' },
      timeZone: 'Europe/Berlin',
    });
    expect(loadCliConfig({ DATABASE_URL: '', PGLITE_DATA_DIR: '/tmp/x' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/tmp/x',
    });
  });

  it('names each bad variable in its problem', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://db',
      CS_TIMEZONE: 'Mars/Olympus',
      CS_DEMO_CHANNEL: '#general',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL must be a postgres:\/\//),
      expect.stringMatching(/^CS_TIMEZONE must be an IANA time zone/),
      expect.stringMatching(/^CS_DEMO_CHANNEL must be a Slack channel id/),
    ]);
  });

  it('formats the problems as a message about the CLI rather than the bot', () => {
    const lines = formatCliConfigError(new ConfigError(['CS_TIMEZONE must be an IANA time zone']));
    expect(lines[0]).toBe('npm run cs: the database settings are not valid.');
    expect(lines).toContain('  - CS_TIMEZONE must be an IANA time zone');
  });
});
