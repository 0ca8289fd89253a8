import { ACCELERATOR_PHASE_LABELS, ACCELERATOR_PHASES, type AcceleratorPhase } from '../domain/accelerator';
import {
  ACCELERATOR_TYPES,
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  type AcceleratorType,
  type ActivityType,
  CONTENT_MODULE_CATALOG,
  NOTES_MAX_LENGTH,
  RENEWAL_OUTCOME_LABELS,
  RENEWAL_OUTCOMES,
  type RenewalOutcome,
} from '../domain/activity';
import type { KnownBlock, ModalView, PlainTextOption } from '../slack/block-kit';
import { optionText, SLACK_LIMITS, truncateMrkdwn, truncateText } from '../slack/block-kit-limits';
import { escapeMrkdwn } from '../slack/mrkdwn';
import { readLogModalMetadata } from './log-modal-metadata';

/** Block and action ids of the log modal: the handlers read state and place errors by these. */
export const LOG_MODAL = {
  callbackId: 'log_activity',
  /** The same modal correcting a logged activity (the Edit menu): submitted to its own listener. */
  editCallbackId: 'activity_edit',
  account: { block: 'account', action: 'account_select' },
  type: { block: 'type', action: 'activity_type' },
  date: { block: 'date', action: 'occurred_on' },
  participants: { block: 'participants', action: 'participants' },
  notes: { block: 'notes', action: 'notes' },
  renewalOutcome: { block: 'renewal_outcome', action: 'renewal_outcome' },
  acceleratorType: { block: 'accelerator_type', action: 'accelerator_type' },
  contentModule: { block: 'content_module', action: 'content_module' },
  contentModuleCustom: { block: 'content_module_custom', action: 'content_module_custom' },
  acceleratorPhase: { block: 'accelerator_phase', action: 'accelerator_phase' },
} as const;

/** What the modal shows; everything but the date may be empty. */
export interface LogModalDraft {
  account: { id: string; name: string } | null;
  type: ActivityType | null;
  occurredOn: string;
  participants: string[];
  notes: string;
  renewalOutcome: RenewalOutcome | null;
  acceleratorType: AcceleratorType | null;
  contentModule: string | null;
  contentModuleCustom: string;
  acceleratorPhase: AcceleratorPhase | null;
}

export const emptyLogModalDraft = (today: string): LogModalDraft => ({
  account: null,
  type: null,
  occurredOn: today,
  participants: [],
  notes: '',
  renewalOutcome: null,
  acceleratorType: null,
  contentModule: null,
  contentModuleCustom: '',
  acceleratorPhase: null,
});

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(optionText(text)), value });
const modalButton = (text: string) => plain(truncateText(text, SLACK_LIMITS.modalTitle));

const typeOptions = ACTIVITY_TYPES.map((type) => option(ACTIVITY_TYPE_LABELS[type], type));
const outcomeOptions = RENEWAL_OUTCOMES.map((outcome) => option(RENEWAL_OUTCOME_LABELS[outcome], outcome));
/** Shared with the start-accelerator modal. */
export const acceleratorOptions = ACCELERATOR_TYPES.map((type) => option(type, type));
const phaseOptions = ACCELERATOR_PHASES.map((phase) => option(ACCELERATOR_PHASE_LABELS[phase], phase));
export const moduleGroups = CONTENT_MODULE_CATALOG.map(({ category, modules }) => ({
  label: plain(optionText(category)),
  options: modules.map((module) => option(module, module)),
}));
const catalogModules = new Set(CONTENT_MODULE_CATALOG.flatMap(({ modules }) => modules));

export const isCatalogModule = (module: string): boolean => catalogModules.has(module);

function typeSpecificBlocks(draft: LogModalDraft): KnownBlock[] {
  if (draft.type === 'renewal_call') {
    const initial = outcomeOptions.find((o) => o.value === draft.renewalOutcome);
    return [
      {
        type: 'input',
        block_id: LOG_MODAL.renewalOutcome.block,
        label: plain('Answer to the renewal question'),
        element: {
          type: 'static_select',
          action_id: LOG_MODAL.renewalOutcome.action,
          placeholder: plain('Likely to renew, at risk…'),
          options: outcomeOptions,
          ...(initial ? { initial_option: initial } : {}),
        },
      },
    ];
  }
  if (draft.type === 'csa_engagement') {
    const initialType = acceleratorOptions.find((o) => o.value === draft.acceleratorType);
    const initialModule =
      draft.contentModule && isCatalogModule(draft.contentModule)
        ? option(draft.contentModule, draft.contentModule)
        : undefined;
    const initialPhase = phaseOptions.find((o) => o.value === draft.acceleratorPhase);
    return [
      {
        type: 'input',
        block_id: LOG_MODAL.acceleratorType.block,
        label: plain('Accelerator type'),
        element: {
          type: 'static_select',
          action_id: LOG_MODAL.acceleratorType.action,
          placeholder: plain('Choose one'),
          options: acceleratorOptions,
          ...(initialType ? { initial_option: initialType } : {}),
        },
      },
      {
        type: 'input',
        block_id: LOG_MODAL.contentModule.block,
        optional: true,
        label: plain('Content module'),
        element: {
          type: 'static_select',
          action_id: LOG_MODAL.contentModule.action,
          placeholder: plain('From the catalog'),
          option_groups: moduleGroups,
          ...(initialModule ? { initial_option: initialModule } : {}),
        },
      },
      {
        type: 'input',
        block_id: LOG_MODAL.contentModuleCustom.block,
        optional: true,
        label: plain('…or describe it'),
        hint: plain('Written text is used instead of the catalog choice.'),
        element: {
          type: 'plain_text_input',
          action_id: LOG_MODAL.contentModuleCustom.action,
          max_length: 300,
          placeholder: plain('e.g. Delivered guidance report for cost optimization'),
          ...(draft.contentModuleCustom ? { initial_value: draft.contentModuleCustom } : {}),
        },
      },
      {
        type: 'input',
        block_id: LOG_MODAL.acceleratorPhase.block,
        optional: true,
        label: plain('Accelerator phase'),
        hint: plain("Left empty, the running accelerator's week decides (week 1 discovery, week 2 planning…)."),
        element: {
          type: 'static_select',
          action_id: LOG_MODAL.acceleratorPhase.action,
          placeholder: plain('Discovery, planning…'),
          options: phaseOptions,
          ...(initialPhase ? { initial_option: initialPhase } : {}),
        },
      },
    ];
  }
  return [];
}

/**
 * The log-activity modal. Choosing a type dispatches an action so the modal can be rebuilt with
 * that type's fields; block and action ids never change, so Slack keeps what was already typed.
 */
export function buildLogActivityModal(draft: LogModalDraft, privateMetadata = ''): ModalView {
  const initialType = typeOptions.find((o) => o.value === draft.type);
  // Read back from the metadata, so a rebuild (a type change) keeps the modal in edit mode.
  const editing = readLogModalMetadata(privateMetadata).editing;
  const accountBlock: KnownBlock = editing
    ? {
        type: 'section',
        block_id: LOG_MODAL.account.block,
        text: {
          type: 'mrkdwn',
          text: truncateMrkdwn(`*Account*\n${escapeMrkdwn(editing.accountName)}`, SLACK_LIMITS.text),
        },
      }
    : {
        type: 'input',
        block_id: LOG_MODAL.account.block,
        label: plain('Account'),
        element: {
          type: 'external_select',
          action_id: LOG_MODAL.account.action,
          placeholder: plain('Type to search accounts'),
          min_query_length: 0,
          ...(draft.account ? { initial_option: option(draft.account.name, draft.account.id) } : {}),
        },
      };
  const blocks: KnownBlock[] = [
    accountBlock,
    {
      type: 'input',
      block_id: LOG_MODAL.type.block,
      dispatch_action: true,
      label: plain('Activity type'),
      element: {
        type: 'static_select',
        action_id: LOG_MODAL.type.action,
        placeholder: plain('Call, EBR, CSA engagement…'),
        options: typeOptions,
        ...(initialType ? { initial_option: initialType } : {}),
      },
    },
    ...typeSpecificBlocks(draft),
    {
      type: 'input',
      block_id: LOG_MODAL.date.block,
      label: plain('Date'),
      element: { type: 'datepicker', action_id: LOG_MODAL.date.action, initial_date: draft.occurredOn },
    },
    {
      type: 'input',
      block_id: LOG_MODAL.participants.block,
      optional: true,
      label: plain('Participants'),
      element: {
        type: 'multi_users_select',
        action_id: LOG_MODAL.participants.action,
        placeholder: plain('Who took part'),
        ...(draft.participants.length > 0 ? { initial_users: draft.participants } : {}),
      },
    },
    {
      type: 'input',
      block_id: LOG_MODAL.notes.block,
      optional: true,
      label: plain('Notes'),
      element: {
        type: 'plain_text_input',
        action_id: LOG_MODAL.notes.action,
        multiline: true,
        // Slack stops typing at this length; the server still checks, since clients can differ.
        max_length: NOTES_MAX_LENGTH,
        ...(draft.notes ? { initial_value: draft.notes } : {}),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: editing ? LOG_MODAL.editCallbackId : LOG_MODAL.callbackId,
    title: modalButton(editing ? 'Edit activity' : 'Log customer activity'),
    submit: modalButton(editing ? 'Save' : 'Log it'),
    close: modalButton('Cancel'),
    private_metadata: privateMetadata,
    blocks,
  };
}
