import type { ModalView } from '../slack/block-kit';
import { SLACK_LIMITS, truncateText } from '../slack/block-kit-limits';
import { acceleratorOptions, moduleGroups } from './log-activity-modal';
import { readState, type ViewStateValues } from './view-state';

/** Block and action ids of the start-accelerator modal. */
export const ACCELERATOR_MODAL = {
  callbackId: 'accelerator_start',
  /** "Start accelerator" on `/cs account`: its value is the account id. */
  startButton: 'accelerator_start_open',
  /** "Cancel accelerator" on `/cs accelerator <account>`: its value is the accelerator id. */
  cancelButton: 'accelerator_cancel',
  account: { block: 'accelerator_account', action: 'accelerator_account_select' },
  type: { block: 'accelerator_type', action: 'accelerator_type' },
  contentModule: { block: 'accelerator_module', action: 'accelerator_module' },
  contentModuleCustom: { block: 'accelerator_module_custom', action: 'accelerator_module_custom' },
  startsOn: { block: 'accelerator_starts_on', action: 'accelerator_starts_on' },
  csa: { block: 'accelerator_csa', action: 'accelerator_csa' },
} as const;

export interface AcceleratorModalDraft {
  account: { id: string; name: string } | null;
  startsOn: string;
  csaUserId: string | null;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** `/cs accelerator start`: account, type, content module, start date and CSA. */
export function buildStartAcceleratorModal(draft: AcceleratorModalDraft): ModalView {
  return {
    type: 'modal',
    callback_id: ACCELERATOR_MODAL.callbackId,
    title: plain('Start an accelerator'),
    submit: plain('Start it'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: ACCELERATOR_MODAL.account.block,
        label: plain('Account'),
        hint: plain('A Success Services account: at most 4 accelerators a contract year, 1 a quarter.'),
        element: {
          type: 'external_select',
          action_id: ACCELERATOR_MODAL.account.action,
          placeholder: plain('Type to search accounts'),
          min_query_length: 0,
          ...(draft.account
            ? {
                initial_option: {
                  text: plain(truncateText(draft.account.name, SLACK_LIMITS.optionText)),
                  value: draft.account.id,
                },
              }
            : {}),
        },
      },
      {
        type: 'input',
        block_id: ACCELERATOR_MODAL.type.block,
        label: plain('Accelerator type'),
        element: {
          type: 'static_select',
          action_id: ACCELERATOR_MODAL.type.action,
          placeholder: plain('Choose one'),
          options: acceleratorOptions,
        },
      },
      {
        type: 'input',
        block_id: ACCELERATOR_MODAL.contentModule.block,
        optional: true,
        label: plain('Content module'),
        element: {
          type: 'static_select',
          action_id: ACCELERATOR_MODAL.contentModule.action,
          placeholder: plain('From the catalog'),
          option_groups: moduleGroups,
        },
      },
      {
        type: 'input',
        block_id: ACCELERATOR_MODAL.contentModuleCustom.block,
        optional: true,
        label: plain('…or describe it'),
        hint: plain('Written text is used instead of the catalog choice.'),
        element: {
          type: 'plain_text_input',
          action_id: ACCELERATOR_MODAL.contentModuleCustom.action,
          max_length: 300,
        },
      },
      {
        type: 'input',
        block_id: ACCELERATOR_MODAL.startsOn.block,
        label: plain('Start date'),
        hint: plain('Week 1 (discovery workshop) begins that day; close-out is due by the end of week 12.'),
        element: { type: 'datepicker', action_id: ACCELERATOR_MODAL.startsOn.action, initial_date: draft.startsOn },
      },
      {
        type: 'input',
        block_id: ACCELERATOR_MODAL.csa.block,
        optional: true,
        label: plain('CSA'),
        hint: plain("Left empty, the account's CSA runs it."),
        element: {
          type: 'users_select',
          action_id: ACCELERATOR_MODAL.csa.action,
          placeholder: plain('Who runs it'),
          ...(draft.csaUserId ? { initial_user: draft.csaUserId } : {}),
        },
      },
    ],
  };
}

/** The raw input a submission carries; the use-case's schema decides what is wrong. */
export function acceleratorInputFromSubmission(values: ViewStateValues) {
  const custom = readState(values, ACCELERATOR_MODAL.contentModuleCustom).text.trim();
  const picked = readState(values, ACCELERATOR_MODAL.contentModule).option?.value;
  return {
    accountId: readState(values, ACCELERATOR_MODAL.account).option?.value,
    type: readState(values, ACCELERATOR_MODAL.type).option?.value,
    contentModule: custom || picked || null,
    startsOn: readState(values, ACCELERATOR_MODAL.startsOn).date ?? undefined,
    csaUserId: values[ACCELERATOR_MODAL.csa.block]?.[ACCELERATOR_MODAL.csa.action]?.selected_user ?? null,
  };
}

/** Where each field's error shows. */
export const ACCELERATOR_MODAL_ERROR_BLOCKS: Record<string, string> = {
  accountId: ACCELERATOR_MODAL.account.block,
  type: ACCELERATOR_MODAL.type.block,
  contentModule: ACCELERATOR_MODAL.contentModuleCustom.block,
  startsOn: ACCELERATOR_MODAL.startsOn.block,
  csaUserId: ACCELERATOR_MODAL.csa.block,
};
