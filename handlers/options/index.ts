import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { answeringFailures } from '../../src/slack/failure-answers';
import { ACCELERATOR_MODAL } from '../../src/views/accelerator-modal';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { accountOptions } from './account-options';

export function registerOptions(app: App, deps: AppDeps): void {
  app.options(LOG_MODAL.account.action, answeringFailures(accountOptions(deps)));
  app.options(ACCELERATOR_MODAL.account.action, answeringFailures(accountOptions(deps)));
}
