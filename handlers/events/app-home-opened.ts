import type { AppDeps } from '../../src/app-deps';
import { publishHome } from '../../src/use-cases/publish-home';
import type { AppHomeOpenedArgs } from '../listener-args';

/** Publishes the person's Home tab each time they open it, so it is never stale. Buttons there act like a reminder's. */
export function appHomeOpened(deps: AppDeps) {
  return async ({ event, client }: AppHomeOpenedArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await publishHome({ ...deps, slack: client }, { userId: event.user }, deps.now());
  };
}
