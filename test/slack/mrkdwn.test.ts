import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mentionChannel, mentionUser } from '../../src/slack/mrkdwn';

describe('escapeMrkdwn', () => {
  it('turns channel-wide mentions and user mentions into inert text', () => {
    const escaped = escapeMrkdwn('hi <!channel> and <@U123ABC> and <!subteam^S1|team>');
    expect(escaped).toBe('hi &lt;!channel&gt; and &lt;@U123ABC&gt; and &lt;!subteam^S1|team&gt;');
    expect(escaped).not.toMatch(/<[!@]/);
  });

  it('escapes ampersands first so existing entities are not decoded by Slack', () => {
    expect(escapeMrkdwn('a &lt; b & c')).toBe('a &amp;lt; b &amp; c');
  });

  it('breaks bare @here, @channel and @everyone so they can never ping', () => {
    const escaped = escapeMrkdwn('@here @Channel @everyone');
    expect(escaped).not.toMatch(/@(here|channel|everyone)\b/i);
    expect(escaped.replace(/\u2060/g, '')).toBe('@here @Channel @everyone');
  });
});

describe('mentionUser', () => {
  it('mentions a well-formed Slack user id', () => {
    expect(mentionUser('U012ABCDEF')).toBe('<@U012ABCDEF>');
    expect(mentionUser('W0ENTERPRISE1')).toBe('<@W0ENTERPRISE1>');
  });

  it('renders a forged or malformed id as escaped text that can never ping', () => {
    for (const forged of ['U1>|<!channel', 'U1', 'u0lower001', '<!here>', 'U0ABC <!everyone>', '']) {
      const shown = mentionUser(forged);
      expect(shown).not.toMatch(/<[@!#]/);
      expect(shown).not.toMatch(/@(here|channel|everyone)\b/);
    }
    expect(mentionUser('U1>|<!channel')).toBe('U1&gt;|&lt;!channel');
  });
});

describe('mentionChannel', () => {
  it('links a well-formed channel id and escapes anything else', () => {
    expect(mentionChannel('C0ACME0001')).toBe('<#C0ACME0001>');
    expect(mentionChannel('C1>|<!channel')).toBe('C1&gt;|&lt;!channel');
  });
});
