import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import {
  LOG_ACTIVITY_SHORTCUT,
  LOG_FROM_MESSAGE_SHORTCUT,
  logActivityShortcut,
  logFromMessageShortcut,
} from './log-activity-shortcut';

export function registerShortcuts(app: App, deps: AppDeps): void {
  app.shortcut({ callback_id: LOG_ACTIVITY_SHORTCUT, type: 'shortcut' }, logActivityShortcut(deps));
  app.shortcut({ callback_id: LOG_FROM_MESSAGE_SHORTCUT, type: 'message_action' }, logFromMessageShortcut(deps));
}
