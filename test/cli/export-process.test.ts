import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNpmSilent } from './cli-process';

const scratch = mkdtempSync(join(tmpdir(), 'cs-export-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('exports through npm run -s', () => {
  it('put on stdout exactly the bytes --out writes, so `> accounts.csv` makes the same CRLF file', async () => {
    const env = { PGLITE_DATA_DIR: join(scratch, 'pglite') };
    expect((await runNpmSilent(['seed-demo'], env)).code).toBe(0);
    const out = join(scratch, 'accounts.csv');
    const written = await runNpmSilent(['accounts', 'export', '--out', out], env);
    expect(written.code).toBe(0);
    const piped = await runNpmSilent(['accounts', 'export'], env);
    expect(piped).toMatchObject({ code: 0, stderr: '' });
    const file = readFileSync(out, 'utf8');
    expect(piped.stdout).toBe(file);
    expect(file.startsWith('name,channel_id,')).toBe(true);
    // Every line end is CRLF: no "\n" without its "\r" (the demo names hold no line breaks).
    expect(file.split('\r\n').length).toBeGreaterThan(2);
    expect(file.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  }, 180_000);
});
