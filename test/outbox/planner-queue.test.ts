import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import { accounts, notifications } from '../../src/db/schema';
import { digestKey, existingKeys, queueDigests, queueTaskOpened, taskOpenedKey } from '../../src/outbox';
import { testDatabases } from '../support/test-databases';

describe.each(testDatabases())('queueing outbox rows for the planner on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.create();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('queues each key once and returns only the rows this call created', async () => {
    const [account] = await handle.db
      .insert(accounts)
      .values({ name: 'Queue Co', nameKey: 'queue co', channelId: 'C0QUEUE01' })
      .returning();
    const dueAt = new Date('2026-03-02T00:00:00Z');
    const opened = (taskId: string) => ({
      key: taskOpenedKey(taskId),
      accountId: account!.id,
      taskIds: [taskId],
      recipientUser: 'U0CSM00001',
      channelId: 'C0QUEUE01',
      dueAt,
    });
    const taskA = '00000000-0000-4000-8000-00000000000a';
    const taskB = '00000000-0000-4000-8000-00000000000b';

    const first = await queueTaskOpened(handle.db, [opened(taskA)]);
    const second = await handle.db.transaction((tx) => queueTaskOpened(tx, [opened(taskA), opened(taskB)]));
    const digests = await queueDigests(handle.db, [
      { key: digestKey('U0CSM00001', '2026-03-04'), recipientUser: 'U0CSM00001', dueAt },
    ]);
    const again = await queueDigests(handle.db, [
      { key: digestKey('U0CSM00001', '2026-03-04'), recipientUser: 'U0CSM00001', dueAt },
    ]);

    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(digests).toHaveLength(1);
    expect(again).toEqual([]);
    expect(await queueTaskOpened(handle.db, [])).toEqual([]);
    const rows = await handle.db.select().from(notifications);
    expect(rows.map((row) => [row.key, row.kind, row.status]).sort()).toEqual(
      [
        [taskOpenedKey(taskA), 'task_opened', 'pending'],
        [taskOpenedKey(taskB), 'task_opened', 'pending'],
        [digestKey('U0CSM00001', '2026-03-04'), 'overdue_digest', 'pending'],
      ].sort(),
    );
    expect(rows.find((row) => row.kind === 'overdue_digest')).toMatchObject({ channelId: null, accountId: null });
    expect(
      await existingKeys(handle.db, [taskOpenedKey(taskA), taskOpenedKey('00000000-0000-4000-8000-0000000000ff')]),
    ).toEqual(new Set([taskOpenedKey(taskA)]));
  });

  it('stores every field of a task-opened row, dating it back when it was due while the bot was down', async () => {
    const [account] = await handle.db
      .insert(accounts)
      .values({ name: 'Fields Co', nameKey: 'fields co', channelId: null })
      .returning();
    const taskId = '00000000-0000-4000-8000-0000000000c1';
    const dueAt = new Date('2026-03-02T08:00:00.123Z');
    const createdAt = new Date('2026-03-02T08:00:00Z');
    await queueTaskOpened(handle.db, [
      {
        key: taskOpenedKey(taskId),
        accountId: account!.id,
        taskIds: [taskId],
        recipientUser: 'U0"ODD\\1',
        channelId: null,
        dueAt,
        createdAt,
      },
    ]);
    const [row] = await handle.db
      .select()
      .from(notifications)
      .where(eq(notifications.key, taskOpenedKey(taskId)));
    expect(row).toMatchObject({
      kind: 'task_opened',
      accountId: account!.id,
      taskIds: [taskId],
      recipientUser: 'U0"ODD\\1',
      channelId: null,
      dueAt,
      createdAt,
      status: 'pending',
      attempts: 0,
    });
  });
});
