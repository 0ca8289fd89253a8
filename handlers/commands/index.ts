import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { answeringFailures } from '../../src/slack/failure-answers';
import { csCommand } from './cs-command';

export function registerCommands(app: App, deps: AppDeps): void {
  app.command('/cs', answeringFailures(csCommand(deps)));
}
