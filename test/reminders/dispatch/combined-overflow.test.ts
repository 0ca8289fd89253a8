import { describe, expect, it } from 'vitest';
import { notifications, tasks } from '../../../src/db/schema';
import { reminderKeysOf } from '../../../src/reminders/dispatch/reminder-metadata';
import { createNotificationRenderer } from '../../../src/reminders/render-notification';
import { SLACK_LIMITS } from '../../../src/slack/block-kit-limits';
import { createTaskRepository } from '../../../src/tasks/task-repository';
import { testDatabases } from '../../support/test-databases';
import {
  allNotifications,
  at,
  dispatcherFor,
  hours,
  insertAccount,
  minutes,
  useDispatchWorld,
} from './dispatch-fixtures';

describe.each(testDatabases())('a late backlog too long for one Slack message on $name', (engine) => {
  const world = useDispatchWorld(engine);

  it('posts the reminders that did not fit in the next message instead of counting them as sent', async () => {
    const now = new Date();
    const db = world.handle.db;
    const accountId = await insertAccount(db, 'CLONGLOG');
    const stored = await db
      .insert(tasks)
      .values(
        Array.from({ length: 20 }, (_, i) => ({
          accountId,
          ruleId: 'cadence',
          periodKey: `p${i}`,
          title: `Hold cadence call ${i}`,
          forRole: 'CSM' as const,
          forUser: 'U0ALICE001',
          opensAt: at(now, -hours(72)),
          dueAt: at(now, hours(72)),
        })),
      )
      .returning({ id: tasks.id });
    const keys = stored.map((_, i) => `task_opened:long:${String(i).padStart(2, '0')}`);
    await db.insert(notifications).values(
      stored.map((task, i) => ({
        key: keys[i] ?? '',
        kind: 'task_opened' as const,
        accountId,
        taskIds: [task.id],
        channelId: 'CLONGLOG',
        dueAt: at(now, -hours(48) + minutes(i)),
        createdAt: at(now, -hours(48) + minutes(i)),
      })),
    );
    const render = createNotificationRenderer({ db, tasks: createTaskRepository({ db }), timeZone: 'UTC' });

    const report = await dispatcherFor(db, world.fake, { render }).drain(now);

    const posted = world.fake.messagesIn('CLONGLOG');
    // Twenty reminders of two blocks each, a divider between them and the late notice: 16 fit in 50 blocks.
    expect(posted.map((message) => reminderKeysOf(message))).toEqual([keys.slice(0, 16), keys.slice(16)]);
    for (const message of posted) {
      expect(message.blocks?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
      expect(JSON.stringify(message.blocks)).not.toContain('more reminder');
      expect(JSON.stringify(message.blocks)).toContain('Sent late');
    }
    expect(JSON.stringify(posted[1]?.blocks)).toContain('Hold cadence call 16');
    expect(report).toMatchObject({ sent: 20, late: 20, combinedMessages: 2, failed: 0 });
    const rows = await allNotifications(db);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    const tsOf = (key: string) => rows.find((row) => row.key === key)?.sentTs;
    expect(tsOf(keys[0] ?? '')).toBe(posted[0]?.ts);
    expect(tsOf(keys[19] ?? '')).toBe(posted[1]?.ts);
  });
});
