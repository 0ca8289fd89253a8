import type { AppDeps } from '../../src/app-deps';
import { escapeMrkdwn } from '../../src/slack/mrkdwn';
import { publishHome } from '../../src/use-cases/publish-home';
import {
  NOT_NEEDED_MODAL,
  type NotNeededMetadata,
  notNeededMetadataSchema,
  REASON_MAX_LENGTH,
} from '../../src/views/not-needed-modal';
import { readState } from '../../src/views/view-state';
import type { ViewSubmissionArgs } from '../listener-args';

function parseMetadata(privateMetadata: string): NotNeededMetadata | null {
  try {
    const parsed = notNeededMetadataSchema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function taskNotNeededSubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    const reason = readState(view.state.values, NOT_NEEDED_MODAL.reason).text.trim();
    if (!reason || reason.length > REASON_MAX_LENGTH) {
      await ack({
        response_action: 'errors',
        errors: { [NOT_NEEDED_MODAL.reason.block]: `Say why in 1 to ${REASON_MAX_LENGTH} characters.` },
      });
      return;
    }
    const metadata = parseMetadata(view.private_metadata);
    if (!metadata) {
      await ack({
        response_action: 'errors',
        errors: {
          [NOT_NEEDED_MODAL.reason.block]: 'This form lost track of its task; open it again from the reminder.',
        },
      });
      return;
    }
    await ack();
    const clicked = metadata.channel && metadata.ts ? { channel: metadata.channel, ts: metadata.ts } : undefined;
    const closed = await deps.reminders.markNotNeeded(metadata.taskId, body.user.id, reason, deps.now(), clicked);
    if (closed && metadata.fromHome) {
      await publishHome({ ...deps, slack: client }, { userId: body.user.id, notice: 'Marked not needed.' }, deps.now());
    }
    if (!closed) {
      const task = await deps.tasks.findById(metadata.taskId);
      await client.chat.postMessage({
        channel: body.user.id,
        text: `${task ? `*${escapeMrkdwn(task.title)}*` : 'That task'} was already closed, so nothing changed.`,
      });
    }
  };
}
