import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/db/database';
import { notifications } from '../../../src/db/schema';
import { DEFAULT_DISPATCHER_OPTIONS } from '../../../src/reminders/dispatch/options';
import { reminderKeysOf, reminderMetadata, slackMetadata } from '../../../src/reminders/dispatch/reminder-metadata';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack';
import { testDatabases } from '../../support/test-databases';
import {
  at,
  clearTables,
  dispatcherFor,
  insertAccount,
  insertNotifications,
  minutes,
  notificationByKey,
  postsPerKey,
  slackClientFor,
} from './dispatch-fixtures';

const LEASE = DEFAULT_DISPATCHER_OPTIONS.leaseMs;

describe.each(testDatabases())('reminder recovery on $name', (engine) => {
  let fake: FakeSlack;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    fake = await startFakeSlack();
    handle = await engine.create();
  });
  afterAll(async () => {
    await fake.close();
    await handle.close();
  });
  beforeEach(async () => {
    fake.reset();
    await clearTables(handle.db);
  });

  /** Leaves a row as a dispatcher that died mid-send would: claimed, targeted, never recorded. */
  async function leaveClaimed(key: string, claimedAt: Date, sentChannel: string | null): Promise<void> {
    await handle.db
      .update(notifications)
      .set({ status: 'sending', claimedAt, claimedBy: 'dead-dispatcher', attempts: 1, sentChannel })
      .where(eq(notifications.key, key));
  }

  it("settles a post whose answer was lost from the channel's history in the same pass, without posting again", async () => {
    const now = new Date();
    const accountId = await insertAccount(handle.db, 'CDROP');
    await insertNotifications(handle.db, [
      { key: 'dropped', dueAt: at(now, -minutes(2)), accountId, channelId: 'CDROP' },
      { key: 'after', dueAt: at(now, -minutes(1)), accountId, channelId: 'CDROP' },
    ]);
    fake.dropResponseAfterHandling('chat.postMessage', { channel: 'CDROP' });

    const report = await dispatcherFor(handle.db, fake).runOnce(now);

    expect(report).toMatchObject({ claimed: 2, sent: 2, recovered: 1, retried: 0 });
    expect(fake.callsTo('chat.postMessage').filter((call) => call.dropped)).toHaveLength(1);
    expect(postsPerKey(fake)).toEqual(new Map([['dropped', 1], ['after', 1]]));
    const [message] = fake.messagesIn('CDROP');
    expect(await notificationByKey(handle.db, 'dropped')).toMatchObject({ status: 'sent', sentChannel: 'CDROP', sentTs: message?.ts });
  });

  it('leaves a lost post claimed when history cannot be read, and a later dispatcher records it without posting again', async () => {
    const now = new Date();
    const accountId = await insertAccount(handle.db, 'CLOST');
    await insertNotifications(handle.db, [{ key: 'lost-answer', dueAt: now, accountId, channelId: 'CLOST' }]);
    fake.dropResponseAfterHandling('chat.postMessage', { channel: 'CLOST' });
    fake.failNext('conversations.history', 'internal_error', { channel: 'CLOST' });

    const first = await dispatcherFor(handle.db, fake, { instanceId: 'first' }).runOnce(now);
    const stuck = await notificationByKey(handle.db, 'lost-answer');
    const tooSoon = await dispatcherFor(handle.db, fake, { instanceId: 'second' }).runOnce(at(now, minutes(1)));
    const later = await dispatcherFor(handle.db, fake, { instanceId: 'second' }).runOnce(at(now, LEASE + 1000));

    expect(first).toMatchObject({ sent: 0, retried: 0 });
    expect(stuck).toMatchObject({ status: 'sending', claimedBy: 'first', sentChannel: 'CLOST' });
    expect(tooSoon).toMatchObject({ recovered: 0, sent: 0 });
    expect(later).toMatchObject({ recovered: 1, sent: 1, claimed: 0 });
    expect(fake.messagesIn('CLOST')).toHaveLength(1);
    expect(postsPerKey(fake)).toEqual(new Map([['lost-answer', 1]]));
    expect(await notificationByKey(handle.db, 'lost-answer')).toMatchObject({
      status: 'sent',
      sentTs: fake.messagesIn('CLOST')[0]?.ts,
    });
  });

  it('after a hard kill records what reached Slack and sends exactly once what did not', async () => {
    const now = new Date();
    const accountId = await insertAccount(handle.db, 'CKILL');
    await insertNotifications(handle.db, [
      { key: 'reached-slack', dueAt: at(now, -minutes(3)), accountId, channelId: 'CKILL' },
      { key: 'never-posted', dueAt: at(now, -minutes(2)), accountId, channelId: 'CKILL' },
      { key: 'never-targeted', dueAt: at(now, -minutes(1)), recipientUser: 'UDANA' },
    ]);
    // What the killed dispatcher got done: all three claimed, one posted (Slack took it), none recorded.
    await leaveClaimed('reached-slack', now, 'CKILL');
    await leaveClaimed('never-posted', now, 'CKILL');
    await leaveClaimed('never-targeted', now, null);
    const posted = await slackClientFor(fake).chat.postMessage({
      channel: 'CKILL',
      text: 'reminder reached-slack',
      metadata: slackMetadata(reminderMetadata(['reached-slack'])),
    });

    const report = await dispatcherFor(handle.db, fake, { instanceId: 'restarted' }).runOnce(at(now, LEASE + 1000));

    expect(report).toMatchObject({ recovered: 1, claimed: 2, sent: 3 });
    expect(postsPerKey(fake)).toEqual(new Map([['reached-slack', 1], ['never-posted', 1], ['never-targeted', 1]]));
    expect(fake.messagesIn('CKILL').map((message) => reminderKeysOf(message))).toEqual([['reached-slack'], ['never-posted']]);
    expect(await notificationByKey(handle.db, 'reached-slack')).toMatchObject({ status: 'sent', sentTs: posted.ts, claimedBy: 'restarted' });
    expect(await notificationByKey(handle.db, 'never-posted')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await notificationByKey(handle.db, 'never-targeted')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('leaves a claim alone while its lease runs', async () => {
    const now = new Date();
    const accountId = await insertAccount(handle.db, 'CBUSYX');
    await insertNotifications(handle.db, [{ key: 'in-flight', dueAt: now, accountId, channelId: 'CBUSYX' }]);
    await leaveClaimed('in-flight', now, 'CBUSYX');

    const report = await dispatcherFor(handle.db, fake).runOnce(at(now, LEASE - 1000));

    expect(report).toMatchObject({ claimed: 0, recovered: 0, sent: 0 });
    expect(fake.callsTo('conversations.history')).toHaveLength(0);
    expect(await notificationByKey(handle.db, 'in-flight')).toMatchObject({ status: 'sending', claimedBy: 'dead-dispatcher' });
  });
});
