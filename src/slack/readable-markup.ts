/**
 * Slack's message markup as a person reads it, for notes copied from a message: `<@U123>` becomes
 * "@Ana", `<#C123|general>` "#general", `<https://x|docs>` "docs (https://x)". The result is plain
 * text; it is escaped like any typed note when the bot echoes it, so nothing in it can ping.
 */
const MARKUP = /<([@#!])?([^<>|]*)(?:\|([^<>]*))?>/g;

/** The user ids a message mentions, to look their names up before `readableMarkup`. */
export function mentionedUserIds(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(MARKUP)) {
    if (match[1] === '@' && match[2]) ids.add(match[2]);
  }
  return [...ids];
}

/** `<!here>`, `<!subteam^S1|@team>`, `<!date^…|fallback>`: Slack's label when it sent one. */
function special(command: string, label: string | undefined): string {
  const [name = ''] = command.split('^');
  if (name === 'subteam') return label?.startsWith('@') ? label : `@${label || 'group'}`;
  if (label) return label;
  return name === 'here' || name === 'channel' || name === 'everyone' ? `@${name}` : name;
}

export function readableMarkup(text: string, userNames: ReadonlyMap<string, string>): string {
  return text
    .replace(MARKUP, (_whole, sigil: string | undefined, target: string, label: string | undefined) => {
      if (sigil === '@') return `@${userNames.get(target) ?? label ?? target}`;
      if (sigil === '#') return `#${label || target}`;
      if (sigil === '!') return special(target, label);
      const address = target.replace(/^mailto:/, '');
      return label && label !== address && label !== target ? `${label} (${address})` : address;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
