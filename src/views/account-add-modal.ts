import type { AccountField } from '../accounts/account-changes';
import type { EditableAccount } from '../accounts/account-repository';
import { CSM_SEGMENTS, HEALTHS, PRIORITIES, TEAM_ROLE_LABELS, TEAM_ROLES } from '../domain/account';
import type { KnownBlock, ModalView, PlainTextOption } from '../slack/block-kit';
import { readState, type ViewStateValues } from './view-state';

export const ACCOUNT_MODAL = {
  callbackId: 'account_add',
  /** The same modal filled in with an account's values; its private_metadata is the account id. */
  editCallbackId: 'account_edit',
  /** The Edit button on `/cs account <name>`; its value is the account id. */
  editButton: 'account_edit_open',
  healthReason: { block: 'health_reason', action: 'health_reason' },
  name: { block: 'name', action: 'name' },
  channel: { block: 'channel', action: 'channel' },
  employees: { block: 'employees', action: 'employees' },
  csmSegment: { block: 'csm_segment', action: 'csm_segment' },
  priority: { block: 'priority', action: 'priority' },
  health: { block: 'health', action: 'health' },
  contractStart: { block: 'contract_start', action: 'contract_start' },
  renewalDate: { block: 'renewal_date', action: 'renewal_date' },
  flags: { block: 'flags', action: 'flags' },
  csaAseIdentifiedOn: { block: 'csa_ase_identified_on', action: 'csa_ase_identified_on' },
  /** The edit modal's checkboxes for emptying a field: Slack's pickers cannot be cleared. */
  clear: { block: 'clear', action: 'clear' },
  member: (role: string) => ({ block: `member_${role}`, action: `member_${role}` }),
} as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value = text): PlainTextOption => ({ text: plain(text), value });

function select(
  ids: { block: string; action: string },
  label: string,
  values: readonly string[],
  initial?: string,
): KnownBlock {
  return {
    type: 'input',
    block_id: ids.block,
    optional: initial === undefined,
    label: plain(label),
    element: {
      type: 'static_select',
      action_id: ids.action,
      options: values.map((value) => option(value)),
      ...(initial ? { initial_option: option(initial) } : {}),
    },
  };
}

function datepicker(
  ids: { block: string; action: string },
  label: string,
  initial: string | null,
  hint?: string,
): KnownBlock {
  return {
    type: 'input',
    block_id: ids.block,
    optional: true,
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: { type: 'datepicker', action_id: ids.action, ...(initial ? { initial_date: initial } : {}) },
  };
}

const FLAG_OPTIONS = [
  option('Bought Success Services', 'success_services'),
  option('Has an active success plan', 'success_plan'),
];

/** `/cs account add`: the fields SPEC.md gives an account. */
export function buildAccountAddModal(options: { channelId?: string } = {}): ModalView {
  return {
    type: 'modal',
    callback_id: ACCOUNT_MODAL.callbackId,
    title: plain('Add an account'),
    submit: plain('Add'),
    close: plain('Cancel'),
    blocks: accountBlocks(options.channelId ? { channelId: options.channelId } : {}),
  };
}

/**
 * `/cs account edit <name>` and the Edit button: the same fields filled in with the account's
 * values, and a reason to give when health turns red (the team is told it).
 */
export function buildAccountEditModal(account: EditableAccount): ModalView {
  return {
    type: 'modal',
    callback_id: ACCOUNT_MODAL.editCallbackId,
    private_metadata: account.id,
    title: plain('Edit account'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      ...accountBlocks(account),
      ...clearBlock(account),
      {
        type: 'input',
        block_id: ACCOUNT_MODAL.healthReason.block,
        optional: true,
        label: plain('Reason for the health change'),
        hint: plain('Needed when health turns red; the account channel and the CSM are told it.'),
        element: {
          type: 'plain_text_input',
          action_id: ACCOUNT_MODAL.healthReason.action,
          multiline: true,
          max_length: HEALTH_REASON_MAX,
        },
      },
    ],
  };
}

function accountBlocks(initial: Partial<EditableAccount>): KnownBlock[] {
  const flags = FLAG_OPTIONS.filter(
    ({ value }) =>
      (value === 'success_services' && initial.successServices) ||
      (value === 'success_plan' && initial.successPlanActive),
  );
  return [
    {
      type: 'input',
      block_id: ACCOUNT_MODAL.name.block,
      label: plain('Name'),
      element: {
        type: 'plain_text_input',
        action_id: ACCOUNT_MODAL.name.action,
        max_length: 200,
        ...(initial.name ? { initial_value: initial.name } : {}),
      },
    },
    {
      type: 'input',
      block_id: ACCOUNT_MODAL.channel.block,
      optional: true,
      label: plain('Internal account channel'),
      hint: plain('Reminders and summaries go here; invite cs-bot to it.'),
      element: {
        type: 'conversations_select',
        action_id: ACCOUNT_MODAL.channel.action,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(initial.channelId ? { initial_conversation: initial.channelId } : {}),
      },
    },
    ...TEAM_ROLES.map((role): KnownBlock => {
      const holder = initial.team?.find((member) => member.role === role)?.slackUserId;
      return {
        type: 'input',
        block_id: ACCOUNT_MODAL.member(role).block,
        optional: true,
        label: plain(`${TEAM_ROLE_LABELS[role]} (${role})`),
        element: {
          type: 'users_select',
          action_id: ACCOUNT_MODAL.member(role).action,
          ...(holder ? { initial_user: holder } : {}),
        },
      };
    }),
    {
      type: 'input',
      block_id: ACCOUNT_MODAL.employees.block,
      optional: true,
      label: plain('Employees'),
      hint: plain('Sets the sales segment: Strategic 5000+, Large 750+, Mid-Market 100+, SMB below.'),
      element: {
        type: 'number_input',
        action_id: ACCOUNT_MODAL.employees.action,
        is_decimal_allowed: false,
        min_value: '0',
        ...(typeof initial.employeeCount === 'number' ? { initial_value: String(initial.employeeCount) } : {}),
      },
    },
    select(ACCOUNT_MODAL.csmSegment, 'CSM segment', CSM_SEGMENTS, initial.csmSegment ?? undefined),
    select(ACCOUNT_MODAL.priority, 'Priority', PRIORITIES, initial.priority ?? 'PR3'),
    select(ACCOUNT_MODAL.health, 'Health', HEALTHS, initial.health ?? 'green'),
    datepicker(
      ACCOUNT_MODAL.contractStart,
      'Contract start',
      initial.contractStart ?? null,
      'The day the order form was received.',
    ),
    datepicker(ACCOUNT_MODAL.renewalDate, 'Renewal date', initial.renewalDate ?? null),
    {
      type: 'input',
      block_id: ACCOUNT_MODAL.flags.block,
      optional: true,
      label: plain('Services'),
      element: {
        type: 'checkboxes',
        action_id: ACCOUNT_MODAL.flags.action,
        options: FLAG_OPTIONS,
        ...(flags.length > 0 ? { initial_options: flags } : {}),
      },
    },
    datepicker(
      ACCOUNT_MODAL.csaAseIdentifiedOn,
      'CSA and ASE both identified on',
      initial.csaAseIdentifiedOn ?? null,
      'Success Services only.',
    ),
  ];
}

type DateField = 'contractStart' | 'renewalDate' | 'csaAseIdentifiedOn';

const DATE_LABELS: Record<DateField, string> = {
  contractStart: 'Contract start',
  renewalDate: 'Renewal date',
  csaAseIdentifiedOn: 'CSA and ASE identified on',
};

/** The fields this account has set that a picker cannot empty, as checkbox options. */
function clearOptions(account: EditableAccount): PlainTextOption[] {
  const options: PlainTextOption[] = [];
  if (account.channelId) options.push(option('Internal account channel', 'channelId'));
  for (const role of TEAM_ROLES) {
    if (account.team.some((member) => member.role === role)) {
      options.push(option(`${TEAM_ROLE_LABELS[role]} (${role})`, `team.${role}`));
    }
  }
  for (const field of Object.keys(DATE_LABELS) as DateField[]) {
    const day = account[field];
    if (day) options.push(option(`${DATE_LABELS[field]} (${day})`, field));
  }
  return options;
}

function clearBlock(account: EditableAccount): KnownBlock[] {
  const options = clearOptions(account);
  if (options.length === 0) return [];
  return [
    {
      type: 'input',
      block_id: ACCOUNT_MODAL.clear.block,
      optional: true,
      label: plain('Leave empty'),
      hint: plain('A checked field is emptied, whatever its picker above shows.'),
      element: { type: 'checkboxes', action_id: ACCOUNT_MODAL.clear.action, options },
    },
  ];
}

/** The reason is stored with the change and shown in the channel: a few sentences at most. */
export const HEALTH_REASON_MAX = 1000;

/** The reason given for a health change, trimmed; empty when none was. */
export function healthReasonFromSubmission(values: ViewStateValues): string {
  return readState(values, ACCOUNT_MODAL.healthReason).text.trim();
}

/** The raw account input a submission carries, for newAccountInputSchema to judge. */
export function accountInputFromSubmission(values: ViewStateValues) {
  const cleared = new Set(
    (values[ACCOUNT_MODAL.clear.block]?.[ACCOUNT_MODAL.clear.action]?.selected_options ?? []).map(
      (selected) => selected.value,
    ),
  );
  const unlessCleared = <T>(field: AccountField, value: T): T | null => (cleared.has(field) ? null : value);
  const employees = readState(values, ACCOUNT_MODAL.employees).text;
  const flags = values[ACCOUNT_MODAL.flags.block]?.[ACCOUNT_MODAL.flags.action]?.selected_options ?? [];
  const flagged = (value: string) => flags.some((selected) => selected.value === value);
  const channel = values[ACCOUNT_MODAL.channel.block]?.[ACCOUNT_MODAL.channel.action]?.selected_conversation ?? null;
  return {
    name: readState(values, ACCOUNT_MODAL.name).text,
    channelId: unlessCleared('channelId', channel),
    employeeCount: employees === '' ? null : Number(employees),
    csmSegment: readState(values, ACCOUNT_MODAL.csmSegment).option?.value ?? null,
    priority: readState(values, ACCOUNT_MODAL.priority).option?.value ?? undefined,
    health: readState(values, ACCOUNT_MODAL.health).option?.value ?? undefined,
    contractStart: unlessCleared('contractStart', readState(values, ACCOUNT_MODAL.contractStart).date),
    renewalDate: unlessCleared('renewalDate', readState(values, ACCOUNT_MODAL.renewalDate).date),
    successServices: flagged('success_services'),
    successPlanActive: flagged('success_plan'),
    csaAseIdentifiedOn: unlessCleared('csaAseIdentifiedOn', readState(values, ACCOUNT_MODAL.csaAseIdentifiedOn).date),
    team: Object.fromEntries(
      TEAM_ROLES.map((role) => [
        role,
        unlessCleared(
          `team.${role}`,
          values[ACCOUNT_MODAL.member(role).block]?.[ACCOUNT_MODAL.member(role).action]?.selected_user ?? null,
        ),
      ]),
    ),
  };
}

/** Where each account field's error shows in the modal. */
export const ACCOUNT_MODAL_ERROR_BLOCKS: Record<string, string> = {
  name: ACCOUNT_MODAL.name.block,
  channelId: ACCOUNT_MODAL.channel.block,
  employeeCount: ACCOUNT_MODAL.employees.block,
  csmSegment: ACCOUNT_MODAL.csmSegment.block,
  priority: ACCOUNT_MODAL.priority.block,
  health: ACCOUNT_MODAL.health.block,
  contractStart: ACCOUNT_MODAL.contractStart.block,
  renewalDate: ACCOUNT_MODAL.renewalDate.block,
  successServices: ACCOUNT_MODAL.flags.block,
  successPlanActive: ACCOUNT_MODAL.flags.block,
  csaAseIdentifiedOn: ACCOUNT_MODAL.csaAseIdentifiedOn.block,
  healthReason: ACCOUNT_MODAL.healthReason.block,
  ...Object.fromEntries(TEAM_ROLES.map((role) => [`team.${role}`, ACCOUNT_MODAL.member(role).block])),
};
