import type { AppDeps } from '../../src/app-deps';
import { viewSubmissionKey } from '../../src/requests/handled-requests';
import { addAccount } from '../../src/use-cases/add-account';
import {
  ACCOUNT_MODAL,
  ACCOUNT_MODAL_ERROR_BLOCKS,
  accountInputFromSubmission,
} from '../../src/views/account-add-modal';
import { toBlockErrors } from '../../src/views/view-state';
import type { ViewSubmissionArgs } from '../listener-args';

/**
 * The add-account modal: the row is written before the ack (its field errors, and a refusal for
 * anyone but the CS admins, travel in it), the rest after.
 */
export function accountAddSubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    const result = await addAccount(
      deps,
      {
        userId: body.user.id,
        input: accountInputFromSubmission(view.state.values),
        requestKey: viewSubmissionKey(view.id, view.hash),
      },
      deps.now(),
    );
    // A replay was answered the first time; "that name is taken" would be wrong.
    if (result.ok === 'replayed') {
      await ack();
      return;
    }
    if (!result.ok) {
      await ack({
        response_action: 'errors',
        errors: toBlockErrors(result.fieldErrors, ACCOUNT_MODAL_ERROR_BLOCKS, ACCOUNT_MODAL.name.block),
      });
      return;
    }
    await ack();
    const confirmation = await result.announce(deps.now());
    await client.chat.postMessage({ channel: body.user.id, text: confirmation });
  };
}
