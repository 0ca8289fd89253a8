import type { Logger, types } from '@slack/bolt';
import type { Account } from '../domain/account';
import { SNOOZE_CHOICES, type SnoozeChoice } from '../domain/task';
import { messagesShowingTasks, rowsOfMessage } from '../outbox';
import type { KnownBlock } from '../slack/block-kit';
import type { TaskChange } from '../tasks/task-repository';
import { reminderMetadata, slackMetadata } from './dispatch/reminder-metadata';
import { createNotificationRenderer } from './render-notification';
import { type PlannerDeps, replanAccount } from './run-planner';

interface ChatUpdater {
  chat: {
    update(args: {
      channel: string;
      ts: string;
      text: string;
      blocks: KnownBlock[];
      metadata: types.MessageMetadata;
    }): Promise<unknown>;
  };
}

export interface RemindersDeps extends PlannerDeps {
  slack: ChatUpdater;
  logger: Pick<Logger, 'warn'>;
  /** Told when a replan queued messages, so the dispatcher sends them now rather than at the next minute. */
  onMessagesQueued?: () => void;
  /** Told whose data a change touched (an account's team, a task's holder), so their Homes are refreshed. */
  onPeopleAffected?: (userIds: string[]) => void;
}

const teamOf = (account: Account) => account.team.map((member) => member.slackUserId);

export type MessageRef = { channel: string; ts: string };

/** What people do to tasks from Slack, and keeping the reminder messages in step with it. */
export function createRemindersService(deps: RemindersDeps) {
  const render = createNotificationRenderer(deps);

  /** Re-renders messages already in Slack so they show who did what; a failure is logged, not thrown. */
  async function refreshMessages(messages: MessageRef[], now: Date): Promise<number> {
    let refreshed = 0;
    const unique = new Map(messages.map((message) => [`${message.channel}|${message.ts}`, message]));
    for (const { channel, ts } of unique.values()) {
      const rows = await rowsOfMessage(deps.db, channel, ts);
      const message =
        rows.length > 0 ? await render(rows, { late: rows.some((row) => row.late), now, mode: 'refresh' }) : null;
      if (!message) continue;
      try {
        await deps.slack.chat.update({
          channel,
          ts,
          text: message.text,
          blocks: message.blocks,
          metadata: slackMetadata(reminderMetadata(rows.map((row) => row.key))),
        });
        refreshed += 1;
      } catch (error) {
        deps.logger.warn(`Could not update reminder ${channel}/${ts}: ${(error as Error).message}`);
      }
    }
    return refreshed;
  }

  async function refreshTask(taskId: string, now: Date, alsoMessage?: MessageRef): Promise<void> {
    const task = await deps.tasks.findById(taskId);
    if (task?.forUser) deps.onPeopleAffected?.([task.forUser]);
    const messages = await messagesShowingTasks(deps.db, [taskId]);
    await refreshMessages(alsoMessage ? [...messages, alsoMessage] : messages, now);
  }

  /** Replans the account now; the messages of tasks that completed or reopened show it. */
  async function replanChanged(account: Account, now: Date): Promise<{ completed: string[]; reopened: string[] }> {
    const sync = await replanAccount(deps, account, now);
    deps.onPeopleAffected?.(teamOf(account));
    if (sync.queued > 0) deps.onMessagesQueued?.();
    // Completed tasks' messages say "done"; reopened ones get their buttons back.
    const changed = [...sync.completed, ...sync.reopened];
    if (changed.length > 0) await refreshMessages(await messagesShowingTasks(deps.db, changed), now);
    return { completed: sync.completed, reopened: sync.reopened };
  }

  return {
    refreshMessages,

    /** The tasks a sent message shows (one reminder, a combined backlog or a digest): what its buttons may name. */
    async tasksShownOn({ channel, ts }: MessageRef): Promise<string[]> {
      return (await rowsOfMessage(deps.db, channel, ts)).flatMap((row) => row.taskIds);
    },

    /** After an account changed (an activity, a renewal): its plan now; the tasks its activities completed. */
    async accountChanged(account: Account, now: Date): Promise<string[]> {
      return (await replanChanged(account, now)).completed;
    },

    /**
     * After an edit of the account: its plan now. Tasks that moved to a role's new holder show the
     * new person on their messages; tasks that no longer fit close with `closeReason` (the dates
     * changed), and their messages say so.
     */
    async accountEdited(
      account: Account,
      now: Date,
      options: { closeReason?: string; formerMembers?: string[] } = {},
    ): Promise<void> {
      const { formerMembers = [], ...replan } = options;
      const sync = await replanAccount(deps, account, now, replan);
      deps.onPeopleAffected?.([...teamOf(account), ...formerMembers]);
      if (sync.queued > 0) deps.onMessagesQueued?.();
      const changed = [...sync.completed, ...sync.reopened, ...sync.reassigned, ...sync.closed];
      if (changed.length > 0) await refreshMessages(await messagesShowingTasks(deps.db, changed), now);
    },

    /** After a correction: as `accountChanged`, and also the tasks it reopened. */
    replanChanged,

    /** Snoozes a task once per `requestKey` (see src/requests/handled-requests.ts); only a change refreshes its messages. */
    async snooze(
      taskId: string,
      by: string,
      choice: SnoozeChoice,
      now: Date,
      requestKey: string,
      clicked?: MessageRef,
    ): Promise<{ change: TaskChange; until: Date }> {
      const until = new Date(now.getTime() + SNOOZE_CHOICES[choice] * 24 * 60 * 60 * 1000);
      const change = await deps.tasks.snooze(taskId, by, until, now, requestKey);
      if (change === 'changed') await refreshTask(taskId, now, clicked);
      return { change, until };
    },

    /** Closes a task as not needed once per `requestKey`; only a change refreshes its messages. */
    async markNotNeeded(
      taskId: string,
      by: string,
      reason: string,
      now: Date,
      requestKey: string,
      clicked?: MessageRef,
    ): Promise<TaskChange> {
      const change = await deps.tasks.markNotNeeded(taskId, by, reason, now, requestKey);
      if (change === 'changed') await refreshTask(taskId, now, clicked);
      return change;
    },
  };
}

export type RemindersService = ReturnType<typeof createRemindersService>;
