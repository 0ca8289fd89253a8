import type { types } from '@slack/bolt';

/**
 * The metadata every reminder carries. It is how a dispatcher that lost Slack's answer (or died
 * before recording it) finds out afterwards whether the message went out, instead of guessing.
 */

export const REMINDER_EVENT_TYPE = 'cs_bot_reminder';

export interface ReminderMetadata {
  event_type: typeof REMINDER_EVENT_TYPE;
  event_payload: { keys: string[] };
}

export function reminderMetadata(keys: string[]): ReminderMetadata {
  return { event_type: REMINDER_EVENT_TYPE, event_payload: { keys } };
}

/** Slack accepts a list of strings in event_payload; @slack/types only describes scalars and objects. */
export function slackMetadata(metadata: ReminderMetadata): types.MessageMetadata {
  return metadata as unknown as types.MessageMetadata;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The notification keys a history message was posted for; empty when it is not one of ours. */
export function reminderKeysOf(message: unknown): string[] {
  if (!isRecord(message) || !isRecord(message.metadata)) return [];
  const { event_type: eventType, event_payload: payload } = message.metadata;
  if (eventType !== REMINDER_EVENT_TYPE || !isRecord(payload) || !Array.isArray(payload.keys)) return [];
  return payload.keys.filter((key): key is string => typeof key === 'string');
}
