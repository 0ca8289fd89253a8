import type { AppDeps } from '../../src/app-deps';
import { dayIn } from '../../src/domain/calendar-day';
import { buildLogActivityModal } from '../../src/views/log-activity-modal';
import { readLogModalDraft } from '../../src/views/log-activity-modal-state';
import type { BlockActionArgs } from '../listener-args';

/**
 * Choosing an activity type rebuilds the modal in place with that type's own fields (the
 * renewal outcome, or the accelerator type and content module). The view's hash makes Slack
 * refuse the update if the user changed the modal again meanwhile, so a stale rebuild never wins.
 */
export function activityTypeChanged(deps: AppDeps) {
  return async ({ ack, body, client }: BlockActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    if (!view) return;
    const draft = readLogModalDraft(view.state.values, dayIn(deps.now(), deps.timeZone));
    try {
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: buildLogActivityModal(draft, view.private_metadata),
      });
    } catch (error) {
      // A conflict (the modal changed meanwhile) or a modal already closed: there is nothing to rebuild.
      const slackError = (error as { data?: { error?: string } }).data?.error;
      if (slackError === 'hash_conflict' || slackError === 'not_found') return;
      throw error;
    }
  };
}
