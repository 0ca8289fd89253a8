import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../../src/db/schema';
import { DEFAULT_DISPATCHER_OPTIONS } from '../../../src/reminders/dispatch/options';
import { reminderKeysOf, reminderMetadata, slackMetadata } from '../../../src/reminders/dispatch/reminder-metadata';
import { testDatabases } from '../../support/test-databases';
import {
  at,
  dispatcherFor,
  insertAccount,
  insertNotifications,
  minutes,
  notificationByKey,
  postsPerKey,
  slackClientFor,
  useDispatchWorld,
} from './dispatch-fixtures';

const LEASE = DEFAULT_DISPATCHER_OPTIONS.leaseMs;

describe.each(testDatabases())('reminder recovery on $name', (engine) => {
  const world = useDispatchWorld(engine);

  /** Leaves a row as a dispatcher that died mid-send would: claimed, targeted, never recorded. */
  async function leaveClaimed(key: string, claimedAt: Date, sentChannel: string | null): Promise<void> {
    await world.handle.db
      .update(notifications)
      .set({ status: 'sending', claimedAt, claimedBy: 'dead-dispatcher', attempts: 1, sentChannel })
      .where(eq(notifications.key, key));
  }

  it("settles a post whose answer was lost from the channel's history in the same pass, without posting again", async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CDROP');
    await insertNotifications(world.handle.db, [
      { key: 'dropped', dueAt: at(now, -minutes(2)), accountId, channelId: 'CDROP' },
      { key: 'after', dueAt: at(now, -minutes(1)), accountId, channelId: 'CDROP' },
    ]);
    world.fake.dropResponseAfterHandling('chat.postMessage', { channel: 'CDROP' });

    const report = await dispatcherFor(world.handle.db, world.fake).drain(now);

    expect(report).toMatchObject({ claimed: 2, sent: 2, recovered: 1, retried: 0 });
    expect(world.fake.callsTo('chat.postMessage').filter((call) => call.dropped)).toHaveLength(1);
    expect(postsPerKey(world.fake)).toEqual(
      new Map([
        ['dropped', 1],
        ['after', 1],
      ]),
    );
    const [message] = world.fake.messagesIn('CDROP');
    expect(await notificationByKey(world.handle.db, 'dropped')).toMatchObject({
      status: 'sent',
      sentChannel: 'CDROP',
      sentTs: message?.ts,
    });
  });

  it('leaves a lost post claimed when history cannot be read, and a later dispatcher records it without posting again', async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CLOST');
    await insertNotifications(world.handle.db, [{ key: 'lost-answer', dueAt: now, accountId, channelId: 'CLOST' }]);
    world.fake.dropResponseAfterHandling('chat.postMessage', { channel: 'CLOST' });
    world.fake.failNext('conversations.history', 'internal_error', { channel: 'CLOST' });

    const first = await dispatcherFor(world.handle.db, world.fake, { instanceId: 'first' }).drain(now);
    const stuck = await notificationByKey(world.handle.db, 'lost-answer');
    const tooSoon = await dispatcherFor(world.handle.db, world.fake, { instanceId: 'second' }).drain(
      at(now, minutes(1)),
    );
    const later = await dispatcherFor(world.handle.db, world.fake, { instanceId: 'second' }).drain(
      at(now, LEASE + 1000),
    );

    expect(first).toMatchObject({ sent: 0, retried: 0 });
    expect(stuck).toMatchObject({ status: 'sending', claimedBy: 'first', sentChannel: 'CLOST' });
    expect(tooSoon).toMatchObject({ recovered: 0, sent: 0 });
    expect(later).toMatchObject({ recovered: 1, sent: 1, claimed: 0 });
    expect(world.fake.messagesIn('CLOST')).toHaveLength(1);
    expect(postsPerKey(world.fake)).toEqual(new Map([['lost-answer', 1]]));
    expect(await notificationByKey(world.handle.db, 'lost-answer')).toMatchObject({
      status: 'sent',
      sentTs: world.fake.messagesIn('CLOST')[0]?.ts,
    });
  });

  it('after a hard kill records what reached Slack and sends exactly once what did not', async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CKILL');
    await insertNotifications(world.handle.db, [
      { key: 'reached-slack', dueAt: at(now, -minutes(3)), accountId, channelId: 'CKILL' },
      { key: 'never-posted', dueAt: at(now, -minutes(2)), accountId, channelId: 'CKILL' },
      { key: 'never-targeted', dueAt: at(now, -minutes(1)), recipientUser: 'UDANA' },
    ]);
    // What the killed dispatcher got done: all three claimed, one posted (Slack took it), none recorded.
    await leaveClaimed('reached-slack', now, 'CKILL');
    await leaveClaimed('never-posted', now, 'CKILL');
    await leaveClaimed('never-targeted', now, null);
    const posted = await slackClientFor(world.fake).chat.postMessage({
      channel: 'CKILL',
      text: 'reminder reached-slack',
      metadata: slackMetadata(reminderMetadata(['reached-slack'])),
    });

    const report = await dispatcherFor(world.handle.db, world.fake, { instanceId: 'restarted' }).drain(
      at(now, LEASE + 1000),
    );

    expect(report).toMatchObject({ recovered: 1, claimed: 2, sent: 3 });
    expect(postsPerKey(world.fake)).toEqual(
      new Map([
        ['reached-slack', 1],
        ['never-posted', 1],
        ['never-targeted', 1],
      ]),
    );
    expect(world.fake.messagesIn('CKILL').map((message) => reminderKeysOf(message))).toEqual([
      ['reached-slack'],
      ['never-posted'],
    ]);
    expect(await notificationByKey(world.handle.db, 'reached-slack')).toMatchObject({
      status: 'sent',
      sentTs: posted.ts,
      claimedBy: 'restarted',
    });
    expect(await notificationByKey(world.handle.db, 'never-posted')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await notificationByKey(world.handle.db, 'never-targeted')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('leaves a claim alone while its lease runs', async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CBUSYX');
    await insertNotifications(world.handle.db, [{ key: 'in-flight', dueAt: now, accountId, channelId: 'CBUSYX' }]);
    await leaveClaimed('in-flight', now, 'CBUSYX');

    const report = await dispatcherFor(world.handle.db, world.fake).drain(at(now, LEASE - 1000));

    expect(report).toMatchObject({ claimed: 0, recovered: 0, sent: 0 });
    expect(world.fake.callsTo('conversations.history')).toHaveLength(0);
    expect(await notificationByKey(world.handle.db, 'in-flight')).toMatchObject({
      status: 'sending',
      claimedBy: 'dead-dispatcher',
    });
  });
});
