import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { answeringFailures } from '../../src/slack/failure-answers';
import { ACCELERATOR_MODAL } from '../../src/views/accelerator-modal';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { DELETE_ACTIVITY_MODAL } from '../../src/views/activity-menu';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { NOT_NEEDED_MODAL } from '../../src/views/not-needed-modal';
import { acceleratorStartSubmitted } from './accelerator-start-submitted';
import { accountAddSubmitted } from './account-add-submitted';
import { accountEditSubmitted } from './account-edit-submitted';
import { activityDeleteSubmitted } from './activity-delete-submitted';
import { activityEditSubmitted } from './activity-edit-submitted';
import { logActivitySubmitted } from './log-activity-submitted';
import { taskNotNeededSubmitted } from './task-not-needed-submitted';

export function registerViews(app: App, deps: AppDeps): void {
  app.view(LOG_MODAL.callbackId, answeringFailures(logActivitySubmitted(deps)));
  app.view(ACCOUNT_MODAL.callbackId, answeringFailures(accountAddSubmitted(deps)));
  app.view(ACCOUNT_MODAL.editCallbackId, answeringFailures(accountEditSubmitted(deps)));
  app.view(NOT_NEEDED_MODAL.callbackId, answeringFailures(taskNotNeededSubmitted(deps)));
  app.view(LOG_MODAL.editCallbackId, answeringFailures(activityEditSubmitted(deps)));
  app.view(DELETE_ACTIVITY_MODAL.callbackId, answeringFailures(activityDeleteSubmitted(deps)));
  app.view(ACCELERATOR_MODAL.callbackId, answeringFailures(acceleratorStartSubmitted(deps)));
}
