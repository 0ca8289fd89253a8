import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import { createPostgresDatabaseUrl, testDatabases } from '../support/test-databases';

describe.each(testDatabases())('migrations on $name', (engine) => {
  it('applies every committed migration once and nothing on a second run', async () => {
    const handle = await engine.create();
    try {
      expect(await migrate(handle.db)).toBe(0);
      const tables = await queryRows<{ table_name: string }>(
        handle.db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      const names = tables.map((row) => row.table_name);
      expect(names).toEqual(expect.arrayContaining(['accounts', 'account_members', 'activities']));
    } finally {
      await handle.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('migrations on a shared PostgreSQL', () => {
  it('lets two replicas that start at once both migrate without a clash', async () => {
    const target = await createPostgresDatabaseUrl(process.env.TEST_DATABASE_URL!);
    const first = await openDatabase({ kind: 'postgres', url: target.url });
    const second = await openDatabase({ kind: 'postgres', url: target.url });
    try {
      const applied = await Promise.all([migrate(first.db), migrate(second.db)]);
      const [fewer, more] = [...applied].sort((a, b) => a - b);
      expect(fewer).toBe(0);
      expect(more).toBeGreaterThan(0);
    } finally {
      await first.close();
      await second.close();
      await target.drop();
    }
  });
});
