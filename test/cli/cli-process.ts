import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<ProcessResult> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
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

/** Runs the real entry point the way `npm run cs` does, in a child process, without npm itself. */
export function runMain(args: string[], env: Record<string, string>): Promise<ProcessResult> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], env);
}

/** Runs `npm run -s cs -- <args>`, the form the README gives for scripts. */
export function runNpmSilent(args: string[], env: Record<string, string>): Promise<ProcessResult> {
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'cs', '--', ...args], env);
}
