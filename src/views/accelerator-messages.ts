import { type AcceleratorProgress, describePhase } from '../accelerators/accelerator-rules';
import { addCalendar } from '../clocks/calendar';
import {
  ACCELERATOR_PHASE_LABELS,
  ACCELERATOR_WEEKS,
  ACCELERATORS_PER_CONTRACT_YEAR,
  type Accelerator,
  type AcceleratorPhase,
} from '../domain/accelerator';
import type { Account } from '../domain/account';
import { formatDay } from '../domain/calendar-day';
import type { Button, KnownBlock } from '../slack/block-kit';
import { contextLine, SLACK_LIMITS, truncateMrkdwn, truncateText } from '../slack/block-kit-limits';
import { escapeMrkdwn, mentionUser } from '../slack/mrkdwn';
import { ACCELERATOR_MODAL } from './accelerator-modal';

/** The last day of week `week` of an accelerator: what "by the end of week N" means. */
const endOfWeek = (startsOn: string, week: number) => formatDay(addCalendar(startsOn, { days: week * 7 - 1 }));

function named(accelerator: Accelerator): string {
  const module = accelerator.contentModule ? ` (${escapeMrkdwn(accelerator.contentModule)})` : '';
  return `*${accelerator.type}*${module}`;
}

/** Told in the account's channel when an accelerator starts: who runs it and what is expected when. */
export function acceleratorStartedAnnouncement(account: Account, accelerator: Accelerator, by: string): string {
  const runBy = accelerator.csaUserId === by ? '' : `, run by ${mentionUser(accelerator.csaUserId)}`;
  return truncateMrkdwn(
    `:rocket: ${mentionUser(by)} started a ${named(accelerator)} accelerator for *${escapeMrkdwn(account.name)}*${runBy}, from ${formatDay(accelerator.startsOn)}. ` +
      `Expected: the discovery workshop by ${endOfWeek(accelerator.startsOn, 1)}, the planning workshop (backlog) by ${endOfWeek(accelerator.startsOn, 2)}, ` +
      `about 10 weeks of execution, and the close-out by ${endOfWeek(accelerator.startsOn, ACCELERATOR_WEEKS)}.`,
    SLACK_LIMITS.text,
  );
}

export function acceleratorStartedConfirmation(account: Account, accelerator: Accelerator): string {
  return `:white_check_mark: Started the ${named(accelerator)} accelerator for *${escapeMrkdwn(account.name)}* from ${formatDay(accelerator.startsOn)}. Its CSA is reminded of each workshop; \`/cs accelerator ${escapeMrkdwn(account.name)}\` shows where it stands.`;
}

/** Told in the account's channel when an accelerator is cancelled. */
export function acceleratorCancelledAnnouncement(account: Account, accelerator: Accelerator, by: string): string {
  return `:no_entry_sign: ${mentionUser(by)} cancelled the ${named(accelerator)} accelerator of *${escapeMrkdwn(account.name)}* that started ${formatDay(accelerator.startsOn)}. Its workshop and close-out tasks are closed; CSA engagements logged for it stay on the timeline.`;
}

export function acceleratorCancelledConfirmation(account: Account, accelerator: Accelerator): string {
  return `:white_check_mark: Cancelled the ${named(accelerator)} accelerator of *${escapeMrkdwn(account.name)}* (from ${formatDay(accelerator.startsOn)}). Its quarter can start another one.`;
}

export interface EngagementLine {
  occurredOn: string;
  acceleratorPhase: AcceleratorPhase | null;
}

export interface AcceleratorOverview {
  account: Account;
  /** The running (or planned) accelerator, if any. */
  current: { progress: AcceleratorProgress; engagements: readonly EngagementLine[] } | null;
  /** This contract year's accelerators, earliest first, and the year itself. */
  year: { firstDay: string; lastDay: string; accelerators: readonly AcceleratorProgress[] } | null;
  today: string;
  /** Whether to offer "Start accelerator" (the account has Success Services and this person may). */
  canStart: boolean;
  /** This person may cancel the current accelerator (it is not closed out). */
  canCancel: boolean;
}

const EXPECTED: ReadonlyArray<{ phase: AcceleratorPhase; week: number }> = [
  { phase: 'discovery', week: 1 },
  { phase: 'planning', week: 2 },
  { phase: 'close_out', week: ACCELERATOR_WEEKS },
];

function expectationLines(startsOn: string, engagements: readonly EngagementLine[], today: string): string {
  return EXPECTED.map(({ phase, week }) => {
    const held = engagements.find((engagement) => engagement.acceleratorPhase === phase);
    const due = addCalendar(startsOn, { days: week * 7 - 1 });
    const mark = held ? ':white_check_mark:' : due < today ? ':red_circle:' : ':white_circle:';
    const state = held
      ? `held ${formatDay(held.occurredOn)}`
      : `${due < today ? 'was due' : 'due'} by ${formatDay(due)}`;
    return `${mark} ${ACCELERATOR_PHASE_LABELS[phase]}: ${state}`;
  }).join('\n');
}

/** Asks first: cancelling closes the accelerator's tasks and frees its quarter. */
function cancelButton(accelerator: Accelerator): Button {
  return {
    type: 'button',
    action_id: ACCELERATOR_MODAL.cancelButton,
    style: 'danger',
    text: { type: 'plain_text', text: 'Cancel accelerator' },
    value: accelerator.id,
    confirm: {
      title: { type: 'plain_text', text: 'Cancel this accelerator?' },
      text: {
        type: 'plain_text',
        text: truncateText(
          `The ${accelerator.type} accelerator from ${formatDay(accelerator.startsOn)} is removed: its workshop and close-out tasks close, and its quarter can start another. CSA engagements logged for it stay on the timeline.`,
          300,
        ),
      },
      confirm: { type: 'plain_text', text: 'Cancel it' },
      deny: { type: 'plain_text', text: 'Keep it' },
      style: 'danger',
    },
  };
}

/** `/cs accelerator <account>`: the running accelerator with its phase, and the contract year's history. */
export function acceleratorOverviewMessage(overview: AcceleratorOverview): { text: string; blocks: KnownBlock[] } {
  const { account, current, year, today } = overview;
  const name = escapeMrkdwn(account.name);
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncateText(`Accelerators: ${account.name}`, SLACK_LIMITS.headerText) },
    },
  ];
  if (!account.successServices) {
    blocks.push(contextLine(`${name} has no Success Services, so it runs no accelerators.`));
    return { text: `${name} has no Success Services.`, blocks };
  }
  if (current) {
    const { accelerator, closedOutOn } = current.progress;
    const phase = describePhase(accelerator.startsOn, today, closedOutOn);
    const text =
      `*${closedOutOn ? 'Latest' : 'Running'}:* ${named(accelerator)} · ${mentionUser(accelerator.csaUserId)} · started ${formatDay(accelerator.startsOn)}\n` +
      `${phase} · ${current.engagements.length} CSA engagement${current.engagements.length === 1 ? '' : 's'} logged\n` +
      expectationLines(accelerator.startsOn, current.engagements, today);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.text) } });
  } else {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '_No accelerator is running._' } });
  }
  if (year) {
    const lines = year.accelerators.map(
      ({ accelerator, closedOutOn }) =>
        `• ${formatDay(accelerator.startsOn)} · ${named(accelerator)} · ${mentionUser(accelerator.csaUserId)} · ${describePhase(accelerator.startsOn, today, closedOutOn)}`,
    );
    const heading = `*This contract year* (${formatDay(year.firstDay)} – ${formatDay(year.lastDay)}): ${year.accelerators.length} of ${ACCELERATORS_PER_CONTRACT_YEAR}`;
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncateMrkdwn(
          lines.length > 0 ? `${heading}\n${lines.join('\n')}` : `${heading}\n_None yet._`,
          SLACK_LIMITS.text,
        ),
      },
    });
  } else {
    blocks.push(contextLine(`${name} has no contract start yet, so its contract year is unknown.`));
  }
  const buttons: Button[] = [];
  if (overview.canStart) {
    buttons.push({
      type: 'button',
      action_id: ACCELERATOR_MODAL.startButton,
      text: { type: 'plain_text', text: 'Start accelerator' },
      value: account.id,
    });
  }
  if (overview.canCancel && current) buttons.push(cancelButton(current.progress.accelerator));
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  const summary = current
    ? `${name}: ${current.progress.accelerator.type} accelerator, ${describePhase(current.progress.accelerator.startsOn, today, current.progress.closedOutOn)}`
    : `${name}: no accelerator running`;
  return { text: summary, blocks };
}
