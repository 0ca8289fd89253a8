import { z } from 'zod';
import type { AppDeps } from '../../src/app-deps';
import { viewSubmissionKey } from '../../src/requests/handled-requests';
import { createSlackPoster } from '../../src/slack/slack-poster';
import { editAccount } from '../../src/use-cases/edit-account';
import {
  ACCOUNT_MODAL,
  accountInputFromSubmission,
  healthReasonFromSubmission,
} from '../../src/views/account-add-modal';
import type { ViewSubmissionArgs } from '../listener-args';
import { ackAccountModal } from './account-modal-ack';

/** The modal carries the account id it was opened for; anything else names no account. */
const accountId = z.uuid();

/**
 * The edit-account modal: the change is saved before the ack (its field errors, and a refusal for
 * anyone outside the account's team and the CS admins, travel in it); the replan and the
 * announcements follow it.
 */
export function accountEditSubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    const id = accountId.safeParse(view.private_metadata);
    if (!id.success) {
      await ack({
        response_action: 'errors',
        errors: { [ACCOUNT_MODAL.name.block]: 'That account no longer exists.' },
      });
      return;
    }
    const result = await editAccount(
      deps,
      {
        userId: body.user.id,
        accountId: id.data,
        input: accountInputFromSubmission(view.state.values),
        healthReason: healthReasonFromSubmission(view.state.values),
        requestKey: viewSubmissionKey(view.id, view.hash),
      },
      deps.now(),
    );
    const saved = await ackAccountModal(ack, result);
    if (!saved) return;
    const confirmation = await saved.announce(deps.now(), createSlackPoster(client));
    await client.chat.postMessage({ channel: body.user.id, text: confirmation });
  };
}
