import { z } from 'zod';
import type { AppDeps } from '../../src/app-deps';
import { dayIn, formatDay } from '../../src/domain/calendar-day';
import { activityTypeForRule } from '../../src/reminders/reminders-service';
import { escapeMrkdwn } from '../../src/slack/mrkdwn';
import { logModalFor } from '../../src/use-cases/open-log-modal';
import { publishHome } from '../../src/use-cases/publish-home';
import { buildNotNeededModal } from '../../src/views/not-needed-modal';
import { parseSnoozeValue } from '../../src/views/task-reminder';
import type { BlockActionArgs } from '../listener-args';

const taskId = z.uuid();

/** The message a button sits on, when it sits on a (non-ephemeral) message. */
function clickedMessage(body: BlockActionArgs['body']): { channel: string; ts: string } | undefined {
  const channel = body.channel?.id;
  const ts = body.message?.ts;
  return channel && ts && !body.container?.is_ephemeral ? { channel, ts } : undefined;
}

function actionValue(action: BlockActionArgs['action']): string | undefined {
  if (action.type === 'button') return action.value;
  if (action.type === 'static_select') return action.selected_option?.value;
  return undefined;
}

const clickedOnHome = (body: BlockActionArgs['body']) => body.view?.type === 'home';

/**
 * Tells the person who clicked, and only them. On the Home tab there is no conversation for an
 * ephemeral message, so the Home is re-published with the notice in it (and fresh tasks).
 */
async function tellClicker(deps: AppDeps, { body, client }: BlockActionArgs, text: string): Promise<void> {
  if (clickedOnHome(body) || !body.channel?.id) {
    await publishHome({ ...deps, slack: client }, { userId: body.user.id, notice: text }, deps.now());
    return;
  }
  await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text });
}

/** "Log it": the log modal with the task's account and activity type filled in. */
export function taskLogClicked(deps: AppDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const id = taskId.safeParse(actionValue(args.action));
    const task = id.success ? await deps.tasks.findById(id.data) : null;
    if (!task) return tellClicker(deps, args, 'That task no longer exists.');
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: await logModalFor(deps, { accountId: task.accountId, type: activityTypeForRule(task.ruleId) }),
    });
  };
}

/** "Snooze": hides the task for the chosen time and shows who snoozed it on the message. */
export function taskSnoozeChosen(deps: AppDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const parsed = parseSnoozeValue(actionValue(args.action));
    if (!parsed) return tellClicker(deps, args, 'I did not understand that snooze choice.');
    const until = await deps.reminders.snooze(
      parsed.taskId,
      args.body.user.id,
      parsed.choice,
      deps.now(),
      clickedMessage(args.body),
    );
    if (!until) {
      await tellClicker(deps, args, 'That task is already closed, so there is nothing to snooze.');
    } else if (clickedOnHome(args.body)) {
      await tellClicker(deps, args, `:zzz: Snoozed until ${formatDay(dayIn(until, deps.timeZone))}.`);
    }
  };
}

/** "Not needed": asks why in a modal; the submission closes the task. */
export function taskNotNeededClicked(deps: AppDeps) {
  return async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const id = taskId.safeParse(actionValue(args.action));
    const task = id.success ? await deps.tasks.findById(id.data) : null;
    if (!task) return tellClicker(deps, args, 'That task no longer exists.');
    if (task.status !== 'open' && task.status !== 'snoozed') {
      return tellClicker(deps, args, `*${escapeMrkdwn(task.title)}* is already closed.`);
    }
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: buildNotNeededModal(task, {
        taskId: task.id,
        ...clickedMessage(args.body),
        ...(clickedOnHome(args.body) ? { fromHome: true } : {}),
      }),
    });
  };
}
