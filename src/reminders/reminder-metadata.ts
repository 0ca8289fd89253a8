/**
 * Every reminder the bot posts carries Slack message metadata naming the outbox keys it delivers,
 * so after a crash the dispatcher can find out from the channel's history whether a message
 * already went out. Slack's metadata payload takes no arrays of strings, so keys travel as one
 * space-separated string (keys never contain spaces).
 */
export const REMINDER_EVENT_TYPE = 'cs_bot_reminder';

export function reminderMetadata(keys: string[]): { event_type: string; event_payload: { keys: string } } {
  return { event_type: REMINDER_EVENT_TYPE, event_payload: { keys: keys.join(' ') } };
}

/** The outbox keys a message's metadata names, or none when it is not one of our reminders. */
export function keysInMetadata(metadata: unknown): string[] {
  const candidate = metadata as { event_type?: unknown; event_payload?: { keys?: unknown } } | null | undefined;
  if (candidate?.event_type !== REMINDER_EVENT_TYPE) return [];
  const keys = candidate.event_payload?.keys;
  if (typeof keys === 'string') return keys.split(' ').filter(Boolean);
  if (Array.isArray(keys)) return keys.filter((key): key is string => typeof key === 'string');
  return [];
}
