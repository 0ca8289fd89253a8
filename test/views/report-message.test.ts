import { describe, expect, it } from 'vitest';
import { csReportOf } from '../../src/reports/cs-report';
import { SLACK_LIMITS } from '../../src/slack/block-kit-limits';
import { REPORT_LINES, reportMessage } from '../../src/views/report-message';
import { reportAccount, reportActivity, reportTask } from '../reports/fixtures';
import { expectWithinSlackLimits } from '../support/slack-limits';

const NOW = new Date('2026-12-02T12:00:00Z');
/** The longest account name there can be (200 characters), of the character escaping makes longest, with a mention-like tail. */
const LONGEST_NAME = `${'&'.repeat(190)}<!channel>`;

describe('the /cs report message', () => {
  it('keeps a book of 1,000 accounts and 100 CSMs within one message, each list ending in how many more', () => {
    const accounts = Array.from({ length: 1000 }, (_, i) =>
      reportAccount({
        name: `${LONGEST_NAME.slice(0, 196)}${String(i).padStart(4, '0')}`,
        csm: `U0CSM${String(i % 100).padStart(5, '0')}`,
        csmSegment: 'Strategic',
        priority: 'PR1',
        contractStart: '2026-01-15',
        renewalDate: '2027-01-15',
      }),
    );
    const cadenceTasks = accounts.map((account) =>
      reportTask({
        accountId: account.id,
        ruleId: 'cadence.strategic_pr1',
        opensAt: new Date('2026-11-01T00:00:00Z'),
        dueAt: new Date('2026-11-08T00:00:00Z'),
      }),
    );
    const calls = accounts.map((account) =>
      reportActivity({ accountId: account.id, type: 'call', occurredOn: '2026-12-01', loggedBy: account.csm ?? '' }),
    );
    const report = csReportOf(
      { accounts, calls, ebrsAndRenewalCalls: [], cadenceTasks },
      { now: NOW, timeZone: 'UTC', person: null },
    );
    const message = reportMessage(report);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expectWithinSlackLimits('message', message);
    const text = JSON.stringify(message.blocks);
    expect(text).not.toContain('<!channel>');
    // 100 CSMs and 1,000 accounts in each account list; every list shows at most 40 lines.
    expect(REPORT_LINES).toBe(40);
    expect(text).toContain('…and 60 more');
    expect(text).toContain('…and 960 more');
    // Each CSM's line names 5 of their 10 overdue accounts and counts the rest.
    expect(text).toContain('and 5 more');
  });
});
