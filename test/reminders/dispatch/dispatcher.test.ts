import { describe, expect, it } from 'vitest';
import { REMINDER_EVENT_TYPE, reminderKeysOf } from '../../../src/reminders/dispatch/reminder-metadata';
import { testDatabases } from '../../support/test-databases';
import {
  allNotifications,
  at,
  dispatcherFor,
  hours,
  insertAccount,
  insertNotifications,
  minutes,
  notificationByKey,
  postsPerKey,
  rendererClosing,
  useDispatchWorld,
} from './dispatch-fixtures';

describe.each(testDatabases())('the reminder dispatcher on $name', (engine) => {
  const world = useDispatchWorld(engine);

  it('sends each due row once with its key in the metadata and leaves rows not yet due', async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CSEND');
    await insertNotifications(world.handle.db, [
      { key: 'due-1', dueAt: at(now, -minutes(1)), accountId, channelId: 'CSEND', recipientUser: 'UAMY' },
      { key: 'due-2', dueAt: now, accountId, channelId: 'CSEND', recipientUser: 'UAMY' },
      { key: 'dm-1', dueAt: at(now, -minutes(2)), recipientUser: 'UBOB' },
      { key: 'later', dueAt: at(now, minutes(5)), accountId, channelId: 'CSEND', recipientUser: 'UAMY' },
    ]);
    const dispatcher = dispatcherFor(world.handle.db, world.fake);

    const first = await dispatcher.drain(now);
    const second = await dispatcher.drain(now);

    expect(first).toMatchObject({ claimed: 3, sent: 3, late: 0, failed: 0, retried: 0 });
    expect(second).toMatchObject({ claimed: 0, sent: 0 });
    const channelMessages = world.fake.messagesIn('CSEND');
    expect(channelMessages.map((message) => message.text)).toEqual(['reminder due-1', 'reminder due-2']);
    expect(channelMessages[0]?.metadata).toEqual({
      event_type: REMINDER_EVENT_TYPE,
      event_payload: { keys: ['due-1'] },
    });
    const dm = world.fake.messagesIn(world.fake.dmChannelFor('UBOB'));
    expect(dm.flatMap((message) => reminderKeysOf(message))).toEqual(['dm-1']);
    expect(postsPerKey(world.fake)).toEqual(
      new Map([
        ['due-1', 1],
        ['due-2', 1],
        ['dm-1', 1],
      ]),
    );

    const sent = await notificationByKey(world.handle.db, 'due-1');
    expect(sent).toMatchObject({ status: 'sent', sentChannel: 'CSEND', sentTs: channelMessages[0]?.ts, late: false });
    expect(sent.sentAt?.getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect(await notificationByKey(world.handle.db, 'dm-1')).toMatchObject({ status: 'sent', sentChannel: 'DUBOB' });
    expect(await notificationByKey(world.handle.db, 'later')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('posts a DM to the conversation id opened once and remembered for the person', async () => {
    const now = new Date();
    await insertNotifications(world.handle.db, [
      { key: 'dm-a', dueAt: now, recipientUser: 'UCAROL' },
      { key: 'dm-b', dueAt: now, recipientUser: 'UCAROL' },
    ]);
    const dispatcher = dispatcherFor(world.handle.db, world.fake);

    await dispatcher.drain(now);
    await insertNotifications(world.handle.db, [{ key: 'dm-c', dueAt: now, recipientUser: 'UCAROL' }]);
    await dispatcher.drain(now);

    expect(world.fake.callsTo('conversations.open')).toHaveLength(1);
    expect(world.fake.callsTo('chat.postMessage').map((call) => call.args.channel)).toEqual([
      'DUCAROL',
      'DUCAROL',
      'DUCAROL',
    ]);
  });

  it('marks rows skipped and posts nothing when the renderer has nothing to say', async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CSKIP');
    await insertNotifications(world.handle.db, [
      { key: 'closed', dueAt: now, accountId, channelId: 'CSKIP' },
      { key: 'open', dueAt: now, accountId, channelId: 'CSKIP' },
    ]);

    const report = await dispatcherFor(world.handle.db, world.fake, { render: rendererClosing(['closed']) }).drain(now);

    expect(report).toMatchObject({ skipped: 1, sent: 1 });
    expect(await notificationByKey(world.handle.db, 'closed')).toMatchObject({ status: 'skipped', sentTs: null });
    expect([...postsPerKey(world.fake).keys()]).toEqual(['open']);
  });

  it('after downtime combines more than five late rows for a channel into one message and sends fewer separately', async () => {
    const now = new Date();
    const busy = await insertAccount(world.handle.db, 'CBUSY');
    const quiet = await insertAccount(world.handle.db, 'CQUIET');
    const busyKeys = Array.from({ length: 8 }, (_, index) => `busy-${index}`);
    const quietKeys = ['quiet-0', 'quiet-1', 'quiet-2'];
    await insertNotifications(world.handle.db, [
      ...busyKeys.map((key, index) => ({
        key,
        dueAt: at(now, -hours(9) + minutes(index)),
        accountId: busy,
        channelId: 'CBUSY',
      })),
      ...quietKeys.map((key, index) => ({
        key,
        dueAt: at(now, -hours(3) + minutes(index)),
        accountId: quiet,
        channelId: 'CQUIET',
      })),
    ]);

    const report = await dispatcherFor(world.handle.db, world.fake).drain(now);

    expect(report).toMatchObject({ claimed: 11, sent: 11, late: 11, combinedMessages: 1 });
    const combined = world.fake.messagesIn('CBUSY');
    expect(combined).toHaveLength(1);
    expect(reminderKeysOf(combined[0])).toEqual(busyKeys);
    expect(combined[0]?.text).toMatch(/^\[late\]/);
    const separate = world.fake.messagesIn('CQUIET');
    expect(separate.map((message) => reminderKeysOf(message))).toEqual(quietKeys.map((key) => [key]));
    expect(separate.every((message) => message.text.startsWith('[late]'))).toBe(true);

    const rows = await allNotifications(world.handle.db);
    expect(rows.every((row) => row.status === 'sent' && row.late)).toBe(true);
    expect(new Set(rows.filter((row) => row.channelId === 'CBUSY').map((row) => row.sentTs))).toEqual(
      new Set([combined[0]?.ts]),
    );
  });

  it('sends rows queued just now as normal messages, one each, though they were due days ago', async () => {
    const now = new Date();
    // An account added today whose contract started days ago: its tasks opened before cs-bot knew it.
    const accountId = await insertAccount(world.handle.db, 'CNEWACCT');
    const keys = Array.from({ length: 8 }, (_, index) => `new-${index}`);
    await insertNotifications(
      world.handle.db,
      keys.map((key, index) => ({
        key,
        dueAt: at(now, -hours(72) + minutes(index)),
        createdAt: at(now, -1000),
        accountId,
        channelId: 'CNEWACCT',
      })),
    );

    const report = await dispatcherFor(world.handle.db, world.fake).drain(now);

    expect(report).toMatchObject({ sent: 8, late: 0, combinedMessages: 0 });
    const messages = world.fake.messagesIn('CNEWACCT');
    expect(messages.map((message) => reminderKeysOf(message))).toEqual(keys.map((key) => [key]));
    expect(messages.some((message) => message.text.startsWith('[late]'))).toBe(false);
    expect((await allNotifications(world.handle.db)).every((row) => !row.late)).toBe(true);
  });

  it('sends rows queued before the bot went down and due while it was down as late, combining more than five', async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CWASDOWN');
    const wentDown = at(now, -hours(6));
    const keys = Array.from({ length: 7 }, (_, index) => `down-${index}`);
    await insertNotifications(world.handle.db, [
      ...keys.map((key, index) => ({
        key,
        dueAt: at(wentDown, hours(1) + minutes(index)),
        createdAt: at(wentDown, -hours(1)),
        accountId,
        channelId: 'CWASDOWN',
      })),
      // Queued after the restart: it waited only since then, so it is not part of the late backlog.
      {
        key: 'after-restart',
        dueAt: at(wentDown, hours(2)),
        createdAt: at(now, -1000),
        accountId,
        channelId: 'CWASDOWN',
      },
    ]);

    const report = await dispatcherFor(world.handle.db, world.fake).drain(now);

    expect(report).toMatchObject({ sent: 8, late: 7, combinedMessages: 1 });
    const messages = world.fake.messagesIn('CWASDOWN');
    expect(messages.map((message) => reminderKeysOf(message))).toEqual([keys, ['after-restart']]);
    expect(messages.map((message) => message.text.startsWith('[late]'))).toEqual([true, false]);
    expect(await notificationByKey(world.handle.db, 'after-restart')).toMatchObject({ status: 'sent', late: false });
  });

  it('splits a long downtime backlog for one channel into combined messages of at most twenty', async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CBACKLOG');
    await insertNotifications(
      world.handle.db,
      Array.from({ length: 45 }, (_, index) => ({
        key: `backlog-${String(index).padStart(2, '0')}`,
        dueAt: at(now, -hours(48) + minutes(index)),
        accountId,
        channelId: 'CBACKLOG',
      })),
    );

    const report = await dispatcherFor(world.handle.db, world.fake).drain(now);

    expect(report).toMatchObject({ sent: 45, combinedMessages: 3 });
    const sizes = world.fake.messagesIn('CBACKLOG').map((message) => reminderKeysOf(message).length);
    expect(sizes).toEqual([15, 15, 15]);
  });

  it('retries a row Slack refused later with backoff and gives up after the last attempt', async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CREFUSE');
    await insertNotifications(world.handle.db, [{ key: 'refused', dueAt: now, accountId, channelId: 'CREFUSE' }]);
    world.fake.failNext('chat.postMessage', 'msg_too_long', { times: 3 });
    const dispatcher = dispatcherFor(world.handle.db, world.fake, { options: { maxAttempts: 2 } });

    const first = await dispatcher.drain(now);
    const retried = await notificationByKey(world.handle.db, 'refused');
    const early = await dispatcher.drain(at(now, 1000));
    const second = await dispatcher.drain(at(now, hours(2)));

    expect(first).toMatchObject({ retried: 1, failed: 0 });
    expect(retried).toMatchObject({ status: 'pending', attempts: 1, lastError: 'msg_too_long' });
    expect(retried.notBefore!.getTime()).toBeGreaterThan(now.getTime());
    expect(early.claimed).toBe(0);
    expect(second).toMatchObject({ claimed: 1, failed: 1 });
    expect(await notificationByKey(world.handle.db, 'refused')).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('shares one database between two dispatchers in one process without sending anything twice', async () => {
    const now = new Date();
    const channels = ['CPAIR1', 'CPAIR2', 'CPAIR3', 'CPAIR4'];
    const accountIds = await Promise.all(channels.map((channel) => insertAccount(world.handle.db, channel)));
    await insertNotifications(
      world.handle.db,
      Array.from({ length: 120 }, (_, index) => ({
        key: `pair-${index}`,
        dueAt: at(now, -index),
        accountId: accountIds[index % channels.length],
        channelId: channels[index % channels.length],
      })),
    );
    const one = dispatcherFor(world.handle.db, world.fake, { instanceId: 'a', options: { maxLanes: 2 } });
    const two = dispatcherFor(world.handle.db, world.fake, { instanceId: 'b', options: { maxLanes: 2 } });

    for (let round = 0; round < 3; round += 1) await Promise.all([one.drain(now), two.drain(now)]);

    const posts = postsPerKey(world.fake);
    expect(posts.size).toBe(120);
    expect([...posts.values()].every((count) => count === 1)).toBe(true);
    expect((await allNotifications(world.handle.db)).every((row) => row.status === 'sent')).toBe(true);
  });
});
