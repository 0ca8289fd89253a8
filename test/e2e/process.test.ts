import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, startBot, waitForOutput } from '../support/bot-process';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';

// Each test cold-starts tsx and PGlite in a child process: minutes are a safety net on a busy machine.
describe('the bot as a process (npm start)', { timeout: 180_000 }, () => {
  let fake: FakeSlack;
  const dataDir = join(mkdtempSync(join(tmpdir(), 'cs-bot-proc-')), 'pglite');
  let first: Started;

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    if (first?.child.exitCode === null) first.child.kill('SIGKILL');
    await fake.close();
  });

  const env = () => ({
    SLACK_BOT_TOKEN: 'xoxb-process-test',
    SLACK_SIGNING_SECRET: 'process-secret',
    SLACK_API_URL: fake.url,
    PORT: '0',
    PGLITE_DATA_DIR: dataDir,
  });

  it('starts on embedded PGlite with no server, migrates, and answers /healthz', async () => {
    first = startBot(env());
    const [, port] = await waitForOutput(first, /HTTP on port (\d+)/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(existsSync(dataDir)).toBe(true);
  });

  it('refuses a second process on the same PGlite data directory with a clear message', async () => {
    const second = startBot(env());
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('is in use by another cs-bot process');
    expect(second.output()).toContain('DATABASE_URL');
  });

  it('stops cleanly on SIGTERM and releases the data directory for the next start', async () => {
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const again = startBot(env());
    await waitForOutput(again, /HTTP on port (\d+)/);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('fails fast with a message naming the variable when the configuration is wrong', async () => {
    const broken = startBot({ ...env(), SLACK_BOT_TOKEN: '', CS_TIMEZONE: 'Nowhere/Land' });
    expect(await broken.exited).toBe(1);
    expect(broken.output()).toContain('SLACK_BOT_TOKEN');
    expect(broken.output()).toContain('CS_TIMEZONE must be an IANA time zone');
  });

  it('says in one line, naming DATABASE_URL and without its password, when the database cannot be reached', async () => {
    const unreachable = startBot({ ...env(), DATABASE_URL: 'postgres://cs:s3cret@127.0.0.1:1/nowhere' });
    expect(await unreachable.exited).toBe(1);
    // The one other line is the start-up warning that CS_ADMINS is empty.
    const lines = unreachable
      .output()
      .trimEnd()
      .split('\n')
      .filter((line) => !line.includes('CS_ADMINS'));
    expect(lines).toEqual([expect.stringContaining('cannot reach the database in DATABASE_URL (127.0.0.1:1/nowhere)')]);
    expect(unreachable.output()).not.toContain('s3cret');
  });

  it('refuses an empty PORT with a line naming it instead of listening on a random port', async () => {
    const empty = startBot({ ...env(), PORT: '' });
    expect(await empty.exited).toBe(1);
    expect(empty.output()).toContain('PORT must be a port number');
  });
});
