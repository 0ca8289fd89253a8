import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { NOT_NEEDED_MODAL } from '../../src/views/not-needed-modal';
import { accountAddSubmitted } from './account-add-submitted';
import { logActivitySubmitted } from './log-activity-submitted';
import { taskNotNeededSubmitted } from './task-not-needed-submitted';

export function registerViews(app: App, deps: AppDeps): void {
  app.view(LOG_MODAL.callbackId, logActivitySubmitted(deps));
  app.view(ACCOUNT_MODAL.callbackId, accountAddSubmitted(deps));
  app.view(NOT_NEEDED_MODAL.callbackId, taskNotNeededSubmitted(deps));
}
