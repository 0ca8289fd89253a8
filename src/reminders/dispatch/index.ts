export { createDispatcher } from './dispatcher';
export { DEFAULT_DISPATCHER_OPTIONS, resolveOptions, sharedStatementWindowMs } from './options';
export { REMINDER_EVENT_TYPE, reminderKeysOf } from './reminder-metadata';
export { createReminderSlackClient } from './slack-client';
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
