import { describe, expect, it } from 'vitest';
import { readQuickLog } from '../../src/activities/quick-log-parser';
import { parseCsCommand } from '../../src/slack/cs-command';

describe('readQuickLog', () => {
  it('offers one reading per place a type word appears, leftmost first', () => {
    const readings = readQuickLog('Acme Call Center call talked about runners');
    expect(readings.map((r) => [r.accountText, r.type, r.notes])).toEqual([
      ['Acme', 'call', 'Center call talked about runners'],
      ['Acme Call Center', 'call', 'talked about runners'],
    ]);
  });

  it('reads multi-word types and keeps the notes exactly as typed', () => {
    const [reading] = readQuickLog('Globex cadence call Went well.\nNext: EBR prep');
    expect(reading).toMatchObject({ accountText: 'Globex', type: 'cadence_call', notes: 'Went well.\nNext: EBR prep' });
  });

  it('reads a renewal outcome and an accelerator type after their activity types', () => {
    expect(readQuickLog('Initech renewal at-risk budget cuts')[0]).toMatchObject({
      type: 'renewal_call',
      renewalOutcome: 'at_risk',
      notes: 'budget cuts',
    });
    expect(readQuickLog('Initech csa agile planning kickoff done')[0]).toMatchObject({
      type: 'csa_engagement',
      acceleratorType: 'Agile Planning',
      notes: 'kickoff done',
    });
  });

  it('pins the account part when it is quoted', () => {
    expect(readQuickLog('"Call Me Maybe Inc" email sent the deck')).toEqual([
      {
        accountText: 'Call Me Maybe Inc',
        type: 'email',
        renewalOutcome: null,
        acceleratorType: null,
        notes: 'sent the deck',
      },
    ]);
  });

  it('finds no reading when no type word follows the account', () => {
    expect(readQuickLog('Acme lunch with the team')).toEqual([]);
    expect(readQuickLog('call')).toEqual([]);
  });
});

describe('parseCsCommand', () => {
  it('sends an empty command, help and question marks to the guide', () => {
    expect(parseCsCommand('')).toEqual({ kind: 'help' });
    expect(parseCsCommand('  HELP ')).toEqual({ kind: 'help' });
  });

  it('opens the modal for a bare log and logs in one line otherwise', () => {
    expect(parseCsCommand('log')).toEqual({ kind: 'log-modal' });
    expect(parseCsCommand('log Acme call hi')).toEqual({ kind: 'log-quick', text: 'Acme call hi' });
  });

  it('tells account add apart from showing an account named by the rest of the text', () => {
    expect(parseCsCommand('account add')).toEqual({ kind: 'account-add' });
    expect(parseCsCommand('account Acme Corp')).toEqual({ kind: 'account-show', name: 'Acme Corp' });
    expect(parseCsCommand('account')).toEqual({ kind: 'account-help' });
  });

  it('reports the first word of an unknown subcommand', () => {
    expect(parseCsCommand('frobnicate now')).toEqual({ kind: 'unknown', word: 'frobnicate' });
  });
});
