import type { AppDeps } from '../../src/app-deps';
import { logModalFor, logModalFromMessage } from '../../src/use-cases/open-log-modal';
import type { GlobalShortcutArgs, MessageShortcutArgs } from '../listener-args';

export const LOG_ACTIVITY_SHORTCUT = 'log_activity_shortcut';
export const LOG_FROM_MESSAGE_SHORTCUT = 'log_activity_from_message';

/** The global shortcut: the log modal from anywhere in Slack. */
export function logActivityShortcut(deps: AppDeps) {
  return async ({ ack, shortcut, client }: GlobalShortcutArgs): Promise<void> => {
    await ack();
    await client.views.open({ trigger_id: shortcut.trigger_id, view: await logModalFor(deps, {}) });
  };
}

/** The message shortcut: log a message as an activity, its text as the notes, its channel's account. */
export function logFromMessageShortcut(deps: AppDeps) {
  return async ({ ack, shortcut, client }: MessageShortcutArgs): Promise<void> => {
    await ack();
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: await logModalFromMessage(
        { ...deps, slack: client },
        { channelId: shortcut.channel.id, ts: shortcut.message.ts, text: shortcut.message.text ?? '' },
      ),
    });
  };
}
