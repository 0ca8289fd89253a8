import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts } from '../../../src/db/schema';
import { adminCopyKey, channelBrokenKey } from '../../../src/outbox';
import { reminderKeysOf } from '../../../src/reminders/dispatch/reminder-metadata';
import { testDatabases } from '../../support/test-databases';
import {
  ADMINS,
  at,
  dispatcherFor,
  insertAccount,
  insertNotifications,
  minutes,
  notificationByKey,
  postsPerKey,
  useDispatchWorld,
} from './dispatch-fixtures';

describe.each(testDatabases())('reminders for a broken account channel on $name', (engine) => {
  const world = useDispatchWorld(engine);

  const keysIn = (channel: string) => world.fake.messagesIn(channel).flatMap((message) => reminderKeysOf(message));

  it("sends reminders for an archived channel to the person's DM, marks the account and tells each admin once", async () => {
    const now = new Date();
    world.fake.addChannel({ id: 'CARCHIVED', archived: true });
    const accountId = await insertAccount(world.handle.db, 'CARCHIVED');
    await insertNotifications(world.handle.db, [
      { key: 'for-amy', dueAt: at(now, -minutes(2)), accountId, channelId: 'CARCHIVED', recipientUser: 'UAMY' },
      { key: 'for-ben', dueAt: at(now, -minutes(1)), accountId, channelId: 'CARCHIVED', recipientUser: 'UBEN' },
    ]);
    const dispatcher = dispatcherFor(world.handle.db, world.fake);

    const first = await dispatcher.drain(now);
    await insertNotifications(world.handle.db, [
      { key: 'for-amy-again', dueAt: at(now, minutes(1)), accountId, channelId: 'CARCHIVED', recipientUser: 'UAMY' },
    ]);
    const second = await dispatcher.drain(at(now, minutes(1)));

    expect(first).toMatchObject({ claimed: 2, sent: 4, brokenChannels: 1, redirectedToDm: 2, failed: 0 });
    expect(second).toMatchObject({ claimed: 1, sent: 1, brokenChannels: 0, redirectedToDm: 1 });
    // Slack was asked once; after that the account is known to be broken.
    expect(world.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'CARCHIVED')).toHaveLength(1);
    expect(keysIn('DUAMY')).toEqual(['for-amy', 'for-amy-again']);
    expect(keysIn('DUBEN')).toEqual(['for-ben']);
    for (const admin of ADMINS) {
      expect(keysIn(`D${admin}`)).toEqual([channelBrokenKey(accountId, 'CARCHIVED', admin)]);
    }
    const [account] = await world.handle.db.select().from(accounts).where(eq(accounts.id, accountId));
    // Marked at the run's instant: it started at `now` and its clock has moved on since.
    expect(account?.channelBrokenAt?.getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect(account?.channelBrokenReason).toBe('is_archived');
    expect(await notificationByKey(world.handle.db, 'for-amy')).toMatchObject({ status: 'sent', sentChannel: 'DUAMY' });
    expect(await notificationByKey(world.handle.db, channelBrokenKey(accountId, 'CARCHIVED', 'UADMIN1'))).toMatchObject(
      {
        kind: 'channel_broken',
        status: 'sent',
        recipientUser: 'UADMIN1',
      },
    );
  });

  it('tells the admins only once when the same channel breaks again for another pass', async () => {
    const now = new Date();
    world.fake.addChannel({ id: 'CGONE', archived: false });
    const accountId = await insertAccount(world.handle.db, 'CGONE');
    await insertNotifications(world.handle.db, [
      { key: 'first', dueAt: now, accountId, channelId: 'CGONE', recipientUser: 'UAMY' },
    ]);
    world.fake.failNext('chat.postMessage', 'not_in_channel', { channel: 'CGONE' });
    await dispatcherFor(world.handle.db, world.fake).drain(now);
    // Someone repaired the channel, and it broke again the same way.
    await world.handle.db
      .update(accounts)
      .set({ channelBrokenAt: null, channelBrokenReason: null })
      .where(eq(accounts.id, accountId));
    await insertNotifications(world.handle.db, [
      { key: 'second', dueAt: now, accountId, channelId: 'CGONE', recipientUser: 'UAMY' },
    ]);
    world.fake.failNext('chat.postMessage', 'not_in_channel', { channel: 'CGONE' });

    const report = await dispatcherFor(world.handle.db, world.fake, { instanceId: 'other' }).drain(at(now, minutes(1)));

    expect(report).toMatchObject({ brokenChannels: 1, redirectedToDm: 1, sent: 1 });
    expect(keysIn('DUAMY')).toEqual(['first', 'second']);
    for (const admin of ADMINS) expect(keysIn(`D${admin}`)).toHaveLength(1);
  });

  it("copies a reminder that names nobody to every admin's DM when its channel is broken", async () => {
    const now = new Date();
    world.fake.addChannel({ id: 'CNOBODY', archived: true });
    const accountId = await insertAccount(world.handle.db, 'CNOBODY');
    await insertNotifications(world.handle.db, [{ key: 'unassigned', dueAt: now, accountId, channelId: 'CNOBODY' }]);

    const report = await dispatcherFor(world.handle.db, world.fake).drain(now);

    expect(report).toMatchObject({ redirectedToDm: 1, brokenChannels: 1, failed: 0 });
    for (const admin of ADMINS) {
      expect(keysIn(`D${admin}`).sort()).toEqual(
        [adminCopyKey('unassigned', admin), channelBrokenKey(accountId, 'CNOBODY', admin)].sort(),
      );
    }
    expect(await notificationByKey(world.handle.db, 'unassigned')).toMatchObject({ status: 'skipped' });
    expect([...postsPerKey(world.fake).values()].every((count) => count === 1)).toBe(true);
  });
});
