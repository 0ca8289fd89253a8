import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { csCommand } from './cs-command';

export function registerCommands(app: App, deps: AppDeps): void {
  app.command('/cs', csCommand(deps));
}
