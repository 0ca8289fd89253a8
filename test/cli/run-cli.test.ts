import { describe, expect, it } from 'vitest';
import { ACCOUNT_CSV_COLUMNS } from '../../src/accounts/account-csv';
import type { CliCommand } from '../../src/cli/command';
import { type RunCliDeps, runCli } from '../../src/cli/run-cli';
import type { DatabaseHandle } from '../../src/db/database';
import { DataDirectoryLockedError } from '../../src/db/pglite-lock';
import { testDatabases } from '../support/test-databases';
import { NOW, TIME_ZONE } from './cli-harness';

/** Deps whose database must never be opened: usage mistakes are caught before that. */
function withoutDatabase(overrides: Partial<RunCliDeps> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let opened = 0;
  const deps: RunCliDeps = {
    openDatabase: async () => {
      opened += 1;
      throw new Error('the database should not have been opened');
    },
    readFile: async () => '',
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    now: () => NOW,
    timeZone: TIME_ZONE,
    ...overrides,
  };
  return { deps, stdout, stderr, opened: () => opened };
}

describe('runCli usage', () => {
  it('prints the usage with every command and every CSV column on --help and exits 0', async () => {
    const { deps, stdout, stderr, opened } = withoutDatabase();
    expect(await runCli(['--help'], deps)).toBe(0);
    const text = stdout.join('\n');
    for (const command of ['migrate', 'seed-demo', 'accounts import <file.csv>', 'accounts list']) {
      expect(text).toContain(command);
    }
    for (const column of ACCOUNT_CSV_COLUMNS) expect(text).toMatch(new RegExp(`^  ${column.name}\\s`, 'm'));
    expect(stderr).toEqual([]);
    expect(opened()).toBe(0);
  });

  it('prints the usage to stderr and exits 2 when no command is given', async () => {
    const { deps, stdout, stderr } = withoutDatabase();
    expect(await runCli([], deps)).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr[0]).toBe('Usage: npm run cs -- <command> [arguments]');
  });

  it('names an unknown command, lists the commands and exits 2 without opening the database', async () => {
    const { deps, stderr, opened } = withoutDatabase();
    expect(await runCli(['frobnicate'], deps)).toBe(2);
    expect(stderr[0]).toBe('Unknown command "frobnicate".');
    expect(stderr.join('\n')).toContain('accounts import <file.csv>');
    expect(opened()).toBe(0);
  });

  it('lists the subcommands when only a command group is given', async () => {
    const { deps, stderr } = withoutDatabase();
    expect(await runCli(['accounts'], deps)).toBe(2);
    expect(stderr[0]).toBe('"accounts" needs one of: import, list, export, close.');
  });

  it('reports a missing or extra argument with the command usage before opening the database', async () => {
    const missing = withoutDatabase();
    expect(await runCli(['accounts', 'import'], missing.deps)).toBe(2);
    expect(missing.stderr).toEqual([
      'accounts import: the CSV file to read is missing.',
      'Usage: npm run cs -- accounts import <file.csv>',
    ]);
    const extra = withoutDatabase();
    expect(await runCli(['migrate', 'now'], extra.deps)).toBe(2);
    expect(extra.stderr[0]).toBe('migrate: unexpected argument "now".');
    expect(missing.opened() + extra.opened()).toBe(0);
  });

  it('names an unknown option, a missing value or a value given to a flag in one line before opening the database', async () => {
    const cases: [string[], string][] = [
      [['sweep', '--dry-rum'], 'sweep: unknown option --dry-rum.'],
      [['sweep', '--dry-run', '--at'], 'sweep: --at needs a value.'],
      [['sweep', '--json=yes'], 'sweep: --json takes no value.'],
      [['accounts', 'list', '--all'], 'accounts list: unknown option --all.'],
      [['accounts', 'import', '--force', 'a.csv'], 'accounts import: unknown option --force.'],
    ];
    for (const [argv, message] of cases) {
      const { deps, stdout, stderr, opened } = withoutDatabase();
      expect(await runCli(argv, deps)).toBe(2);
      expect(stderr).toEqual([message, expect.stringMatching(/^Usage: npm run cs -- /)]);
      expect(stdout).toEqual([]);
      expect(opened()).toBe(0);
    }
  });

  it('refuses an --at that is not an instant with a zone, written either way, before opening the database', async () => {
    for (const argv of [
      ['sweep', '--at', 'tomorrow'],
      ['sweep', '--at=2026-04-01T07:00'],
      ['sweep', '--at=2026-02-30T07:00:00Z'],
    ]) {
      const { deps, stderr, opened } = withoutDatabase();
      expect(await runCli(argv, deps)).toBe(2);
      expect(stderr[0]).toMatch(
        /^sweep: --at needs an ISO instant with a zone, like 2026-12-01T09:00:00Z \(got ".+"\)\.$/,
      );
      expect(stderr[1]).toBe('Usage: npm run cs -- sweep [--at <ISO instant>] [--full] [--dry-run] [--json]');
      expect(opened()).toBe(0);
    }
  });

  it('explains a locked embedded database once: the CLI and the bot take turns, or share DATABASE_URL', async () => {
    const { deps, stdout, stderr } = withoutDatabase({
      openDatabase: async () => {
        throw new DataDirectoryLockedError('/srv/cs/.data/pglite', 4242);
      },
    });
    expect(await runCli(['migrate'], deps)).toBe(1);
    expect(stdout).toEqual([]);
    expect(stderr).toEqual([
      expect.stringMatching(
        /^The embedded database at \/srv\/cs\/\.data\/pglite is in use by another cs-bot process \(pid 4242\).*take turns.*DATABASE_URL/,
      ),
    ]);
  });
});

describe.each(testDatabases())('runCli on $name', (engine) => {
  it('dispatches to a command added as one more table entry, and closes the database even when it fails', async () => {
    const handle = await engine.create();
    let closed = 0;
    const seen: string[][] = [];
    const sweep: CliCommand = {
      words: ['sweep'],
      arguments: '--at <ISO>',
      summary: 'Run the reminder sweep.',
      prepare: (args) => ({
        run: async ({ stdout }) => {
          seen.push([...args]);
          stdout('swept');
          throw new Error('sweep broke');
        },
      }),
    };
    const tracked: DatabaseHandle = {
      ...handle,
      close: async () => {
        closed += 1;
      },
    };
    try {
      const { deps, stdout } = withoutDatabase({ openDatabase: async () => tracked, commands: [sweep] });
      await expect(runCli(['sweep', '--at', '2026-03-15T09:00:00Z'], deps)).rejects.toThrow('sweep broke');
      expect(seen).toEqual([['--at', '2026-03-15T09:00:00Z']]);
      expect(stdout).toEqual(['swept']);
      expect(closed).toBe(1);
    } finally {
      await handle.close();
    }
  });
});
