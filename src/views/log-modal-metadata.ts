import { z } from 'zod';

/** What the log modal carries from where it was opened to its submission, in private_metadata. */
const logModalMetadataSchema = z.object({
  /** The message the message shortcut was used on: the activity links back to it. */
  sourceMessageUrl: z
    .url({ protocol: /^https$/ })
    .max(1000)
    .optional(),
});

export type LogModalMetadata = z.infer<typeof logModalMetadataSchema>;

export function encodeLogModalMetadata(metadata: LogModalMetadata): string {
  return metadata.sourceMessageUrl ? JSON.stringify(metadata) : '';
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
