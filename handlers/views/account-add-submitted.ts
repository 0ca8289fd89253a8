import type { AppDeps } from '../../src/app-deps';
import { escapeMrkdwn } from '../../src/slack/mrkdwn';
import { addAccount } from '../../src/use-cases/add-account';
import {
  ACCOUNT_MODAL,
  ACCOUNT_MODAL_ERROR_BLOCKS,
  accountInputFromSubmission,
} from '../../src/views/account-add-modal';
import { toBlockErrors } from '../../src/views/view-state';
import type { ViewSubmissionArgs } from '../listener-args';

export function accountAddSubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    const result = await addAccount(deps, accountInputFromSubmission(view.state.values));
    if (!result.ok) {
      await ack({
        response_action: 'errors',
        errors: toBlockErrors(result.fieldErrors, ACCOUNT_MODAL_ERROR_BLOCKS, ACCOUNT_MODAL.name.block),
      });
      return;
    }
    await ack();
    const { account } = result;
    const channel = account.channelId
      ? ` Reminders will go to <#${account.channelId}>: invite me there with \`/invite @cs-bot\`.`
      : '';
    await client.chat.postMessage({
      channel: body.user.id,
      text: `:white_check_mark: Added *${escapeMrkdwn(account.name)}*.${channel} See it with \`/cs account ${escapeMrkdwn(account.name)}\`.`,
    });
  };
}
