import { z } from 'zod';
import type { AppDeps } from '../../src/app-deps';
import { blockActionKey } from '../../src/requests/handled-requests';
import { notNeededModalFor } from '../../src/use-cases/mark-task-not-needed';
import { logModalForTask } from '../../src/use-cases/open-log-modal';
import { snoozeTask } from '../../src/use-cases/snooze-task';
import { TASK_GONE } from '../../src/use-cases/task-access';
import { parseSnoozeValue } from '../../src/views/task-reminder';
import type { BlockActionArgs } from '../listener-args';
import { actionValue } from './action-value';

const taskId = z.uuid();

/** The message a button sits on, when it sits on a (non-ephemeral) message. */
function clickedMessage(body: BlockActionArgs['body']): { channel: string; ts: string } | undefined {
  const channel = body.channel?.id;
  const ts = body.message?.ts;
  return channel && ts && !body.container?.is_ephemeral ? { channel, ts } : undefined;
}

const clickedOnHome = (body: BlockActionArgs['body']) => body.view?.type === 'home';

/**
 * Tells the person who clicked, and only them. On the Home tab there is no conversation for an
 * ephemeral message, so the Home is re-published with the notice in it (and fresh tasks).
 */
async function tellClicker(deps: AppDeps, { body, client }: BlockActionArgs, text: string): Promise<void> {
  if (clickedOnHome(body) || !body.channel?.id) {
    await deps.homes.publishNow(body.user.id, { notice: text });
    return;
  }
  await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text });
}

/** "Log it": the log modal with the task's account and activity type filled in. */
export function taskLogClicked(deps: AppDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const id = taskId.safeParse(actionValue(args.action));
    if (!id.success) return tellClicker(deps, args, TASK_GONE);
    const opened = await logModalForTask(deps, {
      taskId: id.data,
      userId: args.body.user.id,
      clicked: clickedMessage(args.body),
    });
    if (!opened.ok) return tellClicker(deps, args, opened.message);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: opened.view });
  };
}

/**
 * "Snooze": hides the task for the chosen time and shows who snoozed it on the message, for the
 * account's team and the CS admins; anyone else is told who can.
 */
export function taskSnoozeChosen(deps: AppDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const parsed = parseSnoozeValue(actionValue(args.action));
    if (!parsed) return tellClicker(deps, args, 'I did not understand that snooze choice.');
    const result = await snoozeTask(
      deps,
      {
        ...parsed,
        userId: args.body.user.id,
        clicked: clickedMessage(args.body),
        requestKey: blockActionKey(args.body.trigger_id),
      },
      deps.now(),
    );
    // A replay was answered the first time.
    if (result.ok === 'replayed') return;
    // On a message, the message itself now shows the snooze.
    if (!result.ok || clickedOnHome(args.body)) await tellClicker(deps, args, result.message);
  };
}

/** "Not needed": asks why in a modal (for those who may close the task); the submission closes it. */
export function taskNotNeededClicked(deps: AppDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const id = taskId.safeParse(actionValue(args.action));
    if (!id.success) return tellClicker(deps, args, TASK_GONE);
    const modal = await notNeededModalFor(deps, {
      taskId: id.data,
      userId: args.body.user.id,
      clicked: clickedMessage(args.body),
      fromHome: clickedOnHome(args.body),
    });
    if (!modal.ok) return tellClicker(deps, args, modal.message);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: modal.view });
  };
}
