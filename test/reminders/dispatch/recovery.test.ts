import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/database';
import { keepSession, type SessionBackend } from '../../../src/db/held-session';
import * as schema from '../../../src/db/schema';
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
  async function leaveClaimed(
    key: string,
    claimedAt: Date,
    sentChannel: string | null,
    holder: SessionBackend | null = null,
  ): Promise<void> {
    await world.handle.db
      .update(notifications)
      .set({
        status: 'sending',
        claimedAt,
        claimedBy: 'dead-dispatcher',
        attempts: 1,
        sentChannel,
        claimBackendPid: holder?.pid ?? null,
        claimBackendStart: holder?.startedAt ?? null,
      })
      .where(eq(notifications.key, key));
  }

  /**
   * The session of another process on this database, held open: on PostgreSQL a connection of
   * its own (what keepSession opens for a second pool on the same server); on PGlite, where one
   * process at a time has the database, the one backend there is.
   */
  async function anotherSession(): Promise<{ backend: SessionBackend; end(): Promise<void> }> {
    if (engine.name === 'pglite') {
      const [row] = await queryRows<{ pid: number; started_at: string }>(
        world.handle.db,
        sql`select pid, backend_start::text as started_at from pg_stat_activity where pid = pg_backend_pid()`,
      );
      if (!row) throw new Error('PGlite shows no backend');
      return { backend: { pid: row.pid, startedAt: row.started_at }, end: async () => {} };
    }
    const pool = (world.handle.db as unknown as { $client: postgres.Sql }).$client;
    const keeper = keepSession(drizzle(pool, { schema }) as unknown as typeof world.handle.db);
    const { backend } = await keeper.current();
    return { backend, end: () => keeper.release() };
  }

  /**
   * A holder that is gone. PostgreSQL: a session that was held, then ended by the server as when
   * its process is killed. PGlite: the backend of an earlier start of this data directory.
   */
  async function goneHolder(): Promise<SessionBackend> {
    const other = await anotherSession();
    if (engine.name === 'pglite') {
      const [row] = await queryRows<{ started_at: string }>(
        world.handle.db,
        sql`select (${other.backend.startedAt}::timestamptz - interval '1 minute')::text as started_at`,
      );
      return { pid: other.backend.pid, startedAt: row?.started_at ?? '' };
    }
    await world.handle.db.execute(sql`select pg_terminate_backend(${other.backend.pid}, 5000)`);
    await other.end();
    return other.backend;
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

  it("recovers a gone holder's claims on the next pass without waiting for the lease, recording what reached Slack and posting the rest once", async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CGONE');
    await insertNotifications(world.handle.db, [
      { key: 'posted-before-dying', dueAt: at(now, -minutes(3)), accountId, channelId: 'CGONE' },
      { key: 'not-posted', dueAt: at(now, -minutes(2)), accountId, channelId: 'CGONE' },
      { key: 'not-targeted', dueAt: at(now, -minutes(1)), recipientUser: 'UDANA' },
    ]);
    const dead = await goneHolder();
    await leaveClaimed('posted-before-dying', now, 'CGONE', dead);
    await leaveClaimed('not-posted', now, 'CGONE', dead);
    await leaveClaimed('not-targeted', now, null, dead);
    const posted = await slackClientFor(world.fake).chat.postMessage({
      channel: 'CGONE',
      text: 'reminder posted-before-dying',
      metadata: slackMetadata(reminderMetadata(['posted-before-dying'])),
    });

    // A moment after the kill, far inside the lease; PostgreSQL's grace shortened to keep the test quick.
    const report = await dispatcherFor(world.handle.db, world.fake, {
      instanceId: 'restarted',
      options: { goneHolderGraceMs: 200 },
    }).drain(at(now, 1000));

    expect(report).toMatchObject({ recovered: 1, claimed: 2, sent: 3 });
    expect(world.fake.callsTo('conversations.history').length).toBeGreaterThan(0);
    expect(postsPerKey(world.fake)).toEqual(
      new Map([
        ['posted-before-dying', 1],
        ['not-posted', 1],
        ['not-targeted', 1],
      ]),
    );
    expect(await notificationByKey(world.handle.db, 'posted-before-dying')).toMatchObject({
      status: 'sent',
      sentTs: posted.ts,
      claimedBy: 'restarted',
    });
    expect(await notificationByKey(world.handle.db, 'not-posted')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it("leaves a live holder's claims alone until their lease, then recovers them through history", async () => {
    const now = new Date();
    const accountId = await insertAccount(world.handle.db, 'CLIVE');
    await insertNotifications(world.handle.db, [{ key: 'held', dueAt: now, accountId, channelId: 'CLIVE' }]);
    const alive = await anotherSession();
    try {
      await leaveClaimed('held', now, 'CLIVE', alive.backend);

      const early = await dispatcherFor(world.handle.db, world.fake, {
        options: { goneHolderGraceMs: 0 },
      }).drain(at(now, LEASE - 1000));
      const historyReadsEarly = world.fake.callsTo('conversations.history').length;
      const stillHeld = await notificationByKey(world.handle.db, 'held');
      const late = await dispatcherFor(world.handle.db, world.fake, {
        options: { goneHolderGraceMs: 0 },
      }).drain(at(now, LEASE + 1000));

      expect(early).toMatchObject({ claimed: 0, recovered: 0, sent: 0 });
      expect(historyReadsEarly).toBe(0);
      expect(stillHeld).toMatchObject({ status: 'sending', claimedBy: 'dead-dispatcher' });
      expect(late).toMatchObject({ recovered: 0, claimed: 1, sent: 1 });
      expect(world.fake.callsTo('conversations.history').length).toBeGreaterThan(0);
      expect(postsPerKey(world.fake)).toEqual(new Map([['held', 1]]));
    } finally {
      await alive.end();
    }
  });

  it.runIf(engine.name === 'postgres')(
    'stops posting when the session its claims name is lost, and the next run sends the rest once',
    async () => {
      const now = new Date();
      const accountId = await insertAccount(world.handle.db, 'CCUT');
      const keys = Array.from({ length: 8 }, (_, index) => `cut-${index}`);
      await insertNotifications(
        world.handle.db,
        keys.map((key, index) => ({ key, dueAt: at(now, -index), accountId, channelId: 'CCUT' })),
      );
      world.fake.delay('chat.postMessage', 100);

      const cut = dispatcherFor(world.handle.db, world.fake, { instanceId: 'cut-off' }).drain(now);
      await world.fake.waitForCall('chat.postMessage');
      // What a server restart or a proxy cutting the connection does to the session.
      await world.handle.db.execute(sql`
        select pg_terminate_backend(pid, 5000) from pg_stat_activity
        where application_name = 'cs-bot claim holder' and datname = current_database()`);
      const first = await cut;
      const postsBeforeNextRun = world.fake.callsTo('chat.postMessage').length;
      const second = await dispatcherFor(world.handle.db, world.fake, { instanceId: 'next' }).drain(now);

      expect(postsBeforeNextRun).toBeLessThan(keys.length);
      expect(first.retried).toBeGreaterThan(0);
      expect(first.sent + second.sent).toBe(keys.length);
      expect(postsPerKey(world.fake)).toEqual(new Map(keys.map((key) => [key, 1])));
      const rows = await Promise.all(keys.map((key) => notificationByKey(world.handle.db, key)));
      expect(rows.every((row) => row.status === 'sent')).toBe(true);
    },
  );

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
