import type { App, Logger, ReceiverEvent } from '@slack/bolt';
import type { z } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '../domain/control-characters';
import { MODAL_ERROR_BLOCKS } from './modal-error-blocks';
import {
  appHomeOpenedShape,
  blockActionsShape,
  blockSuggestionShape,
  eventEnvelopeShape,
  globalShortcutShape,
  messageShortcutShape,
  slashCommandShape,
  viewSubmissionShape,
} from './payload-shapes';
import { noticeHome, type PersonTeller, tellPerson } from './tell-person';

export const UNREADABLE_COMMAND = 'cs-bot could not read that command, so nothing was done; try it again.';
export const COMMAND_CONTROL_CHARACTERS = `That command ${CONTROL_CHARACTERS_MESSAGE}.`;
export const UNREADABLE_CLICK =
  'cs-bot could not read that click, so nothing was changed; reload the message or the Home tab and try again.';
export const UNREADABLE_FORM = 'cs-bot could not read this form, so nothing was saved; close it and open it again.';
export const UNREADABLE_SHORTCUT = 'cs-bot could not read that shortcut, so nothing was opened; try it again.';

type Ack = (response?: object) => Promise<void>;

/** What a refusal needs: the raw body, the receiver's ack, and a client to tell the sender with. */
interface Refusal {
  body: unknown;
  ack: Ack;
  client: PersonTeller;
}

/** Reads a field that may be anything; only a usable string comes back. */
function readableString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 255 && !hasControlCharacters(value)
    ? value
    : undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Tells whoever sent an unreadable click or shortcut, when the payload says who (and where) they are. */
async function tellSender(args: Refusal, text: string): Promise<void> {
  const userId = readableString(field(field(args.body, 'user'), 'id'));
  if (!userId) return;
  if (field(field(args.body, 'view'), 'type') === 'home') {
    await args.client.views.publish({ user_id: userId, view: noticeHome(text) });
    return;
  }
  await tellPerson(args.client, { userId, channelId: readableString(field(field(args.body, 'channel'), 'id')) }, text);
}

/** What a refused request answers, by kind: in the ack where Slack reads one, else to the person after it. */
async function refuse(args: Refusal, kind: string): Promise<void> {
  switch (kind) {
    case 'command': {
      const text = readableCommandText(args.body);
      // A command's ack body is shown to the caller alone, so no response_url is needed.
      await args.ack({
        response_type: 'ephemeral',
        text: text !== undefined && hasControlCharacters(text) ? COMMAND_CONTROL_CHARACTERS : UNREADABLE_COMMAND,
      });
      return;
    }
    case 'view_submission': {
      const block = MODAL_ERROR_BLOCKS[String(field(field(args.body, 'view'), 'callback_id'))];
      await args.ack(block ? { response_action: 'errors', errors: { [block]: UNREADABLE_FORM } } : undefined);
      return;
    }
    case 'block_suggestion':
      await args.ack({ options: [] });
      return;
    case 'block_actions':
      await args.ack();
      await tellSender(args, UNREADABLE_CLICK);
      return;
    case 'shortcut':
    case 'message_action':
      await args.ack();
      await tellSender(args, UNREADABLE_SHORTCUT);
      return;
    default:
      // Events were acked by Bolt already; an unreadable one is dropped.
      await args.ack();
  }
}

function readableCommandText(body: unknown): string | undefined {
  const text = field(body, 'text');
  return typeof text === 'string' ? text : undefined;
}

/**
 * Which schema a request must match, decided in the order Bolt routes it (an `event` field makes
 * it an event, then `command`, then options, then actions…), so the check covers what Bolt reads.
 */
function shapeOf(body: unknown): { kind: string; shape: z.ZodType; part: unknown } | null {
  const event = field(body, 'event');
  if (event !== undefined) {
    return field(event, 'type') === 'app_home_opened' && eventEnvelopeShape.safeParse(body).success
      ? { kind: 'event', shape: appHomeOpenedShape, part: event }
      : { kind: 'event', shape: eventEnvelopeShape, part: body };
  }
  if (field(body, 'command') !== undefined) return { kind: 'command', shape: slashCommandShape, part: body };
  const type = field(body, 'type');
  if (field(body, 'name') !== undefined || type === 'block_suggestion') {
    return { kind: 'block_suggestion', shape: blockSuggestionShape, part: body };
  }
  if (field(body, 'actions') !== undefined || type === 'dialog_submission') {
    return { kind: 'block_actions', shape: blockActionsShape, part: body };
  }
  switch (type) {
    case 'shortcut':
      return { kind: type, shape: globalShortcutShape, part: body };
    case 'message_action':
      return { kind: type, shape: messageShortcutShape, part: body };
    case 'view_submission':
      return { kind: type, shape: viewSubmissionShape, part: body };
    default:
      return null;
  }
}

/** Why a body does not match the shape its listener reads, or null when it does (or no listener reads it). */
function problemWith(body: unknown): { kind: string; issues: string } | null {
  const expected = shapeOf(body);
  if (!expected) return null;
  const parsed = expected.shape.safeParse(expected.part);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    return { kind: expected.kind, issues };
  }
  const commandText = expected.kind === 'command' ? readableCommandText(body) : undefined;
  if (commandText !== undefined && hasControlCharacters(commandText)) {
    return { kind: expected.kind, issues: 'text: contains a control character' };
  }
  return null;
}

/**
 * Guards every request before Bolt reads it: Bolt itself reads `user`, `team` and the like before
 * any middleware runs (a view submission with no user made it answer 500), so the check wraps
 * the app's entry point, which both receivers (HTTP and Socket Mode) call. A payload that does
 * not match the schemas of src/slack/payload-shapes.ts is acked and answered with what went
 * wrong, and goes no further; the listeners can trust the shapes Bolt's types promise. And a
 * request Bolt left unacked (a kind nothing listens to, or a failure inside Bolt) is acked at the
 * end with an empty answer, so Slack never waits 3 seconds for Bolt's 404 or gets a 500.
 */
export function guardIncomingRequests(app: App, logger: Logger): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    let acked = false;
    const ack: Ack = (response) => {
      acked = true;
      return event.ack(response);
    };
    const problem = problemWith(event.body);
    if (problem) {
      logger.warn(`Refused a malformed Slack ${problem.kind} request (${problem.issues.slice(0, 500)})`);
      try {
        await refuse({ body: event.body, ack, client: app.client }, problem.kind);
      } catch (error) {
        logger.warn('Could not tell the sender of a malformed request', error);
      } finally {
        if (!acked) await ack();
      }
      return;
    }
    try {
      await processEvent({ ...event, ack });
    } catch (error) {
      logger.error('Bolt failed on a request before any listener could answer it', error);
    } finally {
      if (!acked) await ack().catch(() => {});
    }
  };
}
