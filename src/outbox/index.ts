/**
 * The outbox: the one module that queries the notifications table. The planner queues through
 * planner-queue, the dispatcher claims and marks through dispatch-store, the reminders service and
 * previews read through message-reads; the keys that make each message exist once are in outbox-keys.
 */
export { type ClaimHolder, holderKey } from './claim-holders';
export { createOutboxStore, type OutboxStore, type StaleClaim, type StaleTakeover } from './dispatch-store';
export type { LaneClaim } from './lane-claims';
export { messagesShowingTasks, pendingDueWithAccount, rowsOfMessage } from './message-reads';
export { adminCopyKey, channelBrokenKey, digestKey, taskOpenedKey, teamDigestKey } from './outbox-keys';
export { laneOf, type NewNotification, type NotificationRow } from './outbox-rows';
export {
  type DigestInput,
  existingKeys,
  type QueuedRow,
  queueDigests,
  queueTaskOpened,
  queueTeamDigest,
  type TaskOpenedInput,
  type TeamDigestInput,
} from './planner-queue';
