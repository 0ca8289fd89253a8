import type { AppDeps } from '../../src/app-deps';
import { logModalFor } from '../../src/use-cases/open-log-modal';
import type { BlockActionArgs } from '../listener-args';

/** A "Log activity" button (App Home): the button's value may name an account to preselect. */
export function openLogModal(deps: AppDeps) {
  return async ({ ack, body, action, client }: BlockActionArgs): Promise<void> => {
    await ack();
    const accountId = action.type === 'button' && action.value ? action.value : undefined;
    await client.views.open({ trigger_id: body.trigger_id, view: await logModalFor(deps, { accountId }) });
  };
}
