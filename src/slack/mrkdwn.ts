/**
 * Makes user text safe to put in mrkdwn: Slack reads `<…>` as links and mentions (`<!channel>`,
 * `<@U…>`, `<!subteam^…>`), so the control characters are escaped as Slack's docs require, and
 * bare @channel/@here/@everyone get an invisible joiner so no setting ever turns them into pings.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

/** Plain-text objects have a length limit; cut long user text with an ellipsis instead of failing. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const mentionUser = (userId: string): string => `<@${userId}>`;
export const mentionChannel = (channelId: string): string => `<#${channelId}>`;
