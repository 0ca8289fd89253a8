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
import type { BlockActionArgs } from '../listener-args';
import { exactly, type Listener, routeById } from '../route-by-id';
import { activityMenuPicked } from './activity-menu-picked';
import { activityTypeChanged } from './activity-type-changed';
import { cancelAcceleratorClicked } from './cancel-accelerator-clicked';
import { homeAccountsPage } from './home-accounts-page';
import { openAccountEdit } from './open-account-edit';
import { openLogModal } from './open-log-modal';
import { openStartAccelerator } from './open-start-accelerator';
import { taskLogClicked, taskNotNeededClicked, taskSnoozeChosen } from './task-buttons';
import { timelinePageChosen } from './timeline-page';

export function registerActions(app: App, deps: AppDeps): void {
  const homePage = homeAccountsPage(deps);
  const timelinePage = timelinePageChosen(deps);
  const routes = new Map<string, Listener<BlockActionArgs>>([
    [LOG_MODAL.type.action, activityTypeChanged(deps)],
    [OPEN_LOG_MODAL_ACTION, openLogModal(deps)],
    [HOME_ACCOUNTS_PAGE_ACTION, homePage],
    [`${HOME_ACCOUNTS_PAGE_ACTION}_earlier`, homePage],
    [ACCOUNT_MODAL.editButton, openAccountEdit(deps)],
    [TASK_ACTIONS.log, taskLogClicked(deps)],
    [TASK_ACTIONS.snooze, taskSnoozeChosen(deps)],
    [TASK_ACTIONS.notNeeded, taskNotNeededClicked(deps)],
    [ACTIVITY_MENU.action, activityMenuPicked(deps)],
    [ACCELERATOR_MODAL.startButton, openStartAccelerator(deps)],
    [ACCELERATOR_MODAL.cancelButton, cancelAcceleratorClicked(deps)],
    ...Object.values(TIMELINE_ACTIONS).map((action) => [action, timelinePage] as const),
  ]);
  app.action(
    exactly(routes.keys()),
    answeringFailures(routeById(routes, ({ action }: BlockActionArgs) => action.action_id)),
  );
}
