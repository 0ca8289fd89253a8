import { LOG_MODAL } from '../../src/views/log-activity-modal';

/** View state as Slack sends it for a filled-in log modal; absent fields are left empty. */
export function logModalValues(input: {
  account?: { id: string; name: string };
  type?: string;
  date?: string;
  participants?: string[];
  notes?: string;
  renewalOutcome?: string;
  acceleratorType?: string;
  contentModule?: string;
  contentModuleCustom?: string;
  acceleratorPhase?: string;
}): Record<string, Record<string, unknown>> {
  const selected = (value: string | undefined, text = value) =>
    value
      ? { type: 'static_select', selected_option: { text: { type: 'plain_text', text }, value } }
      : { type: 'static_select', selected_option: null };
  const values: Record<string, Record<string, unknown>> = {
    [LOG_MODAL.account.block]: {
      [LOG_MODAL.account.action]: input.account
        ? {
            type: 'external_select',
            selected_option: { text: { type: 'plain_text', text: input.account.name }, value: input.account.id },
          }
        : { type: 'external_select', selected_option: null },
    },
    [LOG_MODAL.type.block]: { [LOG_MODAL.type.action]: selected(input.type) },
    [LOG_MODAL.date.block]: { [LOG_MODAL.date.action]: { type: 'datepicker', selected_date: input.date ?? null } },
    [LOG_MODAL.participants.block]: {
      [LOG_MODAL.participants.action]: { type: 'multi_users_select', selected_users: input.participants ?? [] },
    },
    [LOG_MODAL.notes.block]: { [LOG_MODAL.notes.action]: { type: 'plain_text_input', value: input.notes ?? null } },
  };
  if (input.type === 'renewal_call') {
    values[LOG_MODAL.renewalOutcome.block] = { [LOG_MODAL.renewalOutcome.action]: selected(input.renewalOutcome) };
  }
  if (input.type === 'csa_engagement') {
    values[LOG_MODAL.acceleratorType.block] = { [LOG_MODAL.acceleratorType.action]: selected(input.acceleratorType) };
    values[LOG_MODAL.contentModule.block] = { [LOG_MODAL.contentModule.action]: selected(input.contentModule) };
    values[LOG_MODAL.contentModuleCustom.block] = {
      [LOG_MODAL.contentModuleCustom.action]: { type: 'plain_text_input', value: input.contentModuleCustom ?? null },
    };
    values[LOG_MODAL.acceleratorPhase.block] = {
      [LOG_MODAL.acceleratorPhase.action]: selected(input.acceleratorPhase),
    };
  }
  return values;
}
