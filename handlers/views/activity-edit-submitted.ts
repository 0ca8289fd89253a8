import type { AppDeps } from '../../src/app-deps';
import { viewSubmissionKey } from '../../src/requests/handled-requests';
import { createSlackPoster } from '../../src/slack/slack-poster';
import { editActivity } from '../../src/use-cases/correct-activity';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { LOG_MODAL_ERROR_BLOCKS, logInputFromSubmission } from '../../src/views/log-activity-modal-state';
import { readLogModalMetadata } from '../../src/views/log-modal-metadata';
import { toBlockErrors } from '../../src/views/view-state';
import type { ViewSubmissionArgs } from '../listener-args';

/**
 * The edit modal's submission: as logging, the row is written before the ack (its field errors
 * travel in it), the channel summary, the clocks and the confirmation after.
 */
export function activityEditSubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    const activityId = readLogModalMetadata(view.private_metadata).editing?.activityId;
    if (!activityId) {
      await ack({
        response_action: 'errors',
        errors: { [LOG_MODAL.type.block]: 'This form lost track of its activity; open it again from the menu.' },
      });
      return;
    }
    const { accountId: _chosen, ...raw } = logInputFromSubmission(view.state.values, body.user.id);
    const edited = await editActivity(
      { ...deps, slack: createSlackPoster(client) },
      { activityId, userId: body.user.id, raw, requestKey: viewSubmissionKey(view.id, view.hash) },
      deps.now(),
    );
    if (edited.ok === 'replayed') {
      await ack();
      return;
    }
    if (!edited.ok) {
      await ack({
        response_action: 'errors',
        errors: toBlockErrors(
          edited.fieldErrors,
          { ...LOG_MODAL_ERROR_BLOCKS, accountId: LOG_MODAL.type.block },
          LOG_MODAL.type.block,
        ),
      });
      return;
    }
    await ack();
    // A DM to the editor: a modal has no channel to answer in.
    await client.chat.postMessage({ channel: body.user.id, text: await edited.announce(deps.now()) });
  };
}
