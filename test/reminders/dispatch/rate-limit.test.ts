import { describe, expect, it } from 'vitest';
import type { FakeSlack, RecordedCall } from '../../support/fake-slack';
import { testDatabases } from '../../support/test-databases';
import {
  at,
  dispatcherFor,
  insertAccount,
  insertNotifications,
  notificationByKey,
  postsPerKey,
  useDispatchWorld,
} from './dispatch-fixtures';

const postsTo = (fake: FakeSlack, channel: string): RecordedCall[] =>
  fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);

describe.each(testDatabases())('reminders under Slack rate limits on $name', (engine) => {
  const world = useDispatchWorld(engine);

  async function seedTwoChannels(now: Date): Promise<void> {
    const limited = await insertAccount(world.handle.db, 'CLIMITED');
    const free = await insertAccount(world.handle.db, 'CFREE');
    await insertNotifications(world.handle.db, [
      ...[0, 1, 2].map((index) => ({
        key: `limited-${index}`,
        dueAt: at(now, -index * 1000),
        accountId: limited,
        channelId: 'CLIMITED',
      })),
      ...[0, 1, 2].map((index) => ({
        key: `free-${index}`,
        dueAt: at(now, -index * 1000),
        accountId: free,
        channelId: 'CFREE',
      })),
    ]);
  }

  it('waits out a 429 on one channel only, retrying after Retry-After while the other channels keep flowing', async () => {
    const now = new Date();
    await seedTwoChannels(now);
    world.fake.rateLimit('chat.postMessage', { channel: 'CLIMITED', retryAfterSeconds: 1, times: 2 });

    const report = await dispatcherFor(world.handle.db, world.fake).drain(now);

    expect(report).toMatchObject({ claimed: 6, sent: 6, rateLimited: 2, retried: 0 });
    expect([...postsPerKey(world.fake).values()]).toEqual([1, 1, 1, 1, 1, 1]);
    const limited = postsTo(world.fake, 'CLIMITED');
    const [firstRefused, secondRefused, firstAccepted] = limited;
    expect(limited.map((call) => call.httpStatus)).toEqual([429, 429, 200, 200, 200]);
    // Each retry honoured Retry-After…
    expect(secondRefused!.at - firstRefused!.at).toBeGreaterThanOrEqual(950);
    expect(firstAccepted!.at - secondRefused!.at).toBeGreaterThanOrEqual(950);
    // …while the other channel was done before the limited one got its first message through.
    const free = postsTo(world.fake, 'CFREE');
    expect(free).toHaveLength(3);
    expect(Math.max(...free.map((call) => call.at))).toBeLessThan(firstAccepted!.at);
    expect(world.fake.messagesIn('CLIMITED')).toHaveLength(3);
  });

  it('puts a channel back, rows queued later included, until a Retry-After longer than it will wait has passed', async () => {
    const now = new Date();
    await seedTwoChannels(now);
    world.fake.rateLimit('chat.postMessage', { channel: 'CLIMITED', retryAfterSeconds: 120 });
    const dispatcher = dispatcherFor(world.handle.db, world.fake);

    const first = await dispatcher.drain(now);
    const waiting = await notificationByKey(world.handle.db, 'limited-2');
    // Queued for the same channel meanwhile: it waits out the channel's Retry-After too.
    await insertNotifications(world.handle.db, [
      { key: 'limited-new', dueAt: at(now, 1000), accountId: waiting.accountId, channelId: 'CLIMITED' },
    ]);
    const tooEarly = await dispatcher.drain(at(now, 60_000));
    const after = await dispatcher.drain(at(now, 121_000));

    expect(first).toMatchObject({ sent: 3, rateLimited: 1, retried: 3 });
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0, sentChannel: null });
    expect(waiting.notBefore?.getTime()).toBeGreaterThanOrEqual(now.getTime() + 120_000);
    expect(waiting.notBefore?.getTime()).toBeLessThan(now.getTime() + 121_000);
    expect(tooEarly.claimed).toBe(0);
    expect(after).toMatchObject({ claimed: 4, sent: 4 });
    expect(postsPerKey(world.fake)).toEqual(
      new Map(
        ['free-2', 'free-1', 'free-0', 'limited-2', 'limited-1', 'limited-0', 'limited-new'].map((key) => [key, 1]),
      ),
    );
    expect(world.fake.callsTo('chat.postMessage').filter((call) => call.httpStatus === 429)).toHaveLength(1);
  });
});
