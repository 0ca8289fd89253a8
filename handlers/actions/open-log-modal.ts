import { z } from 'zod';
import type { AppDeps } from '../../src/app-deps';
import { logModalFor } from '../../src/use-cases/open-log-modal';
import type { BlockActionArgs } from '../listener-args';

/** Only an account id preselects; any other value opens the modal with no account chosen. */
const accountId = z.uuid().optional();

/** A "Log activity" button (App Home): the button's value may name an account to preselect. */
export function openLogModal(deps: AppDeps) {
  return async ({ ack, body, action, client }: BlockActionArgs): Promise<void> => {
    await ack();
    const preselect = accountId.safeParse(action.type === 'button' && action.value ? action.value : undefined);
    const view = await logModalFor(deps, { accountId: preselect.success ? preselect.data : undefined });
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
