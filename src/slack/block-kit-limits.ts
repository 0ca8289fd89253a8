import type { KnownBlock } from './block-kit';

/**
 * Slack's Block Kit limits, as its reference documents them. Slack refuses a whole message or view
 * that breaks any one of them (`invalid_blocks`, `invalid_arguments`), so the builders keep them
 * rather than letting one long name or a busy account cost the reply.
 */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** A text object anywhere (section text, context element, …) unless a tighter limit applies. */
  text: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  checkboxOptions: 10,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  /** A modal's title, submit and close texts. */
  modalTitle: 24,
  privateMetadata: 3000,
  blockId: 255,
  actionId: 255,
  /** A message's top-level `text` (the notification fallback); Slack cuts what is longer. */
  messageText: 40_000,
} as const;

export const CUT_MARK = '…';

/** Never end on the first half of a surrogate pair: that would leave a broken character. */
function keepPairs(text: string, cut: number): number {
  const code = text.charCodeAt(cut - 1);
  return cut > 0 && code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut;
}

/** Plain text (plain_text objects, option texts) cut to `max`, marked with "…" when cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, keepPairs(text, max - CUT_MARK.length)).trimEnd()}${CUT_MARK}`;
}

/**
 * Escaped mrkdwn cut to `max`, marked with "…". The cut moves back to before an escape (`&amp;`)
 * or markup (`<@U123>`, `<#C123>`, `<https://…|label>`) it would split: half of one shows as raw
 * text, or makes Slack read the rest of the message as a link.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = keepPairs(text, max - CUT_MARK.length);
  const head = text.slice(0, cut);
  const openMarkup = head.lastIndexOf('<');
  if (openMarkup > head.lastIndexOf('>')) cut = openMarkup;
  // The longest escape, `&amp;`, has five characters: an `&` further back is not being split.
  const openEscape = head.lastIndexOf('&', cut - 1);
  if (openEscape > cut - 5 && head.lastIndexOf(';', cut - 1) < openEscape) cut = openEscape;
  return `${text.slice(0, cut).trimEnd()}${CUT_MARK}`;
}

/** An option's text: Slack allows 75 characters, and long account names are common. */
export const optionText = (text: string): string => truncateText(text, SLACK_LIMITS.optionText);

/**
 * Adds whole items (a task is a headline and its buttons) while they fit in `budget` blocks; when
 * some do not, the last block says how many were left out (`more`), so nothing vanishes silently.
 */
export function fitItems<T>(
  items: readonly T[],
  budget: number,
  render: (item: T) => KnownBlock[],
  more: (hidden: number) => string,
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const [index, item] of items.entries()) {
    const rendered = render(item);
    const remaining = items.length - index - 1;
    // The note about what was left out needs a block of its own, unless this is the last item.
    const room = budget - blocks.length - (remaining > 0 ? 1 : 0);
    if (rendered.length > room) {
      blocks.push(contextLine(more(items.length - index)));
      return blocks;
    }
    blocks.push(...rendered);
  }
  return blocks;
}

/** A one-line context block, e.g. "…and 12 more: `/cs tasks` lists them.", cut to Slack's limit. */
export function contextLine(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.text) }] };
}

/**
 * A modal's private_metadata: JSON the bot builds from ids only, so it stays far below Slack's
 * 3,000 characters. Passing that would be a bug here, which is better named than sent.
 */
export function privateMetadata(value: unknown): string {
  const json = JSON.stringify(value);
  if (json.length > SLACK_LIMITS.privateMetadata) {
    throw new Error(`private_metadata of ${json.length} characters is over Slack's ${SLACK_LIMITS.privateMetadata}`);
  }
  return json;
}
