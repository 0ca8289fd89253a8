import { describe, expect, it } from 'vitest';
import { quietAccounts } from '../../src/reports/quiet-accounts';
import { reportAccount } from './fixtures';

describe('accounts with no activity in 30 days', () => {
  it('lists those last touched more than 30 days ago or never, never touched first, then the longest quiet', () => {
    const never = reportAccount({ name: 'Never' });
    const thirtyOne = reportAccount({ name: 'Thirty One' });
    const thirty = reportAccount({ name: 'Thirty' });
    const sixty = reportAccount({ name: 'Sixty' });
    const today = reportAccount({ name: 'Today' });
    const latest = new Map([
      // 2 Dec 2026 − 31 days = 1 Nov; − 30 days = 2 Nov (still recent); − 60 days = 3 Oct.
      [thirtyOne.id, '2026-11-01'],
      [thirty.id, '2026-11-02'],
      [sixty.id, '2026-10-03'],
      [today.id, '2026-12-02'],
    ]);
    expect(
      quietAccounts([never, thirtyOne, thirty, sixty, today], latest, '2026-12-02').map((quiet) => [
        quiet.account.name,
        quiet.lastActivityOn,
      ]),
    ).toEqual([
      ['Never', null],
      ['Sixty', '2026-10-03'],
      ['Thirty One', '2026-11-01'],
    ]);
  });
});
