import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../support/test-databases';
import {
  allNotifications,
  at,
  dispatcherFor,
  insertAccount,
  insertNotifications,
  type NotificationInput,
  postsPerKey,
  rateLimitedPosts,
  useDispatchWorld,
} from './dispatch-fixtures';

/** Short enough for a test, long enough that a channel posted faster than its pace would see a 429. */
const PACE_MS = 50;

describe.each(testDatabases())('a dispatcher run draining the outbox on $name', (engine) => {
  const world = useDispatchWorld(engine, { channelPostIntervalMs: PACE_MS });

  async function seed(now: Date, channels: string[], perChannel: number, prefix = 'row'): Promise<string[]> {
    const rows: NotificationInput[] = [];
    for (const channel of channels) {
      const accountId = await insertAccount(world.handle.db, channel);
      for (let index = 0; index < perChannel; index += 1) {
        rows.push({ key: `${prefix}-${channel}-${index}`, dueAt: at(now, -index), accountId, channelId: channel });
      }
    }
    await insertNotifications(world.handle.db, rows);
    return rows.map((row) => row.key);
  }

  it('sends every due row of six channels in one run, each once, at a pace Slack never refuses', async () => {
    const now = new Date();
    const channels = ['CDRAIN1', 'CDRAIN2', 'CDRAIN3', 'CDRAIN4', 'CDRAIN5', 'CDRAIN6'];
    const keys = await seed(now, channels, 10);

    const report = await dispatcherFor(world.handle.db, world.fake, {
      options: { perChannelIntervalMs: PACE_MS },
    }).drain(now);

    expect(report).toMatchObject({ claimed: 60, sent: 60, late: 0, failed: 0, retried: 0, rateLimited: 0 });
    expect([...postsPerKey(world.fake).keys()].sort()).toEqual([...keys].sort());
    expect([...postsPerKey(world.fake).values()].every((count) => count === 1)).toBe(true);
    expect(rateLimitedPosts(world.fake)).toBe(0);
    for (const channel of channels) expect(world.fake.messagesIn(channel)).toHaveLength(10);
    expect((await allNotifications(world.handle.db)).every((row) => row.status === 'sent')).toBe(true);
  });

  it('claims channel after channel as lanes free when it may work fewer channels at once than are due', async () => {
    const now = new Date();
    const channels = ['CFEW1', 'CFEW2', 'CFEW3', 'CFEW4', 'CFEW5'];
    const keys = await seed(now, channels, 3);

    const report = await dispatcherFor(world.handle.db, world.fake, {
      options: { perChannelIntervalMs: PACE_MS, maxLanes: 2 },
    }).drain(now);

    expect(report).toMatchObject({ claimed: 15, sent: 15 });
    expect([...postsPerKey(world.fake).keys()].sort()).toEqual([...keys].sort());
    expect(rateLimitedPosts(world.fake)).toBe(0);
  });

  it('joins the run in progress when called again, and that run also sends what was queued meanwhile', async () => {
    const now = new Date();
    const first = await seed(now, ['CJOIN1'], 4, 'early');
    const dispatcher = dispatcherFor(world.handle.db, world.fake, { options: { perChannelIntervalMs: PACE_MS } });

    const running = dispatcher.drain(now);
    await world.fake.waitForCall('chat.postMessage');
    const later = await seed(now, ['CJOIN2'], 3, 'later');
    const joined = dispatcher.drain(now);
    const report = await running;

    expect(joined).toBe(running);
    expect(report).toMatchObject({ claimed: 7, sent: 7 });
    expect([...postsPerKey(world.fake).keys()].sort()).toEqual([...first, ...later].sort());
    expect(await dispatcher.drain(now)).toMatchObject({ claimed: 0, sent: 0 });
  });

  it('gives the rows it has not posted back when stopped, and a later dispatcher sends each of them once', async () => {
    const now = new Date();
    const keys = await seed(now, ['CSTOP1'], 6);
    const dispatcher = dispatcherFor(world.handle.db, world.fake, {
      instanceId: 'stopping',
      options: { perChannelIntervalMs: PACE_MS },
    });

    const running = dispatcher.drain(now);
    await world.fake.waitForCall('chat.postMessage');
    await dispatcher.stop();
    const stopped = await running;
    const rest = await dispatcherFor(world.handle.db, world.fake, {
      instanceId: 'next',
      options: { perChannelIntervalMs: PACE_MS },
    }).drain(now);

    expect(stopped.sent).toBeLessThan(6);
    expect(stopped.sent + rest.sent).toBe(6);
    expect(await dispatcher.drain(now)).toMatchObject({ claimed: 0 });
    expect([...postsPerKey(world.fake).keys()].sort()).toEqual([...keys].sort());
    expect([...postsPerKey(world.fake).values()].every((count) => count === 1)).toBe(true);
  });
});
