import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabaseUrl } from '../support/test-databases';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cs-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real entry point the way `npm run cs` does, in a child process. */
function runMain(args: string[], env: Record<string, string>): Promise<ProcessResult> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: REPO_ROOT,
      // DATABASE_URL is set empty rather than only left out: a developer's .env could otherwise
      // fill it in, and an empty value means "not set" to the config schema.
      env: { ...inherited, DATABASE_URL: '', CS_TIMEZONE: 'UTC', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

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
