import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { answeringFailures } from '../../src/slack/failure-answers';
import { csCommand } from './cs-command';

export function registerCommands(app: App, deps: AppDeps): void {
  // The listener puts the deadline on its own database work: a modal's reads, and the work it queues.
  app.command('/cs', answeringFailures(csCommand(deps), { requestTimeouts: false }));
}
