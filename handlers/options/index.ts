import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { answeringFailures } from '../../src/slack/failure-answers';
import { ACCELERATOR_MODAL } from '../../src/views/accelerator-modal';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { exactly } from '../route-by-id';
import { accountOptions } from './account-options';

export function registerOptions(app: App, deps: AppDeps): void {
  // One listener for both pickers: each listener registered costs every request (handlers/route-by-id.ts).
  app.options(
    exactly([LOG_MODAL.account.action, ACCELERATOR_MODAL.account.action]),
    answeringFailures(accountOptions(deps)),
  );
}
