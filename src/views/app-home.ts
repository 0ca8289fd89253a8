import type { MemberAccount } from '../accounts/account-repository';
import { effectivePriority } from '../domain/account';
import { formatDay } from '../domain/calendar-day';
import type { AcceleratorInProgress, CadenceStatus } from '../home/home-rules';
import type { HomeView, KnownBlock } from '../slack/block-kit';
import { contextLine, fitItems, SLACK_LIMITS, truncateMrkdwn } from '../slack/block-kit-limits';
import { escapeMrkdwn, mentionUser } from '../slack/mrkdwn';
import type { TaskWithAccount } from '../tasks/task-repository';
import { taskBlocks } from './task-reminder';

export const OPEN_LOG_MODAL_ACTION = 'open_log_modal';

/** "More accounts" / "Earlier accounts" on the Home: the value is the offset of the page to show. */
export const HOME_ACCOUNTS_PAGE_ACTION = 'home_accounts_page';

/** The Home shows the first few tasks; `/cs tasks` lists them all (up to a message's limit). */
export const HOME_TASKS = 10;

/** Accounts a page of "my accounts" shows, in two sections so each stays under Slack's 3,000 characters. */
export const HOME_ACCOUNTS_PAGE = 20;
const ACCOUNTS_PER_SECTION = 10;
const HOME_ACCELERATORS = 10;

/** Slack's limit for a Home tab. */
export const HOME_BLOCK_LIMIT = 100;

const HEALTH_EMOJI = { green: ':large_green_circle:', yellow: ':large_yellow_circle:', red: ':red_circle:' } as const;
const CADENCE_MARK: Record<CadenceStatus, string> = {
  'on track': 'cadence on track',
  due: ':alarm_clock: cadence call due',
  overdue: ':red_circle: cadence call overdue',
};

export interface HomeAccount extends MemberAccount {
  cadence: CadenceStatus | null;
}

export interface HomeModel {
  /** Overdue and this week's tasks, oldest due first. */
  tasks: TaskWithAccount[];
  /** All the person's active tasks, whatever their week. */
  activeCount: number;
  accounts: HomeAccount[];
  /** Where the page of accounts shown starts. */
  accountsOffset: number;
  accelerators: AcceleratorInProgress[];
  /** The team view, for a CS admin (already fitted to the blocks left over), else null. */
  team: KnownBlock[] | null;
}

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.text) },
});

function accountLine(account: HomeAccount): string {
  const parts = [
    `${HEALTH_EMOJI[account.health]} *${escapeMrkdwn(account.name)}*`,
    effectivePriority(account.health, account.priority),
    account.renewalDate ? `renews ${formatDay(account.renewalDate)}` : 'no renewal date',
    account.lastTouch ? `last touch ${formatDay(account.lastTouch)}` : 'no activity yet',
    ...(account.cadence ? [CADENCE_MARK[account.cadence]] : []),
  ];
  return `• ${parts.join(' · ')}`;
}

function accountBlocks(model: HomeModel): KnownBlock[] {
  const { accounts, accountsOffset } = model;
  if (accounts.length === 0) {
    return [section('*My accounts*\n_You are on no account’s team yet._')];
  }
  const offset = Math.min(accountsOffset, Math.max(0, accounts.length - 1));
  const page = accounts.slice(offset, offset + HOME_ACCOUNTS_PAGE);
  const lastShown = offset + page.length;
  const sections: KnownBlock[] = [];
  for (let i = 0; i < page.length; i += ACCOUNTS_PER_SECTION) {
    sections.push(
      section(
        page
          .slice(i, i + ACCOUNTS_PER_SECTION)
          .map(accountLine)
          .join('\n'),
      ),
    );
  }
  const buttons = [
    ...(offset > 0
      ? [
          {
            type: 'button' as const,
            action_id: `${HOME_ACCOUNTS_PAGE_ACTION}_earlier`,
            text: { type: 'plain_text' as const, text: 'Earlier accounts' },
            value: String(Math.max(0, offset - HOME_ACCOUNTS_PAGE)),
          },
        ]
      : []),
    ...(lastShown < accounts.length
      ? [
          {
            type: 'button' as const,
            action_id: HOME_ACCOUNTS_PAGE_ACTION,
            text: { type: 'plain_text' as const, text: 'More accounts' },
            value: String(lastShown),
          },
        ]
      : []),
  ];
  return [
    section(
      `*My accounts* (${accounts.length}${accounts.length > page.length ? `, ${offset + 1}–${lastShown} shown` : ''})`,
    ),
    ...sections,
    ...(buttons.length > 0 ? [{ type: 'actions' as const, elements: buttons }] : []),
  ];
}

function acceleratorBlocks(accelerators: readonly AcceleratorInProgress[]): KnownBlock[] {
  if (accelerators.length === 0) return [];
  const shown = accelerators.slice(0, HOME_ACCELERATORS);
  const lines = shown.map(
    ({ accountName, progress, phase }) =>
      `• *${escapeMrkdwn(accountName)}* · ${progress.accelerator.type} · ${mentionUser(progress.accelerator.csaUserId)} · ${phase}`,
  );
  const more = accelerators.length > shown.length ? `\n…and ${accelerators.length - shown.length} more` : '';
  return [{ type: 'divider' }, section(`*Accelerators in progress*\n${lines.join('\n')}${more}`)];
}

/**
 * The App Home tab: a button to log; this person's overdue and this week's tasks (with their
 * buttons); their accounts a page at a time; the accelerators running on them; and, for a CS
 * admin, the team view. Stays within Slack's 100 blocks whatever the numbers.
 */
export function buildAppHome(model: HomeModel, options: { now: Date; timeZone: string; notice?: string }): HomeView {
  const overdue = model.tasks.filter((task) => task.dueAt <= options.now).length;
  const later = model.activeCount - model.tasks.length;
  const laterNote = later > 0 ? ` ${later} more due after this week: \`/cs tasks\` lists them.` : '';
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'cs-bot' } },
    ...(options.notice ? [contextLine(options.notice)] : []),
    {
      type: 'section',
      text: { type: 'mrkdwn', text: 'Log customer work in seconds. `/cs help` lists every command.' },
      accessory: {
        type: 'button',
        action_id: OPEN_LOG_MODAL_ACTION,
        style: 'primary',
        text: { type: 'plain_text', text: 'Log activity' },
      },
    },
    { type: 'divider' },
    section(
      model.tasks.length === 0
        ? `*Your open tasks: overdue and this week*\n_Nothing due this week. :tada:_${laterNote}`
        : `*Your open tasks: overdue and this week* (${model.tasks.length}, ${overdue} overdue)${laterNote}`,
    ),
    // Two blocks a task, and one for the line saying how many more `/cs tasks` shows.
    ...fitItems(
      model.tasks,
      HOME_TASKS * 2 + 1,
      (task) => taskBlocks(task, { ...options, showAccount: true }),
      (hidden) => `…and ${hidden} more: \`/cs tasks\` lists them.`,
    ),
    { type: 'divider' },
    ...accountBlocks(model),
    ...acceleratorBlocks(model.accelerators),
  ];
  const team = model.team ? [{ type: 'divider' as const }, ...model.team] : [];
  return { type: 'home', blocks: [...blocks, ...team.slice(0, Math.max(0, HOME_BLOCK_LIMIT - blocks.length))] };
}

/** Blocks the Home takes besides the team view, at most: what the team view may use is the rest. */
export const HOME_BLOCKS_BESIDES_TEAM = 1 + 1 + 1 + 1 + 1 + (HOME_TASKS * 2 + 1) + 1 + 4 + 2 + 1;
