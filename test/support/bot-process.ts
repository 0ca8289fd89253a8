/** The bot as a child process, started the way `npm start` starts it, for tests that kill or stop it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startNodeFlags } from './start-command';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `src/main.ts` the way `npm start` does, with a clean environment of our choosing. */
export function startBot(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [...startNodeFlags(), 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

export async function waitForOutput(started: Started, pattern: RegExp, timeoutMs = 90_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = started.output().match(pattern);
    if (match) return match;
    if (started.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Did not see ${pattern} in time. Output:\n${started.output()}`);
}
