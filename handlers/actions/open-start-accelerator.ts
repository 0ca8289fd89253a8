import { z } from 'zod';
import type { AppDeps } from '../../src/app-deps';
import { startAcceleratorModalFor } from '../../src/use-cases/start-accelerator';
import type { BlockActionArgs } from '../listener-args';

const accountId = z.uuid();

/** "Start accelerator" on `/cs account` or `/cs accelerator`: the modal for that account, or (ephemeral) why not. */
export function openStartAccelerator(deps: AppDeps) {
  return async ({ ack, body, action, client, respond }: BlockActionArgs): Promise<void> => {
    await ack();
    const id = accountId.safeParse(action.type === 'button' ? action.value : undefined);
    const opened = id.success
      ? await startAcceleratorModalFor(deps, { userId: body.user.id, accountId: id.data }, deps.now())
      : { ok: false as const, message: 'That account no longer exists.' };
    if (opened.ok) await client.views.open({ trigger_id: body.trigger_id, view: opened.view });
    else await respond({ response_type: 'ephemeral', replace_original: false, text: opened.message });
  };
}
