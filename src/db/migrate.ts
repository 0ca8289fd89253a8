import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { bigint, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import type { Database } from './database';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

// The same journal table drizzle-kit's own migrator keeps, so `drizzle-kit migrate` agrees with us.
const drizzleSchema = pgSchema('drizzle');
const migrationJournal = drizzleSchema.table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

// Any fixed number works; it only has to be the same in every replica.
const MIGRATION_LOCK_KEY = 7_310_442_019;

/**
 * Applies the committed migrations that this database has not seen. Replicas starting at once
 * queue on a transaction-scoped advisory lock, so each migration runs exactly once.
 * Returns how many migrations were applied.
 */
export async function migrate(db: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(
      sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
    );
    const applied = await tx.select({ createdAt: migrationJournal.createdAt }).from(migrationJournal);
    const lastApplied = Math.max(0, ...applied.map((row) => Number(row.createdAt ?? 0)));
    let count = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= lastApplied) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.insert(migrationJournal).values({ hash: migration.hash, createdAt: migration.folderMillis });
      count += 1;
    }
    return count;
  });
}
