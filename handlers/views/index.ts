import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { answeringFailures } from '../../src/slack/failure-answers';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { NOT_NEEDED_MODAL } from '../../src/views/not-needed-modal';
import { accountAddSubmitted } from './account-add-submitted';
import { logActivitySubmitted } from './log-activity-submitted';
import { taskNotNeededSubmitted } from './task-not-needed-submitted';

export function registerViews(app: App, deps: AppDeps): void {
  app.view(LOG_MODAL.callbackId, answeringFailures(logActivitySubmitted(deps)));
  app.view(ACCOUNT_MODAL.callbackId, answeringFailures(accountAddSubmitted(deps)));
  app.view(NOT_NEEDED_MODAL.callbackId, answeringFailures(taskNotNeededSubmitted(deps)));
}
