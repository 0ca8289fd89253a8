import type { App } from '@slack/bolt';
import type { AppDeps } from '../src/app-deps';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import { registerOptions } from './options';
import { registerShortcuts } from './shortcuts';
import { registerViews } from './views';

/** Every Slack listener, one folder per kind. */
export function registerListeners(app: App, deps: AppDeps): void {
  registerCommands(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerOptions(app, deps);
  registerShortcuts(app, deps);
  registerEvents(app, deps);
}
