/** The Monday team digest as a Slack message: the team view, as of the moment it is posted. */
import { dayIn, formatDay } from '../domain/calendar-day';
import type { TeamView } from '../reports/team-view';
import type { KnownBlock } from '../slack/block-kit';
import { contextLine, SLACK_LIMITS, truncateMrkdwn } from '../slack/block-kit-limits';
import { teamViewBlocks, teamViewText } from '../views/team-view-blocks';
import { DIGEST_HOUR } from './digest-schedule';

export function teamDigestMessage(
  view: TeamView,
  options: {
    late: boolean;
    lateSince: Date;
    timeZone: string;
    /** An admin's copy: the report channel refused the post (archived, or the bot is not in it). */
    redirected: boolean;
  },
): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [];
  if (options.redirected) {
    blocks.push(
      contextLine(
        ":warning: This digest comes to you because cs-bot can't post in the report channel (`CS_REPORT_CHANNEL`): `/invite @cs-bot` there, or set another channel.",
      ),
    );
  }
  if (options.late) {
    // The view is read when the post goes out, so a late digest shows that day's figures: it says so.
    blocks.push(
      contextLine(
        `:hourglass_flowing_sand: Sent late: this week's digest was due ${formatDay(dayIn(options.lateSince, options.timeZone))} at ${String(DIGEST_HOUR).padStart(2, '0')}:00, when cs-bot was offline. The figures are as of now.`,
      ),
    );
  }
  blocks.push(...teamViewBlocks(view, { maxBlocks: SLACK_LIMITS.messageBlocks - blocks.length }));
  return { text: truncateMrkdwn(teamViewText(view), SLACK_LIMITS.messageText), blocks };
}
