import { describe, expect, it } from 'vitest';
import { teamDigestMessage } from '../../src/reminders/team-digest-message';
import type { TeamView } from '../../src/reports/team-view';
import { SLACK_LIMITS } from '../../src/slack/block-kit-limits';

/** A busy week: 60 people with overdue tasks and 200 quiet accounts, with long names. */
const busyView: TeamView = {
  today: '2027-03-17',
  timeZone: 'Europe/Berlin',
  overdueByPerson: Array.from({ length: 60 }, (_, index) => ({
    user: `U0PERSON${String(index).padStart(2, '0')}`,
    count: 3,
    oldestDue: new Date('2027-03-01T23:00:00Z'),
  })),
  renewals: [],
  strategicWithoutEbr: [],
  quietAccounts: Array.from({ length: 200 }, (_, index) => ({
    account: { id: `a${index}`, name: `${'Very Long Account Name '.repeat(8)}${index}`, csm: null },
    lastActivityOn: null,
  })),
};

const textsOf = (blocks: unknown[]) => JSON.stringify(blocks);

describe('the Monday team digest message', () => {
  it('says first that it is late and why it came to an admin, and still keeps within 50 blocks', () => {
    const message = teamDigestMessage(busyView, {
      late: true,
      lateSince: new Date('2027-03-15T08:00:00Z'),
      timeZone: 'Europe/Berlin',
      redirected: true,
    });
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expect(textsOf(message.blocks.slice(0, 2))).toContain("can't post in the report channel");
    expect(textsOf(message.blocks.slice(1, 2))).toContain(
      "Sent late: this week's digest was due Mon 15 Mar 2027 at 09:00",
    );
    // 60 people with 3 tasks each: 180.
    expect(message.text).toContain('Overdue tasks: 180 for 60 people');
    expect(message.text).toContain('Accounts with no activity in 30 days: 200');
  });

  it('is the team view alone when it goes out on time to the report channel', () => {
    const message = teamDigestMessage(busyView, {
      late: false,
      lateSince: new Date('2027-03-15T08:00:00Z'),
      timeZone: 'Europe/Berlin',
      redirected: false,
    });
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
    expect(textsOf(message.blocks)).not.toContain('Sent late');
    expect(textsOf(message.blocks)).not.toContain('report channel');
  });
});
