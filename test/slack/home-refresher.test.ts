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

/** A refresher that publishes into a list, with a short delay the tests wait out. */
function refresherWith(watchers: HomeWatchers, logger: { warn(message: string): void } = silent) {
  const published: string[] = [];
  const homes = createHomeRefresher({
    publish: async (userId) => {
      published.push(userId);
    },
    logger,
    watchers,
    delayMs: 5,
  });
  return { homes, published };
}

const pastTheDelay = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the Home refresher', () => {
  it('publishes, once each, only the touched Homes of people who have been looking at theirs', async () => {
    const { homes, published } = refresherWith(watchersOf(new Set(['U0ALICE001'])));
    homes.refresh(['U0ALICE001', 'U0BOB00001']);
    homes.refresh(['U0ALICE001']);
    await pastTheDelay();
    expect(published).toEqual(['U0ALICE001']);
    await homes.stop();
  });

  it('notes who opens their Home, so the next change refreshes it', async () => {
    const opened: string[] = [];
    const { homes, published } = refresherWith(watchersOf(new Set(), opened));
    await homes.publishNow('U0BOB00001');
    homes.refresh(['U0BOB00001']);
    await pastTheDelay();
    expect(opened).toEqual(['U0BOB00001']);
    expect(published).toEqual(['U0BOB00001', 'U0BOB00001']);
    await homes.stop();
  });

  it('still publishes a Home that was opened when noting it fails, and skips refreshes it cannot check', async () => {
    const warnings: string[] = [];
    const down = async (): Promise<never> => {
      throw new Error('database down');
    };
    const { homes, published } = refresherWith(
      { opened: down, watching: down },
      { warn: (message) => warnings.push(message) },
    );
    await homes.publishNow('U0CAROL001');
    homes.refresh(['U0CAROL001']);
    await pastTheDelay();
    expect(published).toEqual(['U0CAROL001']);
    expect(warnings).toHaveLength(2);
    await homes.stop();
  });
});
