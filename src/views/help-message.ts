import { everyoneIsAdmin } from '../domain/permissions';
import type { KnownBlock } from '../slack/block-kit';
import { ADMINS_UNSET_NOTICE } from './permission-messages';

const GUIDE = [
  '*cs-bot* keeps your customer work and clocks in Slack.',
  '• `/cs log`: log an activity in a form (in an account channel, the account is filled in)',
  '• `/cs log <account> <type> <notes…>`: log in one line, e.g. `/cs log Acme cadence call Went well`',
  "• `/cs account <name>`: an account's team, dates, segment, health and latest activities",
  '• `/cs account add`: add an account (CS admins)',
  '• `/cs tasks` or `/cs tasks <account>`: what is open and overdue',
  "• `/cs renewed <account>`: the customer renewed; the renewal date moves on a year (the account's team or a CS admin)",
  '• `/cs help`: this guide',
  "Anyone can log and read; only an account's team and the CS admins can snooze its tasks, mark them not needed or record its renewal.",
].join('\n');

/** The short guide; while CS_ADMINS is empty it says so, since everyone then counts as an admin. */
export function helpMessage(options: { intro?: string; admins: readonly string[] }): {
  text: string;
  blocks: KnownBlock[];
} {
  const guide = everyoneIsAdmin(options.admins) ? `${GUIDE}\n:warning: ${ADMINS_UNSET_NOTICE}` : GUIDE;
  const text = options.intro ? `${options.intro}\n\n${guide}` : guide;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
