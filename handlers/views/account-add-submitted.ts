import type { AppDeps } from '../../src/app-deps';
import { viewSubmissionKey } from '../../src/requests/handled-requests';
import { addAccount } from '../../src/use-cases/add-account';
import { accountInputFromSubmission } from '../../src/views/account-add-modal';
import type { ViewSubmissionArgs } from '../listener-args';
import { ackAccountModal } from './account-modal-ack';

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
    const saved = await ackAccountModal(ack, result);
    if (!saved) return;
    const confirmation = await saved.announce(deps.now());
    await client.chat.postMessage({ channel: body.user.id, text: confirmation });
  };
}
