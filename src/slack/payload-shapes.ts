import { z } from 'zod';
import { hasControlCharacters } from '../domain/control-characters';

/**
 * The parts of Slack's payloads that the listeners read, as zod schemas: a request that does not
 * match is answered by the shape guard (src/slack/shape-guard.ts) and never reaches a listener,
 * so listeners can trust Bolt's types. Extra fields pass through; Slack adds them over time.
 */

/** An id, a timestamp or a value: what PostgreSQL would refuse (NUL) never gets as far as a query. */
const slackString = z
  .string()
  .min(1)
  .max(255)
  .refine((text) => !hasControlCharacters(text), 'contains a control character');

/** What a person typed (notes, a reason): long and any character; the use-cases validate it. */
const typedText = z.string().max(20_000);

const user = z.looseObject({ id: slackString });

const option = z.looseObject({
  value: slackString,
  text: z.looseObject({ text: z.string().max(3_000) }),
});

/** One element of a view's state, as view-state.ts reads it. */
const elementState = z.looseObject({
  type: slackString,
  value: typedText.nullish(),
  selected_option: option.nullish(),
  selected_date: slackString.nullish(),
  selected_users: z.array(slackString).max(100).nullish(),
});

export const viewStateValues = z.record(slackString, z.record(slackString, elementState));

const view = z.looseObject({
  id: slackString,
  hash: slackString,
  type: slackString,
  callback_id: z.string().max(255),
  private_metadata: z.string().max(3_000),
  state: z.looseObject({ values: viewStateValues }),
});

/** The form fields of a slash command (all strings, as Slack form-encodes them). */
export const slashCommandShape = z.looseObject({
  command: slackString,
  text: z.string().max(4_000),
  user_id: slackString,
  channel_id: slackString,
  trigger_id: slackString,
  response_url: z.url(),
});

const action = z.looseObject({
  type: slackString,
  action_id: slackString,
  block_id: slackString.optional(),
  value: z
    .string()
    .max(2_000)
    .refine((text) => !hasControlCharacters(text), 'contains a control character')
    .optional(),
  selected_option: option.nullish(),
});

export const blockActionsShape = z.looseObject({
  type: z.literal('block_actions'),
  user,
  trigger_id: slackString,
  actions: z.array(action).min(1).max(1),
  channel: z.looseObject({ id: slackString }).optional(),
  message: z.looseObject({ ts: slackString }).optional(),
  container: z.looseObject({ is_ephemeral: z.boolean().optional() }).optional(),
  view: view.optional(),
  response_url: z.url().optional(),
});

export const viewSubmissionShape = z.looseObject({
  type: z.literal('view_submission'),
  user,
  view,
});

export const blockSuggestionShape = z.looseObject({
  type: z.literal('block_suggestion'),
  user,
  action_id: slackString,
  value: z.string().max(3_000),
});

export const globalShortcutShape = z.looseObject({
  type: z.literal('shortcut'),
  user,
  callback_id: slackString,
  trigger_id: slackString,
});

export const messageShortcutShape = z.looseObject({
  type: z.literal('message_action'),
  user,
  callback_id: slackString,
  trigger_id: slackString,
  channel: z.looseObject({ id: slackString }),
  // A message of only files or attachments has no text; its notes start empty.
  message: z.looseObject({ ts: slackString, text: typedText.optional() }),
});

/** Any Events API envelope: Bolt reads the event's type (and more) before any listener runs. */
export const eventEnvelopeShape = z.looseObject({
  event: z.looseObject({
    type: slackString,
    // Where Bolt looks for the conversation: null here once made it throw before any listener.
    channel: z.union([z.string(), z.looseObject({ id: z.string().optional() })]).optional(),
    channel_id: z.string().optional(),
    item: z.looseObject({ channel: z.string().optional() }).optional(),
  }),
});

export const appHomeOpenedShape = z.looseObject({
  type: z.literal('app_home_opened'),
  user: slackString,
  tab: slackString,
});
