import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import { isDatabaseUnreachable } from '../db/database-unreachable';
import { requestWrote, withRequestTimeouts } from '../db/request-timeouts';
import type { AfterAck } from './after-ack-queue';
import { failureMessage } from './failure-messages';
import { MODAL_ERROR_BLOCKS } from './modal-error-blocks';
import { noticeHome, tellPerson } from './tell-person';

/** What every listener's arguments share that a failure answer needs; the rest is read from `body`. */
interface FailureArgs {
  body: unknown;
  client: AllMiddlewareArgs['client'];
  logger: AllMiddlewareArgs['logger'];
  respond?: RespondFn;
}

/** The fields of the bodies the shape guard has already checked, read loosely: any may be absent. */
interface LooseBody {
  type?: string;
  command?: string;
  user?: { id?: string };
  user_id?: string;
  channel_id?: string;
  channel?: { id?: string };
  view?: { callback_id?: string; type?: string };
  event?: { type?: string; user?: string };
  container?: { is_ephemeral?: boolean };
}

type Ack = (response?: object) => Promise<void>;

/**
 * Tells the person after the ack: a command's caller through its response_url, a click or a
 * message shortcut in its conversation, a Home tab on the Home, anyone else in their DM.
 */
async function answerAfterAck(args: FailureArgs, text: string): Promise<void> {
  const body = args.body as LooseBody;
  if (body.command !== undefined && args.respond) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
    return;
  }
  if (body.type === 'block_suggestion') return; // Its only answer was the (empty) option list.
  if (body.type === 'event_callback') {
    if (body.event?.type === 'app_home_opened' && body.event.user) {
      await args.client.views.publish({ user_id: body.event.user, view: noticeHome(text) });
    }
    return;
  }
  const userId = body.user?.id;
  if (!userId) return;
  if (body.type === 'block_actions' && body.view?.type === 'home') {
    await args.client.views.publish({ user_id: userId, view: noticeHome(text) });
    return;
  }
  await tellPerson(args.client, { userId, channelId: body.channel?.id }, text);
}

/** Before the ack: a modal keeps what was typed and shows the error; a typeahead gets no options. */
async function answerInAck(args: FailureArgs, ack: Ack, text: string): Promise<boolean> {
  const body = args.body as LooseBody;
  if (body.type === 'view_submission') {
    const block = MODAL_ERROR_BLOCKS[body.view?.callback_id ?? ''];
    if (!block) return false;
    await ack({ response_action: 'errors', errors: { [block]: text } });
    return true;
  }
  if (body.type === 'block_suggestion') {
    await ack({ options: [] });
    return true;
  }
  return false;
}

/** What to tell the person about a failure, logged as a warning when the database is unreachable. */
function failureText(args: FailureArgs, error: unknown): string {
  const text = failureMessage(error, requestWrote());
  const log = isDatabaseUnreachable(error) ? args.logger.warn : args.logger.error;
  log.call(args.logger, `Answered a failed Slack request: ${text}`, error);
  return text;
}

/**
 * Queues a listener's work for after its ack (src/slack/after-ack-queue.ts) and returns at once,
 * so the listener ends and lets go of its request while the work waits. The work gets the request
 * deadline when it starts, and a failure is answered as `answeringFailures` answers one after an ack.
 */
export function deferAfterAck(afterAck: AfterAck, args: FailureArgs, work: () => Promise<void>): void {
  const unit = () =>
    withRequestTimeouts(async () => {
      try {
        await work();
      } catch (error) {
        await answerAfterAck(args, failureText(args, error));
      }
    });
  afterAck(unit).catch((error: unknown) => {
    args.logger.error('Could not tell the person that their request failed', error);
  });
}

/**
 * Wraps a listener so that whatever it throws becomes an answer to the person (the database
 * unreachable, or anything else), never silence or Bolt's 404, and gives each of its database
 * calls the request deadline (src/db/request-timeouts.ts). The listener's ack is tracked, so an
 * error before it is answered in the ack and one after it through Slack's other ways.
 */
export function answeringFailures<Args extends FailureArgs>(
  listener: (args: Args) => Promise<void>,
  options: {
    /**
     * False for a listener that enters the deadline itself around its database work
     * (`withRequestTimeouts`, `deferAfterAck`): its ack then runs without the deadline's
     * AsyncLocalStorage, whose promise hooks would slow every ack of a burst.
     */
    requestTimeouts?: boolean;
  } = {},
): (args: Args) => Promise<void> {
  const scoped = options.requestTimeouts === false ? (run: () => Promise<void>) => run() : withRequestTimeouts;
  return (args) =>
    scoped(async () => {
      let acked = false;
      const original = (args as { ack?: Ack }).ack;
      const ack: Ack | undefined = original
        ? (response) => {
            acked = true;
            return original(response);
          }
        : undefined;
      try {
        await listener(ack ? { ...args, ack } : args);
      } catch (error) {
        const text = failureText(args, error);
        try {
          const answeredInAck = ack && !acked ? await answerInAck(args, ack, text) : false;
          if (ack && !acked) await ack();
          if (!answeredInAck) await answerAfterAck(args, text);
        } catch (answerError) {
          args.logger.error('Could not tell the person that their request failed', answerError);
        }
      }
    });
}
