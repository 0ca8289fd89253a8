import type { AppDeps } from '../../src/app-deps';
import { viewSubmissionKey } from '../../src/requests/handled-requests';
import { createSlackPoster } from '../../src/slack/slack-poster';
import { startAccelerator } from '../../src/use-cases/start-accelerator';
import {
  ACCELERATOR_MODAL,
  ACCELERATOR_MODAL_ERROR_BLOCKS,
  acceleratorInputFromSubmission,
} from '../../src/views/accelerator-modal';
import { toBlockErrors } from '../../src/views/view-state';
import type { ViewSubmissionArgs } from '../listener-args';

/**
 * The start-accelerator modal: the start is written before the ack (a limit, a refusal or a bad
 * field travels in it as a field error), the replan and the channel's announcement follow it.
 */
export function acceleratorStartSubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    const result = await startAccelerator(
      deps,
      {
        userId: body.user.id,
        input: acceleratorInputFromSubmission(view.state.values),
        requestKey: viewSubmissionKey(view.id, view.hash),
      },
      deps.now(),
    );
    if (result.ok === false) {
      await ack({
        response_action: 'errors',
        errors: toBlockErrors(result.fieldErrors, ACCELERATOR_MODAL_ERROR_BLOCKS, ACCELERATOR_MODAL.account.block),
      });
      return;
    }
    await ack();
    if (result.ok === 'replayed') return;
    const confirmation = await result.announce(deps.now(), createSlackPoster(client));
    await client.chat.postMessage({ channel: body.user.id, text: confirmation });
  };
}
