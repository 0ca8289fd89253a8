import type { AppDeps } from '../../src/app-deps';
import { viewSubmissionKey } from '../../src/requests/handled-requests';
import { createSlackPoster } from '../../src/slack/slack-poster';
import { logActivity } from '../../src/use-cases/log-activity';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { LOG_MODAL_ERROR_BLOCKS, logInputFromSubmission } from '../../src/views/log-activity-modal-state';
import { toBlockErrors } from '../../src/views/view-state';
import type { ViewSubmissionArgs } from '../listener-args';

/**
 * The log modal's submission. The row is written before the ack, because field errors travel in
 * the ack itself (`response_action: "errors"`) and the modal must not close on a row that was
 * never written; the announcement comes after the ack.
 */
export function logActivitySubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    const logged = await logActivity(
      { ...deps, slack: createSlackPoster(client) },
      logInputFromSubmission(view.state.values, body.user.id, view.private_metadata),
      deps.now(),
      viewSubmissionKey(view.id, view.hash),
    );
    if (logged.ok === 'replayed') {
      await ack();
      return;
    }
    if (!logged.ok) {
      await ack({
        response_action: 'errors',
        errors: toBlockErrors(logged.fieldErrors, LOG_MODAL_ERROR_BLOCKS, LOG_MODAL.notes.block),
      });
      return;
    }
    await ack();
    const confirmation = await logged.announce(deps.now());
    // A DM to the submitter: a modal has no channel to answer in.
    await client.chat.postMessage({ channel: body.user.id, text: confirmation });
  };
}
