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

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** A well-formed Slack user id (U… or W…), the only kind ever put inside a mention. */
export const isSlackUserId = (id: string): boolean => SLACK_USER_ID.test(id);

/**
 * A user as mrkdwn: a mention when the id is a well-formed Slack user id, otherwise the id as
 * escaped text, so a forged id such as `U1>|<!channel` from a payload can never become a ping.
 */
export const mentionUser = (userId: string): string => (isSlackUserId(userId) ? `<@${userId}>` : escapeMrkdwn(userId));

/** A channel as mrkdwn: a link when the id is a well-formed channel id, otherwise escaped text. */
export const mentionChannel = (channelId: string): string =>
  SLACK_CHANNEL_ID.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId);
