import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import { createHomeViewerRepository } from '../../src/home/home-viewer-repository';
import { testDatabases } from '../support/test-databases';

describe.each(testDatabases())('who looks at their Home, on $name', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await engine.create();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('keeps the latest opening of each person and names those who opened theirs since a moment', async () => {
    const viewers = createHomeViewerRepository({ db: database.db });
    await viewers.recordOpened('U0ALICE001', new Date('2026-12-01T09:00:00Z'));
    await viewers.recordOpened('U0BOB00001', new Date('2026-11-28T09:00:00Z'));
    // A late write of an older opening does not move it back.
    await viewers.recordOpened('U0ALICE001', new Date('2026-11-20T09:00:00Z'));

    const since = new Date('2026-11-30T09:00:00Z');
    expect(await viewers.openedSince(['U0ALICE001', 'U0BOB00001', 'U0CAROL001'], since)).toEqual(['U0ALICE001']);
    await viewers.recordOpened('U0BOB00001', new Date('2026-12-01T10:00:00Z'));
    expect((await viewers.openedSince(['U0BOB00001', 'U0ALICE001', 'U0ALICE001'], since)).sort()).toEqual([
      'U0ALICE001',
      'U0BOB00001',
    ]);
    expect(await viewers.openedSince([], since)).toEqual([]);
  });
});
