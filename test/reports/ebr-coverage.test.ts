import { describe, expect, it } from 'vitest';
import { ebrCoverage } from '../../src/reports/ebr-coverage';
import { reportAccount, reportActivity } from './fixtures';

describe('EBR coverage', () => {
  it('splits Strategic accounts by an EBR dated in the contract year holding today', () => {
    const held = reportAccount({ name: 'Held', csmSegment: 'Strategic', contractStart: '2025-03-15' });
    const lastYear = reportAccount({ name: 'Last Year', csmSegment: 'Strategic', contractStart: '2025-03-15' });
    const meetingOnly = reportAccount({ name: 'Other Type', csmSegment: 'Strategic', contractStart: '2024-12-31' });
    const notStarted = reportAccount({ name: 'Not Started', csmSegment: 'Strategic', contractStart: '2027-01-01' });
    const noStart = reportAccount({ name: 'No Start', csmSegment: 'Strategic' });
    const growth = reportAccount({ name: 'Growth', csmSegment: 'Growth', contractStart: '2025-03-15' });
    const activities = [
      // Contract year 15 Mar 2026 – 14 Mar 2027 holds 2 Dec 2026: the first day counts.
      reportActivity({ accountId: held.id, type: 'ebr', occurredOn: '2026-03-15' }),
      reportActivity({ accountId: held.id, type: 'ebr', occurredOn: '2026-09-01' }),
      // The day before the contract year began: last year's.
      reportActivity({ accountId: lastYear.id, type: 'ebr', occurredOn: '2026-03-14' }),
      reportActivity({ accountId: meetingOnly.id, type: 'meeting', occurredOn: '2026-06-01' }),
      reportActivity({ accountId: growth.id, type: 'ebr', occurredOn: '2026-06-01' }),
    ];
    const coverage = ebrCoverage([held, lastYear, meetingOnly, notStarted, noStart, growth], activities, '2026-12-02');
    expect(coverage.held).toEqual([
      {
        account: { id: held.id, name: 'Held', csm: null },
        contractYear: { index: 1, firstDay: '2026-03-15', lastDay: '2027-03-14' },
        lastEbrOn: '2026-09-01',
      },
    ]);
    expect(coverage.missing.map((status) => [status.account.name, status.contractYear.firstDay])).toEqual([
      ['Last Year', '2026-03-15'],
      ['Other Type', '2025-12-31'],
    ]);
  });
});
