import { ACCELERATOR_PHASES } from '../domain/accelerator';
import { ACCELERATOR_TYPES, ACTIVITY_TYPES, RENEWAL_OUTCOMES } from '../domain/activity';
import { LOG_MODAL, type LogModalDraft } from './log-activity-modal';
import { readLogModalMetadata } from './log-modal-metadata';
import { readState, type ViewStateValues } from './view-state';

const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined): T | null =>
  value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : null;

/** The modal's current values as a draft, so it can be rebuilt or submitted. */
export function readLogModalDraft(values: ViewStateValues, today: string): LogModalDraft {
  const account = readState(values, LOG_MODAL.account).option;
  return {
    account: account ? { id: account.value, name: account.text } : null,
    type: oneOf(ACTIVITY_TYPES, readState(values, LOG_MODAL.type).option?.value),
    occurredOn: readState(values, LOG_MODAL.date).date ?? today,
    participants: readState(values, LOG_MODAL.participants).users,
    notes: readState(values, LOG_MODAL.notes).text,
    renewalOutcome: oneOf(RENEWAL_OUTCOMES, readState(values, LOG_MODAL.renewalOutcome).option?.value),
    acceleratorType: oneOf(ACCELERATOR_TYPES, readState(values, LOG_MODAL.acceleratorType).option?.value),
    contentModule: readState(values, LOG_MODAL.contentModule).option?.value ?? null,
    contentModuleCustom: readState(values, LOG_MODAL.contentModuleCustom).text,
    acceleratorPhase: oneOf(ACCELERATOR_PHASES, readState(values, LOG_MODAL.acceleratorPhase).option?.value),
  };
}

/**
 * The raw log input a submission carries. Unknown select values pass through unchanged so the
 * use-case's validation, not this reader, decides what is wrong.
 */
export function logInputFromSubmission(values: ViewStateValues, userId: string, privateMetadata?: string) {
  const account = readState(values, LOG_MODAL.account).option;
  const custom = readState(values, LOG_MODAL.contentModuleCustom).text.trim();
  return {
    accountId: account?.value,
    type: readState(values, LOG_MODAL.type).option?.value,
    occurredOn: readState(values, LOG_MODAL.date).date ?? undefined,
    loggedBy: userId,
    participants: readState(values, LOG_MODAL.participants).users,
    notes: readState(values, LOG_MODAL.notes).text,
    renewalOutcome: readState(values, LOG_MODAL.renewalOutcome).option?.value ?? null,
    acceleratorType: readState(values, LOG_MODAL.acceleratorType).option?.value ?? null,
    contentModule: custom || readState(values, LOG_MODAL.contentModule).option?.value || null,
    acceleratorPhase: readState(values, LOG_MODAL.acceleratorPhase).option?.value ?? null,
    sourceMessageUrl: readLogModalMetadata(privateMetadata).sourceMessageUrl ?? null,
  };
}

/** Where each use-case field's error shows in the modal. */
export const LOG_MODAL_ERROR_BLOCKS: Record<string, string> = {
  accountId: LOG_MODAL.account.block,
  type: LOG_MODAL.type.block,
  occurredOn: LOG_MODAL.date.block,
  participants: LOG_MODAL.participants.block,
  notes: LOG_MODAL.notes.block,
  renewalOutcome: LOG_MODAL.renewalOutcome.block,
  acceleratorType: LOG_MODAL.acceleratorType.block,
  contentModule: LOG_MODAL.contentModuleCustom.block,
  acceleratorPhase: LOG_MODAL.acceleratorPhase.block,
};
