import { ACCELERATOR_MODAL } from '../views/accelerator-modal';
import { ACCOUNT_MODAL } from '../views/account-add-modal';
import { LOG_MODAL } from '../views/log-activity-modal';
import { NOT_NEEDED_MODAL } from '../views/not-needed-modal';

/**
 * The block of each modal that always exists and can carry a whole-form error: an answer with
 * `response_action: "errors"` there keeps the modal open with everything typed in it.
 */
export const MODAL_ERROR_BLOCKS: Readonly<Record<string, string>> = {
  [LOG_MODAL.callbackId]: LOG_MODAL.notes.block,
  [LOG_MODAL.editCallbackId]: LOG_MODAL.notes.block,
  [ACCOUNT_MODAL.callbackId]: ACCOUNT_MODAL.name.block,
  [ACCOUNT_MODAL.editCallbackId]: ACCOUNT_MODAL.name.block,
  [ACCELERATOR_MODAL.callbackId]: ACCELERATOR_MODAL.startsOn.block,
  [NOT_NEEDED_MODAL.callbackId]: NOT_NEEDED_MODAL.reason.block,
};
