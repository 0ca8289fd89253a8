/**
 * Characters PostgreSQL refuses in text (NUL, error 22021) or that have no business in a note, a
 * name or a reason (other C0 controls and DEL). Tabs and line breaks are ordinary text.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this regex's purpose.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const hasControlCharacters = (text: string): boolean => CONTROL_CHARACTER.test(text);

export const CONTROL_CHARACTERS_MESSAGE = 'contains a control character (such as NUL); remove it and try again';

/** For text that only narrows a search (a typeahead query): dropped rather than refused. */
export const withoutControlCharacters = (text: string): string =>
  text.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), '');
