import { z } from 'zod';
import { privateMetadata } from '../slack/block-kit-limits';

/**
 * What the log modal carries from where it was opened to its submission, in private_metadata:
 * a permalink Slack made or the activity being edited, never notes, so it stays far inside the
 * 3,000 characters allowed.
 */
const logModalMetadataSchema = z.object({
  /** The message the message shortcut was used on: the activity links back to it. */
  sourceMessageUrl: z
    .url({ protocol: /^https$/ })
    .max(1000)
    .optional(),
  /** The activity being corrected (the Edit menu): its account is shown, not chosen. */
  editing: z.object({ activityId: z.uuid(), accountName: z.string().max(500) }).optional(),
});

export type LogModalMetadata = z.infer<typeof logModalMetadataSchema>;

/** A permalink the reader would refuse (not https, too long) is not carried at all. */
export function encodeLogModalMetadata(metadata: LogModalMetadata): string {
  const parsed =
    logModalMetadataSchema.safeParse(metadata).data ??
    logModalMetadataSchema.safeParse({ editing: metadata.editing }).data;
  return parsed?.sourceMessageUrl || parsed?.editing ? privateMetadata(parsed) : '';
}

/** Anything unreadable (an old or tampered modal) reads as nothing carried, never as an error. */
export function readLogModalMetadata(privateMetadata: string | undefined): LogModalMetadata {
  if (!privateMetadata) return {};
  try {
    const parsed = logModalMetadataSchema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
