import { everyoneIsAdmin } from '../domain/permissions';
import type { KnownBlock } from '../slack/block-kit';
import { SLACK_LIMITS, truncateMrkdwn, truncateText } from '../slack/block-kit-limits';
import { escapeMrkdwn } from '../slack/mrkdwn';
import { ADMINS_UNSET_NOTICE } from './permission-messages';

const GUIDE = [
  '*cs-bot* keeps your customer work and clocks in Slack.',
  '• `/cs log`: log an activity in a form (in an account channel, the account is filled in)',
  '• `/cs log <account> <type> <notes…>`: log in one line, e.g. `/cs log Acme cadence call Went well`',
  "• `/cs account <name>`: an account's team, dates, segment, health, latest activities and latest changes",
  "• `/cs account edit <name>`: change an account's fields, team, health or dates (the account's team or a CS admin)",
  '• `/cs account add`: add an account (CS admins)',
  '• `/cs timeline <account>`: its activities, newest first, 10 a page, filtered by type',
  '• `/cs tasks` or `/cs tasks <account>`: what is open and overdue',
  "• `/cs renewed <account>`: the customer renewed; the renewal date moves on a year (the account's team or a CS admin)",
  '• `/cs accelerator start [account]`: start an accelerator for a Success Services account (at most 4 a contract year, 1 a quarter)',
  '• `/cs accelerator <account>`: the running accelerator, its phase and workshops, and the contract year’s accelerators',
  '• `/cs report`: calls this week against the weekly minimum, cadence calls, EBRs, renewals in the next 120 days and success plans (CS admins see the team, others themselves)',
  '• Each activity in a channel summary or `/cs account` has a menu to edit or delete it (its author or a CS admin, within 14 days)',
  '• `/cs help`: this guide',
  "Anyone can log and read; only an account's team and the CS admins can edit it, start its accelerators, snooze its tasks, mark them not needed or record its renewal.",
].join('\n');

/** Enough of an unknown subcommand to recognise a typo; the word can be as long as the command. */
export const UNKNOWN_WORD_SHOWN = 40;

/**
 * The short guide; while CS_ADMINS is empty it says so, since everyone then counts as an admin.
 * `unknownWord` is what someone typed that is no subcommand: the guide says so, quoting its start.
 */
export function helpMessage(options: { unknownWord?: string; admins: readonly string[] }): {
  text: string;
  blocks: KnownBlock[];
} {
  const guide = everyoneIsAdmin(options.admins) ? `${GUIDE}\n:warning: ${ADMINS_UNSET_NOTICE}` : GUIDE;
  // A backtick in the word would end its code span early.
  const word = options.unknownWord?.replace(/`/g, "'");
  const text =
    word === undefined
      ? guide
      : `I don't know \`${escapeMrkdwn(truncateText(word, UNKNOWN_WORD_SHOWN))}\`. Here is what I can do:\n\n${guide}`;
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.text) } }],
  };
}
