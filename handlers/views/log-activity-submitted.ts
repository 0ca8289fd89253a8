import type { AppDeps } from '../../src/app-deps';
import { escapeMrkdwn } from '../../src/slack/mrkdwn';
import { createSlackPoster } from '../../src/slack/slack-poster';
import {
  announceActivity,
  describeChannelPost,
  describeCompletions,
  recordActivity,
} from '../../src/use-cases/log-activity';
import { describeActivity } from '../../src/views/activity-summary';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { LOG_MODAL_ERROR_BLOCKS, logInputFromSubmission } from '../../src/views/log-activity-modal-state';
import { toBlockErrors } from '../../src/views/view-state';
import type { ViewSubmissionArgs } from '../listener-args';

/**
 * The log modal's submission. Validation and the insert finish before the ack, because field
 * errors travel in the ack itself (`response_action: "errors"`) and the modal must not close on a
 * row that was never written; Slack's posts come after the ack.
 */
export function logActivitySubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    const result = await recordActivity(deps, logInputFromSubmission(view.state.values, body.user.id), deps.now());
    if (!result.ok) {
      await ack({
        response_action: 'errors',
        errors: toBlockErrors(result.fieldErrors, LOG_MODAL_ERROR_BLOCKS, LOG_MODAL.notes.block),
      });
      return;
    }
    await ack();
    const { account, activity } = result;
    const posted = describeChannelPost(
      account,
      await announceActivity({ slack: createSlackPoster(client), accounts: deps.accounts }, account, activity),
    );
    const completed = await deps.reminders.replanAccount(account, deps.now());
    // A DM to the submitter: a modal has no channel to answer in.
    await client.chat.postMessage({
      channel: body.user.id,
      text: `:white_check_mark: Logged *${describeActivity(activity)}* for *${escapeMrkdwn(account.name)}*.${describeCompletions(completed)} ${posted}`,
    });
  };
}
