import type { AppDeps } from '../../src/app-deps';
import { withRequestTimeouts } from '../../src/db/request-timeouts';
import { commandKey } from '../../src/requests/handled-requests';
import type { KnownBlock } from '../../src/slack/block-kit';
import { type CsCommand, parseCsCommand } from '../../src/slack/cs-command';
import { deferAfterAck } from '../../src/slack/failure-answers';
import { createSlackPoster } from '../../src/slack/slack-poster';
import { accountAddModalFor } from '../../src/use-cases/add-account';
import { accountEditModalFor } from '../../src/use-cases/edit-account';
import { listTasks } from '../../src/use-cases/list-tasks';
import { logModalFor } from '../../src/use-cases/open-log-modal';
import { quickLog } from '../../src/use-cases/quick-log';
import { recordRenewal } from '../../src/use-cases/record-renewal';
import { showAccelerators } from '../../src/use-cases/show-accelerators';
import { showAccount } from '../../src/use-cases/show-account';
import { showReport } from '../../src/use-cases/show-report';
import { showTimeline } from '../../src/use-cases/show-timeline';
import { startAcceleratorModalFor } from '../../src/use-cases/start-accelerator';
import { helpMessage } from '../../src/views/help-message';
import type { CommandArgs } from '../listener-args';

/** A subcommand the parser knows but this switch does not handle fails to compile here. */
function unhandled(request: never): never {
  throw new Error(`Unhandled /cs subcommand: ${JSON.stringify(request)}`);
}

/** `/cs …`: every subcommand answers the caller only (ephemeral), through the response_url. */
export function csCommand(deps: AppDeps) {
  return async ({ command, ack, respond, client, body, logger }: CommandArgs): Promise<void> => {
    await ack();
    const request = parseCsCommand(command.text);
    const answer = () => answerCsCommand(deps, request, { command, respond, client });
    // A modal must open within its trigger's 3 seconds, so it never waits behind the queue.
    if (
      request.kind === 'log-modal' ||
      request.kind === 'account-add' ||
      request.kind === 'account-edit' ||
      request.kind === 'accelerator-start'
    )
      await withRequestTimeouts(answer);
    else deferAfterAck(deps.afterAck, { body, client, logger, respond }, answer);
  };
}

async function answerCsCommand(
  deps: AppDeps,
  request: CsCommand,
  { command, respond, client }: Pick<CommandArgs, 'command' | 'respond' | 'client'>,
): Promise<void> {
  const reply = (message: { text: string; blocks?: KnownBlock[] }) =>
    respond({ response_type: 'ephemeral', replace_original: false, ...message });
  switch (request.kind) {
    case 'help':
      await reply(helpMessage({ admins: deps.admins }));
      return;
    case 'unknown':
      await reply(helpMessage({ unknownWord: request.word, admins: deps.admins }));
      return;
    case 'account-help':
      await reply({
        text: 'Use `/cs account <name>` to see an account, `/cs account edit <name>` to change one, or `/cs account add` to add one.',
      });
      return;
    case 'log-modal':
      await client.views.open({
        trigger_id: command.trigger_id,
        view: await logModalFor(deps, { channelId: command.channel_id }),
      });
      return;
    case 'log-quick': {
      const result = await quickLog(
        { ...deps, slack: createSlackPoster(client) },
        { text: request.text, userId: command.user_id, requestKey: commandKey(command.trigger_id) },
        deps.now(),
      );
      if (result.message) await reply({ text: result.message });
      return;
    }
    case 'account-add': {
      const modal = accountAddModalFor(deps, { userId: command.user_id, channelId: command.channel_id });
      if (modal.ok) await client.views.open({ trigger_id: command.trigger_id, view: modal.view });
      else await reply({ text: modal.message });
      return;
    }
    case 'account-edit': {
      const modal = await accountEditModalFor(deps, { userId: command.user_id, accountName: request.name });
      if (modal.ok) await client.views.open({ trigger_id: command.trigger_id, view: modal.view });
      else await reply({ text: modal.message });
      return;
    }
    case 'account-show':
      await reply(await showAccount(deps, request.name, deps.now()));
      return;
    case 'tasks':
      await reply(await listTasks(deps, { userId: command.user_id, accountName: request.accountName }, deps.now()));
      return;
    case 'renewed': {
      const result = await recordRenewal(
        deps,
        { accountName: request.accountName, userId: command.user_id, requestKey: commandKey(command.trigger_id) },
        deps.now(),
      );
      if (result.message) await reply({ text: result.message });
      return;
    }
    case 'accelerator-help':
      await reply({
        text: 'Use `/cs accelerator start` (or `/cs accelerator start <account>`) to start one, or `/cs accelerator <account>` to see the running one and the contract year.',
      });
      return;
    case 'accelerator-start': {
      const modal = await startAcceleratorModalFor(
        deps,
        { userId: command.user_id, accountName: request.accountName ?? undefined, channelId: command.channel_id },
        deps.now(),
      );
      if (modal.ok) await client.views.open({ trigger_id: command.trigger_id, view: modal.view });
      else await reply({ text: modal.message });
      return;
    }
    case 'timeline':
      await reply(
        request.accountName
          ? await showTimeline(deps, request.accountName)
          : { text: 'Use `/cs timeline <account>` to see its activities, newest first.' },
      );
      return;
    case 'accelerator-show':
      await reply(
        await showAccelerators(deps, { userId: command.user_id, accountName: request.accountName }, deps.now()),
      );
      return;
    case 'report':
      await reply(await showReport(deps, { userId: command.user_id }, deps.now()));
      return;
    default:
      return unhandled(request);
  }
}
