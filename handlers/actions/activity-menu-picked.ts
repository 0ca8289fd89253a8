import type { AppDeps } from '../../src/app-deps';
import { createSlackPoster } from '../../src/slack/slack-poster';
import { activityMenuChosen } from '../../src/use-cases/correct-activity';
import { parseActivityMenuValue } from '../../src/views/activity-menu';
import type { BlockActionArgs } from '../listener-args';

/**
 * "Edit" or "Delete" on an activity's menu (its channel summary, `/cs account`): opens the modal
 * that does it, or tells the person, and only them, who can.
 */
export function activityMenuPicked(deps: AppDeps) {
  return async ({ ack, body, action, client }: BlockActionArgs): Promise<void> => {
    await ack();
    const picked = parseActivityMenuValue(action.type === 'overflow' ? action.selected_option.value : undefined);
    const opened = picked
      ? await activityMenuChosen(
          { ...deps, slack: createSlackPoster(client) },
          { ...picked, userId: body.user.id },
          deps.now(),
        )
      : { ok: false as const, message: 'I did not understand that choice.' };
    if (opened.ok) {
      await client.views.open({ trigger_id: body.trigger_id, view: opened.view });
    } else if (body.channel?.id) {
      await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text: opened.message });
    } else {
      await client.chat.postMessage({ channel: body.user.id, text: opened.message });
    }
  };
}
