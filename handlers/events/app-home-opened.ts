import type { AppDeps } from '../../src/app-deps';
import { buildAppHome } from '../../src/views/app-home';
import type { AppHomeOpenedArgs } from '../listener-args';

const RECENT = 10;

/** Publishes the person's Home tab each time they open it, so it is never stale. Buttons there act like a reminder's. */
export function appHomeOpened(deps: AppDeps) {
  return async ({ event, client }: AppHomeOpenedArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const activities = await deps.activities.listLoggedBy(event.user, RECENT);
    const names = new Map<string, string>();
    for (const activity of activities) {
      if (names.has(activity.accountId)) continue;
      names.set(activity.accountId, (await deps.accounts.findById(activity.accountId))?.name ?? 'Unknown account');
    }
    const now = deps.now();
    const openTasks = await deps.tasks.listActive({ forUser: event.user }, now);
    await client.views.publish({
      user_id: event.user,
      view: buildAppHome(
        activities.map((activity) => ({ activity, accountName: names.get(activity.accountId) ?? '' })),
        openTasks,
        { now, timeZone: deps.timeZone },
      ),
    });
  };
}
