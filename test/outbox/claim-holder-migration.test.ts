import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import { MIGRATIONS_FOLDER, migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import { notifications } from '../../src/db/schema';
import { createOutboxStore } from '../../src/outbox';
import { createPostgresDatabaseUrl } from '../support/test-databases';

const HOLDER_MIGRATION = '0007_claim_holder';

/** The committed migrations up to (not including) the one that records claim holders. */
function migrationsBefore(tag: string): { folder: string; left: number; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'cs-bot-migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return {
    folder,
    left: journal.entries.length - cut,
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

const engines: Array<{ name: string; open(): Promise<DatabaseHandle & { drop(): Promise<void> }> }> = [
  {
    name: 'pglite',
    async open() {
      const handle = await openDatabase({ kind: 'pglite-memory' });
      return { ...handle, drop: async () => {} };
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: 'postgres',
          async open() {
            const shared = await createPostgresDatabaseUrl(process.env.TEST_DATABASE_URL ?? '');
            const handle = await openDatabase({ kind: 'postgres', url: shared.url });
            return { ...handle, drop: shared.drop };
          },
        },
      ]
    : []),
];

describe.each(engines)('the claim holder migration on $name', { timeout: 60_000 }, (engine) => {
  it('applies under rows in flight, which keep their claim and wait for the lease as before', async () => {
    const before = migrationsBefore(HOLDER_MIGRATION);
    const handle = await engine.open();
    try {
      await migrate(handle.db, before.folder);
      const claimedAt = new Date();
      // A row an older version of the bot had claimed when it was stopped for the upgrade.
      await handle.db.execute(sql`
        insert into notifications (key, kind, channel_id, due_at, status, attempts, claimed_at, claimed_by, sent_channel)
        values ('in-flight', 'task_opened', 'CUPGRADE', now(), 'sending', 1, ${claimedAt.toISOString()}::timestamptz,
          'old-version', 'CUPGRADE')`);

      const applied = await migrate(handle.db);

      const store = createOutboxStore({ db: handle.db, instanceId: 'upgraded' });
      const holder = { pid: 1, startedAt: claimedAt.toISOString() };
      const [row] = await handle.db.select().from(notifications).where(eq(notifications.key, 'in-flight'));
      // This migration and every one committed after it.
      expect(applied).toBe(before.left);
      expect(row).toMatchObject({ status: 'sending', claimedBy: 'old-version', claimBackendPid: null });
      expect(await store.goneHolders()).toEqual([]);
      expect(await store.claimStale(claimedAt, { leaseMs: 60_000, limit: 10, goneHolders: [], holder })).toEqual([]);
      const later = new Date(claimedAt.getTime() + 60_001);
      const [taken] = await store.claimStale(later, { leaseMs: 60_000, limit: 10, goneHolders: [], holder });
      expect(taken?.row).toMatchObject({ key: 'in-flight', claimedBy: 'upgraded', claimBackendPid: 1 });
    } finally {
      await handle.close();
      await handle.drop();
      before.remove();
    }
  });
});
