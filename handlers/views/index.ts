import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { accountAddSubmitted } from './account-add-submitted';
import { logActivitySubmitted } from './log-activity-submitted';

export function registerViews(app: App, deps: AppDeps): void {
  app.view(LOG_MODAL.callbackId, logActivitySubmitted(deps));
  app.view(ACCOUNT_MODAL.callbackId, accountAddSubmitted(deps));
}
