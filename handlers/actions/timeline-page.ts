import type { AppDeps } from '../../src/app-deps';
import { showTimelinePage } from '../../src/use-cases/show-timeline';
import { parseTimelineValue } from '../../src/views/account-timeline';
import type { BlockActionArgs } from '../listener-args';
import { actionValue } from './action-value';

/**
 * Older / Newer and the type filter on a timeline: the same message, replaced with the page asked
 * for. "Timeline" on `/cs account` (its value is only the account id) posts the first page.
 */
export function timelinePageChosen(deps: AppDeps) {
  return async ({ ack, action, respond }: BlockActionArgs): Promise<void> => {
    await ack();
    const value = actionValue(action);
    const page = parseTimelineValue(value) ?? parseTimelineValue(`${value ?? ''}|0|`);
    if (!page) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That timeline no longer exists.' });
      return;
    }
    const opening = parseTimelineValue(value) === null;
    await respond({ response_type: 'ephemeral', replace_original: !opening, ...(await showTimelinePage(deps, page)) });
  };
}
