import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository';
import type { DatabaseHandle } from '../../src/db/database';
import { notifications, tasks } from '../../src/db/schema';
import { createNotificationRenderer } from '../../src/reminders/render-notification';
import { SLACK_LIMITS } from '../../src/slack/block-kit-limits';
import { createTaskRepository } from '../../src/tasks/task-repository';
import { accountFixture } from '../support/e2e-context';
import { expectWithinSlackLimits } from '../support/slack-limits';
import { testDatabases } from '../support/test-databases';

const NOW = new Date('2026-11-23T15:00:00Z');
const ALICE = 'U0ALICE001';
const CHANNEL = 'C0BACKLOG1';

describe.each(testDatabases())('a late backlog combined into one message on $name', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await engine.create();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('stays within 50 blocks for three rows of 100 tasks each, leaving the rows that do not fit to the next message', async () => {
    const account = await createAccountRepository({ db: database.db }).create(
      accountFixture({ name: `${'&'.repeat(190)}<!channel>`, channelId: CHANNEL }),
    );
    const stored = await database.db
      .insert(tasks)
      .values(
        Array.from({ length: 300 }, (_, i) => ({
          accountId: account.id,
          ruleId: 'cadence',
          periodKey: `p${i}`,
          title: `Hold cadence call ${i}`,
          forRole: 'CSM' as const,
          forUser: ALICE,
          opensAt: new Date('2026-10-01T00:00:00Z'),
          dueAt: new Date('2026-11-01T00:00:00Z'),
        })),
      )
      .returning({ id: tasks.id });
    const rows = await database.db
      .insert(notifications)
      .values(
        [0, 1, 2].map((part) => ({
          key: `task_opened:backlog:${part}`,
          kind: 'task_opened' as const,
          accountId: account.id,
          taskIds: stored.slice(part * 100, part * 100 + 100).map((task) => task.id),
          channelId: CHANNEL,
          dueAt: new Date('2026-11-01T00:00:00Z'),
        })),
      )
      .returning();

    const render = createNotificationRenderer({
      db: database.db,
      tasks: createTaskRepository({ db: database.db }),
      timeZone: 'UTC',
    });
    const message = await render(rows, { late: true, now: NOW });

    expect(message).not.toBeNull();
    expectWithinSlackLimits('message', message);
    expect(message?.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    const shown = JSON.stringify(message?.blocks);
    expect(shown).toContain('…and 80 more');
    expect(shown).not.toContain('more reminder');
    expect(message?.deferredRowIds).toEqual([rows[1]?.id, rows[2]?.id]);
    expect(message?.text).toContain('100 tasks opened');

    // A message already in Slack is re-rendered whole, so it says how many reminders it leaves out.
    const refreshed = await render(rows, { late: true, now: NOW, mode: 'refresh' });
    expect(refreshed?.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expect(JSON.stringify(refreshed?.blocks)).toContain('…and 2 more reminders: `/cs tasks` lists them.');
    expect(refreshed?.deferredRowIds).toBeUndefined();
  });
});
