/**
 * The minute job keeps Homes fresh too: `npm start`'s first clock pass opens an account's tasks,
 * and the Home of a CSM who has been looking at theirs is published with them, without the tab
 * being opened again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import * as schema from '../../src/db/schema';
import { accountMembers, accounts, homeViewers } from '../../src/db/schema';
import { dayIn } from '../../src/domain/calendar-day';
import { type Started, startBot } from '../support/bot-process';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { migratedPgliteDump } from '../support/test-databases';

const CSM = 'U0HOMEJOB1';

describe('the running bot on a PGlite data directory', { timeout: 180_000 }, () => {
  let fake: FakeSlack | null = null;
  let bot: Started | null = null;

  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await fake?.close();
  });

  it('publishes the CSM’s Home once its clock pass opens the account’s tasks', async () => {
    fake = await startFakeSlack();
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-bot-home-')), 'pglite');
    const client = await PGlite.create(dataDir, { loadDataDir: await migratedPgliteDump() });
    const db = drizzle(client, { schema }) as unknown as Database;
    // Due for its first replan, so the pass at start plans it; its contract starts today.
    const [account] = await db
      .insert(accounts)
      .values({ name: 'Job Home Corp', nameKey: 'job home corp', contractStart: dayIn(new Date(), 'UTC') })
      .returning();
    if (!account) throw new Error('account insert returned nothing');
    await db.insert(accountMembers).values({ accountId: account.id, role: 'CSM', slackUserId: CSM });
    // The CSM opened their Home an hour ago and may still have it open.
    await db.insert(homeViewers).values({ userId: CSM, openedAt: new Date(Date.now() - 3_600_000) });
    await client.close();

    bot = startBot({
      SLACK_BOT_TOKEN: 'xoxb-home-test',
      SLACK_SIGNING_SECRET: 'home-secret',
      SLACK_API_URL: fake.url,
      PORT: '0',
      PGLITE_DATA_DIR: dataDir,
    });
    const published = await fake.waitForCall(
      'views.publish',
      (call) => call.args.user_id === CSM && JSON.stringify(call.args.view).includes('Onboarding 1/10: Welcome'),
      150_000,
    );
    expect(JSON.stringify(published.args.view)).toContain('*Job Home Corp*');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});
