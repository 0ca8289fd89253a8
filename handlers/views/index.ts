import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { answeringFailures } from '../../src/slack/failure-answers';
import { ACCELERATOR_MODAL } from '../../src/views/accelerator-modal';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { DELETE_ACTIVITY_MODAL } from '../../src/views/activity-menu';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { NOT_NEEDED_MODAL } from '../../src/views/not-needed-modal';
import type { ViewSubmissionArgs } from '../listener-args';
import { exactly, type Listener, routeById } from '../route-by-id';
import { acceleratorStartSubmitted } from './accelerator-start-submitted';
import { accountAddSubmitted } from './account-add-submitted';
import { accountEditSubmitted } from './account-edit-submitted';
import { activityDeleteSubmitted } from './activity-delete-submitted';
import { activityEditSubmitted } from './activity-edit-submitted';
import { logActivitySubmitted } from './log-activity-submitted';
import { taskNotNeededSubmitted } from './task-not-needed-submitted';

export function registerViews(app: App, deps: AppDeps): void {
  const routes = new Map<string, Listener<ViewSubmissionArgs>>([
    [LOG_MODAL.callbackId, logActivitySubmitted(deps)],
    [ACCOUNT_MODAL.callbackId, accountAddSubmitted(deps)],
    [ACCOUNT_MODAL.editCallbackId, accountEditSubmitted(deps)],
    [NOT_NEEDED_MODAL.callbackId, taskNotNeededSubmitted(deps)],
    [LOG_MODAL.editCallbackId, activityEditSubmitted(deps)],
    [DELETE_ACTIVITY_MODAL.callbackId, activityDeleteSubmitted(deps)],
    [ACCELERATOR_MODAL.callbackId, acceleratorStartSubmitted(deps)],
  ]);
  app.view(
    exactly(routes.keys()),
    answeringFailures(routeById(routes, ({ view }: ViewSubmissionArgs) => view.callback_id)),
  );
}
