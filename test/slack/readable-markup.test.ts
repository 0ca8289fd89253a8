import { describe, expect, it } from 'vitest';
import { mentionedUserIds, readableMarkup } from '../../src/slack/readable-markup';

const names = new Map([
  ['U0ANA00001', 'Ana Ortiz'],
  ['U0BEN00001', 'Ben'],
]);

describe('readableMarkup', () => {
  it('names mentioned people by their Slack names, and keeps the id of someone it cannot name', () => {
    expect(readableMarkup('Thanks <@U0ANA00001> and <@U0BEN00001>, cc <@U0GONE0001>', names)).toBe(
      'Thanks @Ana Ortiz and @Ben, cc @U0GONE0001',
    );
  });

  it('turns channel mentions into #name, or #id when Slack sent no name', () => {
    expect(readableMarkup('See <#C0GENERAL1|general> and <#C0OTHER001>', names)).toBe('See #general and #C0OTHER001');
  });

  it('writes links as their label followed by the address, and bare links and mail addresses as themselves', () => {
    expect(
      readableMarkup(
        '<https://docs.example.com/a|the runbook>, <https://x.example.com> or <mailto:ana@example.com|ana@example.com>',
        names,
      ),
    ).toBe('the runbook (https://docs.example.com/a), https://x.example.com or ana@example.com');
  });

  it('writes broadcasts and group mentions as plain words, which the bot escapes when it echoes them', () => {
    expect(
      readableMarkup('<!here> <!channel> <!subteam^S0TEAM|@cs-team> <!date^1700000000^{date}|Nov 14>', names),
    ).toBe('@here @channel @cs-team Nov 14');
  });

  it('unescapes the three entities Slack escapes in message text', () => {
    expect(readableMarkup('a &lt; b &amp;&amp; c &gt; d', names)).toBe('a < b && c > d');
  });
});

describe('mentionedUserIds', () => {
  it('lists each mentioned user once, and nothing for channels, links or broadcasts', () => {
    expect(
      mentionedUserIds('<@U0ANA00001> <#C0GENERAL1|general> <@U0ANA00001> <!here> <https://x.example.com>'),
    ).toEqual(['U0ANA00001']);
  });
});
