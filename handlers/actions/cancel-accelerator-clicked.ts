import { z } from 'zod';
import { ACCELERATOR_GONE } from '../../src/accelerators/accelerator-repository';
import type { AppDeps } from '../../src/app-deps';
import { blockActionKey } from '../../src/requests/handled-requests';
import { createSlackPoster } from '../../src/slack/slack-poster';
import { cancelAccelerator } from '../../src/use-cases/cancel-accelerator';
import type { BlockActionArgs } from '../listener-args';
import { actionValue } from './action-value';

const acceleratorId = z.uuid();

/** "Cancel accelerator" on `/cs accelerator <account>` (after Slack's confirm): cancels it, or says why not, to the clicker only. */
export function cancelAcceleratorClicked(deps: AppDeps) {
  return async ({ ack, body, action, client, respond }: BlockActionArgs): Promise<void> => {
    await ack();
    const reply = async (text: string) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    };
    const id = acceleratorId.safeParse(actionValue(action));
    if (!id.success) return reply(ACCELERATOR_GONE);
    const result = await cancelAccelerator(
      deps,
      { userId: body.user.id, acceleratorId: id.data, requestKey: blockActionKey(body.trigger_id) },
      deps.now(),
    );
    if (result.ok === 'replayed') return;
    if (!result.ok) return reply(result.message);
    await reply(await result.announce(deps.now(), createSlackPoster(client)));
  };
}
