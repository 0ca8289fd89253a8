import type { KnownBlock } from '../slack/block-kit';

const GUIDE = [
  '*cs-bot* keeps your customer work and clocks in Slack.',
  '• `/cs log`: log an activity in a form (in an account channel, the account is filled in)',
  '• `/cs log <account> <type> <notes…>`: log in one line, e.g. `/cs log Acme cadence call Went well`',
  "• `/cs account <name>`: an account's team, dates, segment, health and latest activities",
  '• `/cs account add`: add an account',
  '• `/cs tasks` or `/cs tasks <account>`: what is open and overdue',
  '• `/cs renewed <account>`: the customer renewed; the renewal date moves on a year',
  '• `/cs help`: this guide',
].join('\n');

export function helpMessage(intro?: string): { text: string; blocks: KnownBlock[] } {
  const text = intro ? `${intro}\n\n${GUIDE}` : GUIDE;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
