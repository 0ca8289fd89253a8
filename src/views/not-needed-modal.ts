import { z } from 'zod';
import type { ModalView } from '../slack/block-kit';
import { escapeMrkdwn, truncate } from '../slack/mrkdwn';

export const NOT_NEEDED_MODAL = {
  callbackId: 'task_not_needed',
  reason: { block: 'reason', action: 'reason' },
} as const;

export const REASON_MAX_LENGTH = 500;

/** What travels through the modal: the task, and the message whose button opened it. */
export const notNeededMetadataSchema = z.object({
  taskId: z.uuid(),
  channel: z.string().optional(),
  ts: z.string().optional(),
  /** Clicked on the App Home, which is re-published once the task is closed. */
  fromHome: z.boolean().optional(),
});
export type NotNeededMetadata = z.infer<typeof notNeededMetadataSchema>;

export function buildNotNeededModal(
  task: { title: string; accountName: string },
  metadata: NotNeededMetadata,
): ModalView {
  return {
    type: 'modal',
    callback_id: NOT_NEEDED_MODAL.callbackId,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Not needed' },
    submit: { type: 'plain_text', text: 'Close the task' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(`*${escapeMrkdwn(task.title)}* for *${escapeMrkdwn(task.accountName)}*`, 2900),
        },
      },
      {
        type: 'input',
        block_id: NOT_NEEDED_MODAL.reason.block,
        label: { type: 'plain_text', text: 'Why is it not needed?' },
        element: {
          type: 'plain_text_input',
          action_id: NOT_NEEDED_MODAL.reason.action,
          multiline: true,
          max_length: REASON_MAX_LENGTH,
          placeholder: { type: 'plain_text', text: 'e.g. The customer asked to skip the EBR this year' },
        },
      },
    ],
  };
}
