import type { FieldErrors } from '../../src/domain/field-errors';
import { ACCOUNT_MODAL, ACCOUNT_MODAL_ERROR_BLOCKS } from '../../src/views/account-add-modal';
import { toBlockErrors } from '../../src/views/view-state';
import type { ViewSubmissionArgs } from '../listener-args';

type AccountModalResult<Saved> = { ok: false; fieldErrors: FieldErrors } | { ok: 'replayed' } | Saved;

/**
 * Acks an account modal's submission (adding or editing): field errors keep the modal open, and a
 * replay, answered the first time, is acked silently ("that name is taken" would be wrong). The
 * saved result comes back, after the ack, for the caller to announce; otherwise null.
 */
export async function ackAccountModal<Saved extends { ok: true }>(
  ack: ViewSubmissionArgs['ack'],
  result: AccountModalResult<Saved>,
): Promise<Saved | null> {
  if (result.ok === false) {
    await ack({
      response_action: 'errors',
      errors: toBlockErrors(result.fieldErrors, ACCOUNT_MODAL_ERROR_BLOCKS, ACCOUNT_MODAL.name.block),
    });
    return null;
  }
  await ack();
  return result.ok === 'replayed' ? null : (result as Saved);
}
