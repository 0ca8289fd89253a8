import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/domain/account';
import { ACTIVITY_TYPES, type Activity, NOTES_MAX_LENGTH } from '../../src/domain/activity';
import { contextLine, SLACK_LIMITS } from '../../src/slack/block-kit-limits';
import type { TaskWithAccount } from '../../src/tasks/task-repository';
import { buildAccountAddModal } from '../../src/views/account-add-modal';
import { accountSummaryMessage } from '../../src/views/account-summary';
import { activitySummaryMessage } from '../../src/views/activity-summary';
import { buildAppHome, HOME_TASKS } from '../../src/views/app-home';
import { helpMessage, UNKNOWN_WORD_SHOWN } from '../../src/views/help-message';
import { buildLogActivityModal, emptyLogModalDraft } from '../../src/views/log-activity-modal';
import { encodeLogModalMetadata, readLogModalMetadata } from '../../src/views/log-modal-metadata';
import { buildNotNeededModal } from '../../src/views/not-needed-modal';
import {
  channelBrokenMessage,
  MAX_TASKS_PER_MESSAGE,
  overdueDigestMessage,
  taskOpenedMessage,
} from '../../src/views/task-reminder';
import { expectWithinSlackLimits, slackLimitProblems } from '../support/slack-limits';

const NOW = new Date('2026-11-23T15:00:00Z');
const ALICE = 'U0ALICE001';
const options = { now: NOW, timeZone: 'UTC', late: true, lateSince: new Date('2026-11-01T00:00:00Z') };

/**
 * The longest account name there can be (200 characters), made of the characters escaping makes
 * longest (`&` becomes `&amp;`), with a mention-like tail so any careless cut shows.
 */
const LONGEST_NAME = `${'&'.repeat(180)}<!channel>${'é'.repeat(10)}`;
/** The longest notes there can be, with a line break every other character (each becomes "\n>"). */
const LONGEST_NOTES = '&\n'.repeat(NOTES_MAX_LENGTH / 2);

function account(overrides: Partial<Account> = {}): Account {
  return {
    id: randomUUID(),
    name: LONGEST_NAME,
    channelId: 'C0ACME0001',
    salesSegment: 'Strategic',
    csmSegment: null,
    priority: 'PR1',
    health: 'green',
    contractStart: '2026-01-01',
    renewalDate: '2027-01-01',
    successServices: true,
    csaAseIdentifiedOn: null,
    successPlanActive: false,
    status: 'active',
    team: [
      { role: 'CSM', slackUserId: ALICE },
      { role: 'CSA', slackUserId: 'U0BOB00001' },
    ],
    ...overrides,
  };
}

function activity(overrides: Partial<Activity> = {}): Activity {
  return {
    id: randomUUID(),
    accountId: randomUUID(),
    type: 'csa_engagement',
    occurredOn: '2026-11-20',
    loggedBy: ALICE,
    participants: Array.from({ length: 50 }, (_, i) => `U0PEOPLE${String(i).padStart(2, '0')}`),
    notes: LONGEST_NOTES,
    renewalOutcome: null,
    acceleratorType: 'CI',
    contentModule: '<'.repeat(300),
    acceleratorId: null,
    acceleratorPhase: null,
    sourceMessageUrl: `https://cs-team.slack.com/archives/C0ACME0001/p1?${'q'.repeat(940)}`,
    createdAt: NOW,
    ...overrides,
  };
}

function tasks(count: number, overrides: Partial<TaskWithAccount> = {}): TaskWithAccount[] {
  const accountId = randomUUID();
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    accountId,
    ruleId: 'cadence',
    periodKey: String(i),
    title: `Hold the cadence call & follow up <${i}>`,
    forRole: 'CSM',
    forUser: ALICE,
    opensAt: new Date('2026-10-01T00:00:00Z'),
    dueAt: new Date('2026-11-01T00:00:00Z'),
    status: 'open',
    snoozedUntil: null,
    completedByActivityId: null,
    completedByAcceleratorId: null,
    resolvedBy: null,
    resolvedReason: null,
    resolvedAt: null,
    accountName: LONGEST_NAME,
    accountChannelId: 'C0ACME0001',
    ...overrides,
  }));
}

const textOf = (message: { blocks?: unknown[] }) => JSON.stringify(message.blocks);

describe('the limits checker', () => {
  it('names each limit a message breaks', () => {
    const problems = slackLimitProblems('message', {
      text: 'x',
      blocks: [
        ...Array.from({ length: 50 }, () => ({ type: 'divider' })),
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) } }],
        },
      ],
    });
    expect(problems).toEqual([
      'blocks: 53, over 50',
      'blocks[50].text: 151 characters, over 150',
      'blocks[51].text: 3001 characters, over 3000',
      'blocks[52].elements[0].text: 76 characters, over 75',
    ]);
  });

  it('names each limit a modal breaks, and passes one exactly at them', () => {
    const modal = (extra: number) => ({
      type: 'modal',
      title: { type: 'plain_text', text: 't'.repeat(24 + extra) },
      private_metadata: 'm'.repeat(3000 + extra),
      blocks: [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'Pick' },
          element: {
            type: 'static_select',
            action_id: 'pick',
            options: [{ text: { type: 'plain_text', text: 'o'.repeat(75 + extra) }, value: 'v'.repeat(150 + extra) }],
          },
        },
      ],
    });
    expect(slackLimitProblems('modal', modal(0))).toEqual([]);
    expect(slackLimitProblems('modal', modal(1))).toEqual([
      'blocks[0].element.options[0].text: 76 characters, over 75',
      'blocks[0].element.options[0].value: 151 characters, over 150',
      'private_metadata: 3001 characters, over 3000',
      'title: 25 characters, over 24',
    ]);
  });
});

describe('every builder keeps Slack’s limits at the extremes of its data', () => {
  it('the help for a 10,000-character unknown subcommand quotes only its first characters', () => {
    const message = helpMessage({ unknownWord: `<!here>${'x'.repeat(10_000)}`, admins: [] });
    expectWithinSlackLimits('message', message);
    expect(message.text).toContain("I don't know `&lt;!here&gt;");
    expect(message.text).not.toContain('x'.repeat(UNKNOWN_WORD_SHOWN));
    expect(message.text).toContain('/cs help');
  });

  it('the account summary, for a 200-character name and five activities with the longest notes', () => {
    const message = accountSummaryMessage(
      account(),
      Array.from({ length: 5 }, () => activity()),
    );
    expectWithinSlackLimits('message', message);
    expect(textOf(message)).toContain('…');
  });

  it('the activity summary, for the longest notes, every line quoted, and 50 participants', () => {
    const message = activitySummaryMessage(account(), activity());
    expectWithinSlackLimits('message', message);
    expect(textOf(message)).toContain('&gt;');
  });

  it('the activity summary keeps notes exactly at the section limit whole', () => {
    // ">" and 2,999 characters that need no escaping fill a section exactly.
    const notes = 'n'.repeat(SLACK_LIMITS.text - 1);
    const message = activitySummaryMessage(account({ name: 'Acme' }), activity({ notes, contentModule: null }));
    expectWithinSlackLimits('message', message);
    expect(textOf(message)).toContain(`>${notes}"`);
  });

  it('the App Home, for 300 overdue tasks, 200 accounts with 200-character names, their accelerators and a long notice', () => {
    const accounts = Array.from({ length: 200 }, (_, i) => ({
      id: randomUUID(),
      name: `${LONGEST_NAME.slice(0, 196)}${String(i).padStart(4, '0')}`,
      health: 'red' as const,
      priority: 'PR2' as const,
      csmSegment: 'Strategic' as const,
      renewalDate: '2027-01-31',
      successServices: true,
      lastTouch: '2026-11-20',
      cadenceDue: NOW,
      cadence: 'overdue' as const,
    }));
    const accelerators = accounts.map((account) => ({
      accountName: account.name,
      phase: 'Week 3 of 12: Execution',
      progress: {
        closedOutOn: null,
        accelerator: {
          id: randomUUID(),
          accountId: account.id,
          type: 'CI' as const,
          contentModule: null,
          startsOn: '2026-11-10',
          csaUserId: ALICE,
          startedBy: ALICE,
          createdAt: NOW,
        },
      },
    }));
    const team = Array.from({ length: 80 }, () => contextLine('Team view line'));
    const open = tasks(300);
    const view = buildAppHome(
      { tasks: open, activeCount: open.length, accounts, accountsOffset: 40, accelerators, team },
      { now: NOW, timeZone: 'UTC', notice: `<@${ALICE}> `.repeat(400) },
    );
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(textOf(view)).toContain('Earlier accounts');
    expectWithinSlackLimits('home', view);
    expect(view.blocks.filter((block) => block.type === 'actions' && block.block_id?.startsWith('task:'))).toHaveLength(
      HOME_TASKS,
    );
    expect(textOf(view)).toContain(`…and ${300 - HOME_TASKS} more: \`/cs tasks\` lists them.`);
  });

  it('the task-opened message, for a late backlog of 300 tasks on one account', () => {
    const message = taskOpenedMessage(tasks(300), options);
    expectWithinSlackLimits('message', message);
    expect(message.blocks.filter((block) => block.type === 'actions')).toHaveLength(MAX_TASKS_PER_MESSAGE);
    expect(textOf(message)).toContain(`…and ${300 - MAX_TASKS_PER_MESSAGE} more: \`/cs tasks ${'&amp;'.repeat(180)}`);
    expect(message.text).toContain('300 tasks opened');
  });

  it('the overdue digest, for 300 overdue tasks, closed and snoozed ones with the longest reasons included', () => {
    const closed = tasks(2, { status: 'not_needed', resolvedBy: ALICE, resolvedReason: '&'.repeat(500) });
    const message = overdueDigestMessage([...closed, ...tasks(298)], options);
    expectWithinSlackLimits('message', message);
    expect(textOf(message)).toContain(`…and ${300 - MAX_TASKS_PER_MESSAGE} more: \`/cs tasks\` lists them.`);
  });

  it('the broken-channel notice, for a 200-character account name', () => {
    expectWithinSlackLimits(
      'message',
      channelBrokenMessage({ name: LONGEST_NAME, channelId: 'C0ACME0001', reason: 'not_in_channel' }),
    );
  });

  it('the not-needed modal, for a 200-character account name, carrying only ids', () => {
    const view = buildNotNeededModal(
      { title: 'Hold the EBR', accountName: LONGEST_NAME },
      { taskId: randomUUID(), channel: 'C0ACME0001', ts: '1700000000.000100', fromHome: true },
    );
    expectWithinSlackLimits('modal', view);
    expect(view.private_metadata?.length).toBeLessThan(200);
  });

  it('the not-needed modal refuses to carry a message reference that is no Slack id', () => {
    expect(() =>
      buildNotNeededModal(
        { title: 'Hold the EBR', accountName: 'Acme' },
        { taskId: randomUUID(), channel: 'C'.repeat(3000) },
      ),
    ).toThrow();
  });

  it.each(ACTIVITY_TYPES)('the log modal for a %s on a 200-character account with the longest notes', (type) => {
    const draft = {
      ...emptyLogModalDraft('2026-11-23'),
      account: { id: randomUUID(), name: LONGEST_NAME },
      type,
      notes: 'n'.repeat(NOTES_MAX_LENGTH),
      contentModuleCustom: 'm'.repeat(300),
    };
    const metadata = encodeLogModalMetadata({ sourceMessageUrl: `https://x.slack.com/p1?${'q'.repeat(970)}` });
    expectWithinSlackLimits('modal', buildLogActivityModal(draft, metadata));
  });

  it('the log modal carries a permalink the reader takes back, and drops one it would refuse', () => {
    const url = `https://x.slack.com/archives/C1/p1?${'q'.repeat(900)}`;
    expect(readLogModalMetadata(encodeLogModalMetadata({ sourceMessageUrl: url }))).toEqual({ sourceMessageUrl: url });
    expect(encodeLogModalMetadata({ sourceMessageUrl: `${url}${'q'.repeat(3000)}` })).toBe('');
  });

  it('the add-account modal', () => {
    expectWithinSlackLimits('modal', buildAccountAddModal({ channelId: 'C0ACME0001' }));
  });
});
