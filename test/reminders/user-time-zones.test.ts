import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import { slackUsers } from '../../src/db/schema';
import { createUserTimeZones } from '../../src/reminders/user-time-zones';
import { testDatabases } from '../support/test-databases';

describe.each(testDatabases())('each person’s time zone on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.create();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('reads fresh zones from the shared cache, asks Slack only for the others, and then answers from memory', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    await handle.db.insert(slackUsers).values([
      { userId: 'U0FRESH001', timeZone: 'Asia/Tokyo', fetchedAt: new Date('2026-03-02T01:00:00Z') },
      { userId: 'U0STALE001', timeZone: 'Europe/London', fetchedAt: new Date('2026-02-20T00:00:00Z') },
    ]);
    const asked: string[] = [];
    const slack = {
      users: {
        async info({ user }: { user: string }) {
          asked.push(user);
          return { user: { tz: user === 'U0STALE001' ? 'America/New_York' : 'Not/AZone' } };
        },
      },
    };
    const timeZonesOf = createUserTimeZones({ db: handle.db, slack, fallbackZone: 'Europe/Berlin' });

    const zones = await timeZonesOf(['U0FRESH001', 'U0STALE001', 'U0NEW00001', 'U0FRESH001'], now);

    expect(Object.fromEntries(zones)).toEqual({
      U0FRESH001: 'Asia/Tokyo',
      U0STALE001: 'America/New_York',
      U0NEW00001: 'Europe/Berlin',
    });
    expect(asked.sort()).toEqual(['U0NEW00001', 'U0STALE001']);
    const [stale] = (await handle.db.select().from(slackUsers)).filter((row) => row.userId === 'U0STALE001');
    expect(stale).toMatchObject({ timeZone: 'America/New_York', fetchedAt: now });

    await handle.db.delete(slackUsers);
    const again = await timeZonesOf(['U0FRESH001', 'U0STALE001'], new Date(now.getTime() + 60_000));
    expect(Object.fromEntries(again)).toEqual({ U0FRESH001: 'Asia/Tokyo', U0STALE001: 'America/New_York' });
    expect(asked).toHaveLength(2);
  });
});
