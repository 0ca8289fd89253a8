import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { ModalView } from '../slack/block-kit';
import { privateMetadata, SLACK_LIMITS, truncateMrkdwn } from '../slack/block-kit-limits';

/** The "…" menu on an activity (its channel summary, `/cs account`): edit or delete it. */
export const ACTIVITY_MENU = { action: 'activity_menu' } as const;

export const DELETE_ACTIVITY_MODAL = { callbackId: 'activity_delete' } as const;

export type ActivityMenuChoice = { choice: 'edit' | 'delete'; activityId: string };

const menuValue = z
  .string()
  .transform((value) => value.split('|'))
  .pipe(z.tuple([z.enum(['edit', 'delete']), z.uuid()]));

export function activityMenu(activityId: string): types.Overflow {
  return {
    type: 'overflow',
    action_id: ACTIVITY_MENU.action,
    options: [
      { text: { type: 'plain_text', text: 'Edit' }, value: `edit|${activityId}` },
      { text: { type: 'plain_text', text: 'Delete' }, value: `delete|${activityId}` },
    ],
  };
}

/** Reads back what `activityMenu` wrote; anything else (a forged or stale value) is null. */
export function parseActivityMenuValue(value: string | undefined): ActivityMenuChoice | null {
  const parsed = menuValue.safeParse(value ?? '');
  return parsed.success ? { choice: parsed.data[0], activityId: parsed.data[1] } : null;
}

const deleteMetadataSchema = z.object({ activityId: z.uuid() });

/** Deleting asks first: the submission is the confirmation, and replays once like any other. */
export function buildDeleteActivityModal(activityId: string, description: string): ModalView {
  return {
    type: 'modal',
    callback_id: DELETE_ACTIVITY_MODAL.callbackId,
    private_metadata: privateMetadata(deleteMetadataSchema.parse({ activityId })),
    title: { type: 'plain_text', text: 'Delete activity' },
    submit: { type: 'plain_text', text: 'Delete' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncateMrkdwn(
            `Delete ${description}? It will no longer count for the account's clocks; a task it completed reopens.`,
            SLACK_LIMITS.text,
          ),
        },
      },
    ],
  };
}

/** The activity a delete modal names; null when its metadata is unreadable (an old or tampered modal). */
export function readDeleteActivityMetadata(metadata: string): string | null {
  try {
    const parsed = deleteMetadataSchema.safeParse(JSON.parse(metadata));
    return parsed.success ? parsed.data.activityId : null;
  } catch {
    return null;
  }
}
