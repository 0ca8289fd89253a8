import { z } from 'zod';
import type { ModalView } from '../slack/block-kit';
import { privateMetadata, SLACK_LIMITS, truncateMrkdwn } from '../slack/block-kit-limits';
import { escapeMrkdwn } from '../slack/mrkdwn';

export const NOT_NEEDED_MODAL = {
  callbackId: 'task_not_needed',
  reason: { block: 'reason', action: 'reason' },
} as const;

export const REASON_MAX_LENGTH = 500;

/** A channel id or message ts: Slack's are under 20 characters. */
const slackRef = z.string().max(40);

/**
 * What travels through the modal: the task, and the message whose button opened it. Ids only, never
 * what someone typed, so it stays far inside private_metadata's 3,000 characters.
 */
export const notNeededMetadataSchema = z.object({
  taskId: z.uuid(),
  channel: slackRef.optional(),
  ts: slackRef.optional(),
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
    private_metadata: privateMetadata(notNeededMetadataSchema.parse(metadata)),
    title: { type: 'plain_text', text: 'Not needed' },
    submit: { type: 'plain_text', text: 'Close the task' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncateMrkdwn(
            `*${escapeMrkdwn(task.title)}* for *${escapeMrkdwn(task.accountName)}*`,
            SLACK_LIMITS.text,
          ),
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
