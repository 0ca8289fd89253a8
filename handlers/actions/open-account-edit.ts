import { z } from 'zod';
import type { AppDeps } from '../../src/app-deps';
import { accountEditModalFor } from '../../src/use-cases/edit-account';
import type { BlockActionArgs } from '../listener-args';

const accountId = z.uuid();

/** The Edit button on `/cs account <name>`: the edit modal, or (ephemeral) who may edit the account. */
export function openAccountEdit(deps: AppDeps) {
  return async ({ ack, body, action, client, respond }: BlockActionArgs): Promise<void> => {
    await ack();
    const id = accountId.safeParse(action.type === 'button' ? action.value : undefined);
    const opened = id.success
      ? await accountEditModalFor(deps, { userId: body.user.id, accountId: id.data })
      : { ok: false as const, message: 'That account no longer exists.' };
    if (opened.ok) await client.views.open({ trigger_id: body.trigger_id, view: opened.view });
    else await respond({ response_type: 'ephemeral', replace_original: false, text: opened.message });
  };
}
