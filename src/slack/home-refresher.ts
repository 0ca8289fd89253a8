import type { Logger } from '@slack/bolt';
import type { AfterAck } from './after-ack-queue';
import { isSlackUserId } from './mrkdwn';

export interface HomeRefresher {
  /**
   * Re-publishes these people's Homes shortly, once each however many changes came meanwhile, for
   * those who opened theirs lately (see `watchers`).
   */
  refresh(userIds: Iterable<string>): void;
  /** Publishes one person's Home now (with a notice for a click made on it), dropping a refresh still waiting. */
  publishNow(userId: string, options?: { notice?: string; accountsOffset?: number }): Promise<void>;
  /** Drops refreshes still waiting and resolves once one being published has finished. */
  stop(): Promise<void>;
}

/**
 * Who looks at their Home: a Home is published fresh each time it is opened, so a refresh only
 * matters to someone who may have it open. Publishing everyone a change touches (a first clock
 * pass touches the whole team) would cost a team view and a views.publish per person.
 */
export interface HomeWatchers {
  opened(userId: string): Promise<void>;
  /** Of these people, those who opened their Home lately. */
  watching(userIds: readonly string[]): Promise<string[]>;
}

/** How long after opening their Home someone's Home is kept fresh. */
export const HOME_WATCH_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps Homes in step with people's data: a change (an activity logged, a task snoozed, an
 * account edited) names whose Home it touches, and those Homes are published after `delayMs`, so
 * a burst of changes costs each person one views.publish. A failure is logged, never thrown.
 */
export function createHomeRefresher(deps: {
  publish(userId: string, options?: { notice?: string; accountsOffset?: number }): Promise<void>;
  logger: Pick<Logger, 'warn'>;
  /** Left out, every Home a change touches is refreshed. */
  watchers?: HomeWatchers;
  delayMs?: number;
  /**
   * Runs each refresh. A refresh answers no request, so it queues with the work that follows acks
   * (src/slack/after-ack-queue.ts) instead of taking the event loop from requests still arriving.
   */
  schedule?: AfterAck;
}): HomeRefresher {
  const schedule: AfterAck = deps.schedule ?? ((work) => work());
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let flushing: Promise<void> | null = null;

  async function watching(users: string[]): Promise<string[]> {
    if (!deps.watchers) return users;
    try {
      return await deps.watchers.watching(users);
    } catch (error) {
      deps.logger.warn(`Could not tell whose Homes are open; not refreshing them: ${(error as Error).message}`);
      return [];
    }
  }

  async function flush(): Promise<void> {
    timer = undefined;
    const touched = [...pending];
    pending.clear();
    // Queued like the publishes, so a burst still arriving is acked before this query runs.
    const users = await schedule(() => watching(touched));
    for (const user of users) {
      if (stopped) return;
      await schedule(() => (stopped ? Promise.resolve() : deps.publish(user))).catch((error: unknown) => {
        deps.logger.warn(`Could not refresh the Home of ${user}: ${(error as Error).message}`);
      });
    }
  }

  return {
    refresh(userIds) {
      if (stopped) return;
      for (const id of userIds) if (isSlackUserId(id)) pending.add(id);
      if (pending.size === 0 || timer) return;
      timer = setTimeout(() => {
        flushing = flush().finally(() => {
          flushing = null;
        });
      }, deps.delayMs ?? 500);
      timer.unref();
    },
    async publishNow(userId, options) {
      pending.delete(userId);
      await deps.watchers?.opened(userId).catch((error: unknown) => {
        deps.logger.warn(`Could not note that ${userId} opened their Home: ${(error as Error).message}`);
      });
      await deps.publish(userId, options);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      pending.clear();
      // Stopping comes before the database closes: a publish under way must not outlive it.
      await flushing;
    },
  };
}
