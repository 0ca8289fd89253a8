import type { App } from '@slack/bolt';
import type { AppDeps } from '../../src/app-deps';
import { answeringFailures } from '../../src/slack/failure-answers';
import { appHomeOpened } from './app-home-opened';

export function registerEvents(app: App, deps: AppDeps): void {
  app.event('app_home_opened', answeringFailures(appHomeOpened(deps)));
}
