import type { AppDeps } from '../../src/app-deps';
import { viewSubmissionKey } from '../../src/requests/handled-requests';
import { createSlackPoster } from '../../src/slack/slack-poster';
import { deleteActivity } from '../../src/use-cases/correct-activity';
import { readDeleteActivityMetadata } from '../../src/views/activity-menu';
import type { ViewSubmissionArgs } from '../listener-args';

/**
 * The delete confirmation's submission. The modal has no field, so a refusal closes it and is told
 * by DM; the summary, the clocks and the confirmation follow the ack.
 */
export function activityDeleteSubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    await ack();
    const tell = (text: string) => client.chat.postMessage({ channel: body.user.id, text });
    const activityId = readDeleteActivityMetadata(view.private_metadata);
    if (!activityId) {
      await tell('That form lost track of its activity; open it again from the menu.');
      return;
    }
    const deleted = await deleteActivity(
      { ...deps, slack: createSlackPoster(client) },
      { activityId, userId: body.user.id, requestKey: viewSubmissionKey(view.id, view.hash) },
      deps.now(),
    );
    if (deleted.ok === 'replayed') return;
    await tell(deleted.ok ? await deleted.announce(deps.now()) : deleted.message);
  };
}
