import type { AppDeps } from '../../src/app-deps';
import type { AppHomeOpenedArgs } from '../listener-args';

/** Publishes the person's Home tab each time they open it, so it is never stale. Buttons there act like a reminder's. */
export function appHomeOpened(deps: AppDeps) {
  return async ({ event }: AppHomeOpenedArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await deps.homes.publishNow(event.user);
  };
}
