import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDirectory } from '../../src/db/pglite-lock';
import { createPostgresDatabaseUrl } from '../support/test-databases';
import { runMain, runNpmSilent } from './cli-process';

const scratch = mkdtempSync(join(tmpdir(), 'cs-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the cs command line as a process', () => {
  it('migrates an embedded database in PGLITE_DATA_DIR, then finds it up to date', async () => {
    const env = { PGLITE_DATA_DIR: join(scratch, 'pglite') };
    const first = await runMain(['migrate'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied [1-9]\d* migration\(s\)\.\n$/);

    const second = await runMain(['migrate'], env);
    expect(second).toEqual({ code: 0, stdout: 'Database is up to date.\n', stderr: '' });
    // Two cold starts of tsx, and PGlite creating its data directory, take a while on a busy machine.
  }, 120_000);

  it('says once that the embedded database is in use when another process holds it, and exits non-zero', async () => {
    // openDatabase resolves the directory before locking it; the lock must be on the same path.
    const dataDir = resolve(scratch, 'held');
    const release = lockDataDirectory(dataDir);
    try {
      const run = await runMain(['accounts', 'list'], { PGLITE_DATA_DIR: dataDir });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.match(/is in use by another cs-bot process/g)).toHaveLength(1);
      expect(run.stderr.match(/DATABASE_URL/g)).toHaveLength(1);
      expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(`(pid ${process.pid})`)]);
    } finally {
      release();
    }
  }, 60_000);

  it('prints only JSON lines through npm run -s, so a sweep preview can be piped to jq', async () => {
    const env = { PGLITE_DATA_DIR: join(scratch, 'scripted') };
    const seeded = await runNpmSilent(['seed-demo'], env);
    expect(seeded.code).toBe(0);
    const preview = await runNpmSilent(['sweep', '--dry-run', '--json'], env);
    expect(preview.stderr).toBe('');
    expect(preview.code).toBe(0);
    expect(preview.stdout.endsWith('\n')).toBe(true);
    const lines = preview.stdout.slice(0, -1).split('\n');
    // The demo accounts have clocks running, so an empty preview would prove nothing.
    expect(lines.length).toBeGreaterThan(0);
    const summary = lines.pop();
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('due_at');
    expect(JSON.parse(summary ?? '')).toMatchObject({ summary: { messages_sent: 0 } });
  }, 120_000);

  it('refuses a bad CS_TIMEZONE with a message naming it', async () => {
    const run = await runMain(['migrate'], { PGLITE_DATA_DIR: join(scratch, 'unused'), CS_TIMEZONE: 'Mars/Olympus' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('CS_TIMEZONE must be an IANA time zone');
    expect(run.stdout).toBe('');
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL with a message naming it', async () => {
    const run = await runMain(['migrate'], { PGLITE_DATA_DIR: join(scratch, 'unused'), DATABASE_URL: 'mysql://db/cs' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('the cs command line as a process on PostgreSQL', () => {
  it('migrates the database named by DATABASE_URL and lists its accounts', async () => {
    const target = await createPostgresDatabaseUrl(process.env.TEST_DATABASE_URL ?? '');
    try {
      const env = { DATABASE_URL: target.url, PGLITE_DATA_DIR: join(scratch, 'unused') };
      const migrated = await runMain(['migrate'], env);
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toMatch(/^Applied [1-9]\d* migration\(s\)\.\n$/);
      const listed = await runMain(['accounts', 'list'], env);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^No accounts yet\./);
    } finally {
      await target.drop();
    }
  }, 120_000);
});
