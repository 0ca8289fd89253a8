export { createDispatcher } from './dispatcher';
export { createReminderSlackClient } from './slack-client';
export { DEFAULT_DISPATCHER_OPTIONS } from './options';
export { REMINDER_EVENT_TYPE, reminderKeysOf } from './reminder-metadata';
export { channelBrokenKey } from './broken-channel';
export { adminCopyKey } from './route-rows';
export type {
  Dispatcher,
  DispatcherDeps,
  DispatcherOptions,
  DispatchLogger,
  DispatchReport,
  NotificationRow,
  RenderContext,
  RenderedMessage,
  RenderMessage,
} from './types';
