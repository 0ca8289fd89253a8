import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env';

const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

describe('CS_REPORT_CHANNEL', () => {
  it('is off (null) when unset or empty, so no Monday digest is queued', () => {
    expect(loadConfig(base).reportChannel).toBeNull();
    expect(loadConfig({ ...base, CS_REPORT_CHANNEL: '  ' }).reportChannel).toBeNull();
  });

  it('takes a Slack channel id, public or private, trimmed', () => {
    expect(loadConfig({ ...base, CS_REPORT_CHANNEL: ' C0123ABCD ' }).reportChannel).toBe('C0123ABCD');
    expect(loadConfig({ ...base, CS_REPORT_CHANNEL: 'G0123ABCD' }).reportChannel).toBe('G0123ABCD');
  });

  it('refuses a channel name at start, naming the variable and what it wants instead', () => {
    const refused = (() => {
      try {
        loadConfig({ ...base, CS_REPORT_CHANNEL: '#cs-team' });
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems).toEqual([
      'CS_REPORT_CHANNEL must be a Slack channel id like C0123ABCD (a name such as #cs-team is not one)',
    ]);
  });
});
