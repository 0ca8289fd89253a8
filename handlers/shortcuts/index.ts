import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { answeringFailures } from '../../src/slack/failure-answers';
import {
  LOG_ACTIVITY_SHORTCUT,
  LOG_FROM_MESSAGE_SHORTCUT,
  logActivityShortcut,
  logFromMessageShortcut,
} from './log-activity-shortcut';

export function registerShortcuts(app: App, deps: AppDeps): void {
  app.shortcut({ callback_id: LOG_ACTIVITY_SHORTCUT, type: 'shortcut' }, answeringFailures(logActivityShortcut(deps)));
  app.shortcut(
    { callback_id: LOG_FROM_MESSAGE_SHORTCUT, type: 'message_action' },
    answeringFailures(logFromMessageShortcut(deps)),
  );
}
