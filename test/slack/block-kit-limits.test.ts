import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '../../src/slack/block-kit';
import {
  CUT_MARK,
  contextLine,
  fitItems,
  optionText,
  privateMetadata,
  SLACK_LIMITS,
  truncateMrkdwn,
  truncateText,
} from '../../src/slack/block-kit-limits';
import { escapeMrkdwn } from '../../src/slack/mrkdwn';

describe('truncateText', () => {
  it('keeps text exactly at the limit whole', () => {
    expect(truncateText('a'.repeat(75), 75)).toBe('a'.repeat(75));
  });

  it('cuts text one over the limit to the limit, ending with the cut mark', () => {
    const cut = truncateText('a'.repeat(76), 75);
    expect(cut).toHaveLength(75);
    expect(cut.endsWith(CUT_MARK)).toBe(true);
  });

  it('never leaves half of an emoji (a surrogate pair) before the cut mark', () => {
    // The limit falls between the two halves of the emoji at index 3–4.
    const cut = truncateText('abc😀defg', 5);
    expect(cut).toBe(`abc${CUT_MARK}`);
    // encodeURIComponent throws on a lone surrogate.
    expect(encodeURIComponent(cut)).toBe('abc%E2%80%A6');
  });

  it('drops trailing spaces before the cut mark', () => {
    expect(truncateText('word     more text', 8)).toBe(`word${CUT_MARK}`);
  });
});

describe('truncateMrkdwn', () => {
  it('keeps text exactly at the limit whole, escapes and mentions included', () => {
    const text = `${'a'.repeat(10)}&amp;<@U0ALICE001>`;
    expect(truncateMrkdwn(text, text.length)).toBe(text);
  });

  it('cuts text one over the limit to within it', () => {
    const cut = truncateMrkdwn('b'.repeat(3001), SLACK_LIMITS.text);
    expect(cut.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
    expect(cut.endsWith(CUT_MARK)).toBe(true);
  });

  it('moves a cut that would split an escape back to before it', () => {
    // Every cut position inside `&amp;` gives the same result: the text before it.
    for (let max = 7; max <= 11; max += 1) {
      expect(truncateMrkdwn('abcdef&amp;ghijklmnop', max)).toBe(`abcdef${CUT_MARK}`);
    }
  });

  it('keeps an escape the cut falls right after', () => {
    expect(truncateMrkdwn('abcdef&amp;ghijklmnop', 12)).toBe(`abcdef&amp;${CUT_MARK}`);
  });

  it('moves a cut that would split a user mention, a channel link or a URL link back to before it', () => {
    expect(truncateMrkdwn('Hi <@U0ALICE001> and more text', 10)).toBe(`Hi${CUT_MARK}`);
    expect(truncateMrkdwn('See <#C0ACME0001> for the rest', 12)).toBe(`See${CUT_MARK}`);
    expect(truncateMrkdwn('From <https://x.slack.com/p1|a message> today', 30)).toBe(`From${CUT_MARK}`);
  });

  it('keeps a mention the cut falls right after', () => {
    expect(truncateMrkdwn('Hi <@U0ALICE001> and more text', 18)).toBe(`Hi <@U0ALICE001>${CUT_MARK}`);
  });

  it('never splits any escape of escaped user text, wherever the cut falls', () => {
    const escaped = escapeMrkdwn('<!channel> & <b> '.repeat(20));
    for (let max = 2; max < escaped.length; max += 1) {
      const cut = truncateMrkdwn(escaped, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      // Without the mark, the cut text is whole escapes: no `&` lacks its `;`.
      expect(cut.slice(0, -CUT_MARK.length)).toMatch(/^(?:[^&]|&(?:amp|lt|gt);)*$/);
    }
  });
});

describe('optionText', () => {
  it('keeps a 75-character name and cuts a 76-character one to 75', () => {
    expect(optionText('n'.repeat(75))).toBe('n'.repeat(75));
    expect(optionText('n'.repeat(76))).toHaveLength(SLACK_LIMITS.optionText);
  });
});

describe('fitItems', () => {
  const twoBlocks = (label: string): KnownBlock[] => [
    { type: 'section', text: { type: 'mrkdwn', text: label } },
    { type: 'divider' },
  ];
  const more = (hidden: number) => `…and ${hidden} more`;
  const lastText = (blocks: KnownBlock[]) => JSON.stringify(blocks.at(-1));

  it('shows every item when they fill the budget exactly, with no "more" line', () => {
    const blocks = fitItems(['a', 'b', 'c'], 6, twoBlocks, more);
    expect(blocks).toHaveLength(6);
    expect(lastText(blocks)).not.toContain('more');
  });

  it('with one item over the budget, shows whole items and a last line counting the rest', () => {
    const blocks = fitItems(['a', 'b', 'c', 'd'], 6, twoBlocks, more);
    expect(blocks.length).toBeLessThanOrEqual(6);
    expect(blocks.filter((block) => block.type === 'section')).toHaveLength(2);
    expect(lastText(blocks)).toContain('…and 2 more');
  });

  it('keeps 300 items within a message, counting those left out', () => {
    const items = Array.from({ length: 300 }, (_, i) => `task ${i}`);
    const blocks = fitItems(items, SLACK_LIMITS.messageBlocks, twoBlocks, more);
    expect(blocks).toHaveLength(SLACK_LIMITS.messageBlocks - 1);
    expect(lastText(blocks)).toContain('…and 276 more');
  });
});

describe('contextLine', () => {
  it('cuts a line over the limit without splitting a mention', () => {
    const block = contextLine(`${'x'.repeat(2990)} <@U0ALICE001> tail`);
    const text = block.type === 'context' && block.elements[0]?.type === 'mrkdwn' ? block.elements[0].text : '';
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
    expect(text).not.toContain('<@');
  });
});

describe('privateMetadata', () => {
  it('writes JSON up to exactly 3,000 characters', () => {
    const value = { id: 'x'.repeat(3000 - '{"id":""}'.length) };
    expect(privateMetadata(value)).toHaveLength(3000);
  });

  it('refuses metadata one character over, naming the limit', () => {
    const value = { id: 'x'.repeat(3001 - '{"id":""}'.length) };
    expect(() => privateMetadata(value)).toThrow(/3001 characters is over Slack's 3000/);
  });
});
