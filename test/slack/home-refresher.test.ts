import { describe, expect, it } from 'vitest';
import { createHomeRefresher, type HomeWatchers } from '../../src/slack/home-refresher';

const silent = { warn: () => {} };

function watchersOf(looking: Set<string>, opened: string[] = []): HomeWatchers {
  return {
    async opened(userId) {
      opened.push(userId);
      looking.add(userId);
    },
    async watching(userIds) {
      return userIds.filter((id) => looking.has(id));
    },
  };
}

describe('the Home refresher', () => {
  it('publishes, once each, only the touched Homes of people who have been looking at theirs', async () => {
    const published: string[] = [];
    const homes = createHomeRefresher({
      publish: async (userId) => {
        published.push(userId);
      },
      logger: silent,
      watchers: watchersOf(new Set(['U0ALICE001'])),
      delayMs: 5,
    });
    homes.refresh(['U0ALICE001', 'U0BOB00001']);
    homes.refresh(['U0ALICE001']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published).toEqual(['U0ALICE001']);
    await homes.stop();
  });

  it('notes who opens their Home, so the next change refreshes it', async () => {
    const published: string[] = [];
    const opened: string[] = [];
    const homes = createHomeRefresher({
      publish: async (userId) => {
        published.push(userId);
      },
      logger: silent,
      watchers: watchersOf(new Set(), opened),
      delayMs: 5,
    });
    await homes.publishNow('U0BOB00001');
    homes.refresh(['U0BOB00001']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(opened).toEqual(['U0BOB00001']);
    expect(published).toEqual(['U0BOB00001', 'U0BOB00001']);
    await homes.stop();
  });

  it('still publishes a Home that was opened when noting it fails, and skips refreshes it cannot check', async () => {
    const published: string[] = [];
    const warnings: string[] = [];
    const homes = createHomeRefresher({
      publish: async (userId) => {
        published.push(userId);
      },
      logger: { warn: (message: string) => warnings.push(message) },
      watchers: {
        opened: async () => {
          throw new Error('database down');
        },
        watching: async () => {
          throw new Error('database down');
        },
      },
      delayMs: 5,
    });
    await homes.publishNow('U0CAROL001');
    homes.refresh(['U0CAROL001']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published).toEqual(['U0CAROL001']);
    expect(warnings).toHaveLength(2);
    await homes.stop();
  });
});
