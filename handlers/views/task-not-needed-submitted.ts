import type { AppDeps } from '../../src/app-deps';
import { viewSubmissionKey } from '../../src/requests/handled-requests';
import { markTaskNotNeeded } from '../../src/use-cases/mark-task-not-needed';
import { NOT_NEEDED_MODAL, type NotNeededMetadata, notNeededMetadataSchema } from '../../src/views/not-needed-modal';
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

/**
 * The "Not needed" modal's submission. The checks (the reason, who may, the message the button sat
 * on) run before the ack, because their errors travel in it; the task closes after.
 */
export function taskNotNeededSubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> => {
    const fieldError = (message: string) =>
      ack({ response_action: 'errors', errors: { [NOT_NEEDED_MODAL.reason.block]: message } });
    const metadata = parseMetadata(view.private_metadata);
    if (!metadata) return fieldError('This form lost track of its task; open it again from the reminder.');
    const result = await markTaskNotNeeded(deps, {
      taskId: metadata.taskId,
      userId: body.user.id,
      reason: readState(view.state.values, NOT_NEEDED_MODAL.reason).text,
      clicked: metadata.channel && metadata.ts ? { channel: metadata.channel, ts: metadata.ts } : undefined,
      requestKey: viewSubmissionKey(view.id, view.hash),
    });
    if (!result.ok) return fieldError(result.error);
    await ack();
    const closing = await result.close(deps.now());
    // A replay was answered the first time: telling the person "already closed" now would be wrong.
    if (closing.outcome === 'replayed') return;
    if (closing.outcome === 'already_closed') {
      await client.chat.postMessage({ channel: body.user.id, text: closing.message });
    } else if (metadata.fromHome) {
      await deps.homes.publishNow(body.user.id, { notice: closing.message });
    }
  };
}
