import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { answeringFailures } from '../../src/slack/failure-answers';
import { ACCELERATOR_MODAL } from '../../src/views/accelerator-modal';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { TIMELINE_ACTIONS } from '../../src/views/account-timeline';
import { ACTIVITY_MENU } from '../../src/views/activity-menu';
import { HOME_ACCOUNTS_PAGE_ACTION, OPEN_LOG_MODAL_ACTION } from '../../src/views/app-home';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { TASK_ACTIONS } from '../../src/views/task-reminder';
import { activityMenuPicked } from './activity-menu-picked';
import { activityTypeChanged } from './activity-type-changed';
import { homeAccountsPage } from './home-accounts-page';
import { openAccountEdit } from './open-account-edit';
import { openLogModal } from './open-log-modal';
import { openStartAccelerator } from './open-start-accelerator';
import { taskLogClicked, taskNotNeededClicked, taskSnoozeChosen } from './task-buttons';
import { timelinePageChosen } from './timeline-page';

export function registerActions(app: App, deps: AppDeps): void {
  app.action(LOG_MODAL.type.action, answeringFailures(activityTypeChanged(deps)));
  app.action(OPEN_LOG_MODAL_ACTION, answeringFailures(openLogModal(deps)));
  for (const action of [HOME_ACCOUNTS_PAGE_ACTION, `${HOME_ACCOUNTS_PAGE_ACTION}_earlier`]) {
    app.action(action, answeringFailures(homeAccountsPage(deps)));
  }
  app.action(ACCOUNT_MODAL.editButton, answeringFailures(openAccountEdit(deps)));
  app.action(TASK_ACTIONS.log, answeringFailures(taskLogClicked(deps)));
  app.action(TASK_ACTIONS.snooze, answeringFailures(taskSnoozeChosen(deps)));
  app.action(TASK_ACTIONS.notNeeded, answeringFailures(taskNotNeededClicked(deps)));
  app.action(ACTIVITY_MENU.action, answeringFailures(activityMenuPicked(deps)));
  app.action(ACCELERATOR_MODAL.startButton, answeringFailures(openStartAccelerator(deps)));
  for (const action of Object.values(TIMELINE_ACTIONS)) app.action(action, answeringFailures(timelinePageChosen(deps)));
}
