import { describe, expect, it } from 'vitest';
import { parseArguments } from '../../src/cli/parse-arguments';

const SWEEP_LIKE = { options: { at: { type: 'string' }, 'dry-run': { type: 'boolean' } } } as const;

describe('parseArguments', () => {
  it('takes an option value after a space or after an equals sign', () => {
    expect(parseArguments(['--at', '2026-01-01T09:00Z'], SWEEP_LIKE)).toEqual({
      values: { at: '2026-01-01T09:00Z' },
      positionals: [],
    });
    expect(parseArguments(['--at=2026-01-01T09:00Z', '--dry-run'], SWEEP_LIKE)).toEqual({
      values: { at: '2026-01-01T09:00Z', 'dry-run': true },
      positionals: [],
    });
  });

  it('names the argument at fault in a single line', () => {
    const mistakes: [string[], string][] = [
      [['--dry-rum'], 'unknown option --dry-rum'],
      [['-n'], 'unknown option -n'],
      [['--at'], '--at needs a value'],
      [['--dry-run=no'], '--dry-run takes no value'],
      [['now'], 'unexpected argument "now"'],
      [
        ['--at', '--dry-run'],
        '--at needs a value, and "--dry-run" looks like an option (write --at=--dry-run if it is the value)',
      ],
    ];
    for (const [args, error] of mistakes) expect(parseArguments(args, SWEEP_LIKE)).toEqual({ error });
  });

  it('keeps positionals where the command takes them, and anything after -- as one', () => {
    expect(parseArguments(['Acme', 'Corp'], { allowPositionals: true })).toEqual({
      values: {},
      positionals: ['Acme', 'Corp'],
    });
    expect(parseArguments(['--', '--odd.csv'], { allowPositionals: true })).toEqual({
      values: {},
      positionals: ['--odd.csv'],
    });
    expect(parseArguments(['a.csv', '--force'], { allowPositionals: true })).toEqual({
      error: 'unknown option --force',
    });
  });
});
