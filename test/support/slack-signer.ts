import { createHmac, randomBytes, randomInt } from 'node:crypto';

/**
 * Sends requests to the app the way Slack does: signed with the signing secret and shaped like
 * Slack's own payloads, so tests go through Bolt's real receiver and signature check.
 */

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function signSlackRequest({
  signingSecret,
  body,
  timestamp = nowSeconds(),
}: {
  signingSecret: string;
  body: string;
  timestamp?: number;
}): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}

export interface PostToAppOptions {
  signingSecret: string;
  path?: string;
  body: string;
  /** Defaults to JSON for bodies that look like JSON, form-encoded otherwise. */
  contentType?: string;
  /** Unix seconds; set it in the past to send a stale request. */
  timestamp?: number;
  /** Replaces the computed signature, to forge a request. */
  signature?: string;
  /** Extra headers, e.g. x-slack-retry-num for a redelivered event. */
  headers?: Record<string, string>;
}

export interface AppResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parses text as JSON; throws when the app did not answer JSON. */
  json(): unknown;
}

export async function postToApp(appUrl: string, options: PostToAppOptions): Promise<AppResponse> {
  const { signingSecret, path = '/slack/events', body, timestamp, signature } = options;
  const signed = signSlackRequest({ signingSecret, body, timestamp });
  const contentType =
    options.contentType ??
    (body.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded');
  const send = () =>
    fetch(new URL(path, appUrl), {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...signed,
        ...(signature === undefined ? {} : { 'x-slack-signature': signature }),
        ...options.headers,
      },
      body,
    });
  // A kept-alive connection the app's server closed while the test was busy elsewhere (seeding
  // hundreds of rows) is reset when reused, before the request was read: sending again is safe.
  const response = await send().catch((error: unknown) => {
    if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return send();
    throw error;
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as unknown,
  };
}

// Defaults that look like a real workspace; tests that care pass their own.
export const DEFAULT_TEAM_ID = 'T0TEAM';
export const DEFAULT_TEAM_DOMAIN = 'cs-team';
export const DEFAULT_API_APP_ID = 'A0APP';
export const DEFAULT_VERIFICATION_TOKEN = 'fakeVerificationToken0';
export const DEFAULT_RESPONSE_URL = 'http://127.0.0.1:9/ignored';

/** Same shape as Slack's trigger ids, e.g. 398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c. */
export function fakeTriggerId(): string {
  return `${randomInt(100_000_000_000, 999_999_999_999)}.${randomInt(10_000_000_000, 99_999_999_999)}.${randomBytes(16).toString('hex')}`;
}

export interface SlashCommandInput {
  command?: string;
  text: string;
  userId: string;
  channelId: string;
  userName?: string;
  channelName?: string;
  triggerId?: string;
  teamId?: string;
  responseUrl?: string;
}

/** A slash command's form body, fields in the order Slack sends them. */
export function slashCommandBody(input: SlashCommandInput): string {
  return new URLSearchParams({
    token: DEFAULT_VERIFICATION_TOKEN,
    team_id: input.teamId ?? DEFAULT_TEAM_ID,
    team_domain: DEFAULT_TEAM_DOMAIN,
    channel_id: input.channelId,
    channel_name: input.channelName ?? (input.channelId.startsWith('D') ? 'directmessage' : 'general'),
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command ?? '/cs',
    text: input.text,
    api_app_id: DEFAULT_API_APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl ?? DEFAULT_RESPONSE_URL,
    trigger_id: input.triggerId ?? fakeTriggerId(),
  }).toString();
}

/** Interactivity arrives as a form with one field, `payload`, holding JSON. */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

interface ActorInput {
  userId: string;
  teamId?: string;
  triggerId?: string;
}

function actor({ userId, teamId = DEFAULT_TEAM_ID }: ActorInput) {
  return {
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId },
    team: { id: teamId, domain: DEFAULT_TEAM_DOMAIN },
    api_app_id: DEFAULT_API_APP_ID,
    token: DEFAULT_VERIFICATION_TOKEN,
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** The view object Slack sends back with interactions, carrying the current input state. */
/** Slack gives every opened view an id of its own; a submission is told apart from a replay by it. */
let viewCount = 0;
const freshViewId = () => `V0TEST${String(++viewCount).padStart(5, '0')}`;

export function viewPayload({
  viewId = freshViewId(),
  callbackId,
  privateMetadata = '',
  values = {},
  hash = '1700000000.abcdef01',
  teamId = DEFAULT_TEAM_ID,
  type = 'modal',
}: {
  /** "home" for the App Home, whose buttons arrive with the Home view. */
  type?: 'modal' | 'home';
  viewId?: string;
  callbackId: string;
  privateMetadata?: string;
  values?: Record<string, Record<string, unknown>>;
  hash?: string;
  teamId?: string;
}) {
  return {
    id: viewId,
    team_id: teamId,
    type,
    callback_id: callbackId,
    private_metadata: privateMetadata,
    blocks: [],
    state: { values },
    hash,
    app_id: DEFAULT_API_APP_ID,
    bot_id: 'B0BOT',
    root_view_id: viewId,
    previous_view_id: null,
    external_id: '',
  };
}

export interface BlockActionInput extends ActorInput {
  actionId: string;
  blockId?: string;
  /** For buttons. */
  value?: string;
  /** For static selects and overflow menus. */
  selectedOption?: { text: string; value: string };
  actionType?: string;
  /** For a button on a message. */
  channelId?: string;
  messageTs?: string;
  /** For a button inside a modal. */
  view?: ReturnType<typeof viewPayload>;
  responseUrl?: string;
}

export function blockActionsPayload(input: BlockActionInput) {
  const { selectedOption } = input;
  const action = {
    type: input.actionType ?? (selectedOption ? 'static_select' : 'button'),
    action_id: input.actionId,
    block_id: input.blockId ?? 'block',
    action_ts: `${nowSeconds()}.000100`,
    ...(input.value === undefined ? {} : { value: input.value }),
    ...(selectedOption
      ? {
          selected_option: {
            text: { type: 'plain_text', text: selectedOption.text, emoji: true },
            value: selectedOption.value,
          },
        }
      : {}),
  };
  const onMessage = input.channelId !== undefined && input.messageTs !== undefined;
  return {
    type: 'block_actions' as const,
    ...actor(input),
    trigger_id: input.triggerId ?? fakeTriggerId(),
    container: onMessage
      ? { type: 'message', message_ts: input.messageTs, channel_id: input.channelId, is_ephemeral: false }
      : { type: 'view', view_id: input.view?.id ?? 'V00000001' },
    ...(onMessage
      ? {
          channel: { id: input.channelId, name: 'general' },
          message: { type: 'message', ts: input.messageTs, user: 'U0BOT', bot_id: 'B0BOT', text: '' },
          response_url: input.responseUrl ?? DEFAULT_RESPONSE_URL,
        }
      : {}),
    ...(input.view ? { view: input.view } : {}),
    actions: [action],
  };
}

export interface ViewSubmissionInput extends ActorInput {
  view: ReturnType<typeof viewPayload>;
}

export function viewSubmissionPayload(input: ViewSubmissionInput) {
  return {
    type: 'view_submission' as const,
    ...actor(input),
    trigger_id: input.triggerId ?? fakeTriggerId(),
    view: input.view,
    response_urls: [],
  };
}

export interface BlockSuggestionInput extends ActorInput {
  actionId: string;
  blockId?: string;
  /** What the user has typed so far. */
  value: string;
  view?: ReturnType<typeof viewPayload>;
}

export function blockSuggestionPayload(input: BlockSuggestionInput) {
  return {
    type: 'block_suggestion' as const,
    ...actor(input),
    action_id: input.actionId,
    block_id: input.blockId ?? 'block',
    value: input.value,
    ...(input.view ? { container: { type: 'view', view_id: input.view.id }, view: input.view } : {}),
  };
}

export interface ShortcutInput extends ActorInput {
  callbackId: string;
}

/** A global shortcut (from the lightning menu or search), not a message shortcut. */
export function shortcutPayload(input: ShortcutInput) {
  return {
    type: 'shortcut' as const,
    ...actor(input),
    callback_id: input.callbackId,
    trigger_id: input.triggerId ?? fakeTriggerId(),
    action_ts: `${nowSeconds()}.000100`,
  };
}

export interface MessageShortcutInput extends ActorInput {
  callbackId: string;
  channelId: string;
  messageTs: string;
  text: string;
}

/** A message shortcut ("…" menu on a message), carrying the message and its channel. */
export function messageShortcutPayload(input: MessageShortcutInput) {
  return {
    type: 'message_action' as const,
    ...actor(input),
    callback_id: input.callbackId,
    trigger_id: input.triggerId ?? fakeTriggerId(),
    action_ts: `${nowSeconds()}.000100`,
    message_ts: input.messageTs,
    channel: { id: input.channelId, name: 'acme-internal' },
    message: { type: 'message', user: 'U0AUTHOR01', ts: input.messageTs, text: input.text },
    response_url: DEFAULT_RESPONSE_URL,
  };
}

export interface EventEnvelopeOptions {
  teamId?: string;
  eventId?: string;
  eventTime?: number;
}

let eventCounter = 0;

/** An Events API event_callback envelope around one event, as JSON. */
export function eventBody(event: object, options: EventEnvelopeOptions = {}): string {
  eventCounter += 1;
  const teamId = options.teamId ?? DEFAULT_TEAM_ID;
  return JSON.stringify({
    token: DEFAULT_VERIFICATION_TOKEN,
    team_id: teamId,
    api_app_id: DEFAULT_API_APP_ID,
    event,
    type: 'event_callback',
    event_id:
      options.eventId ?? `Ev${String(eventCounter).padStart(4, '0')}${randomBytes(4).toString('hex').toUpperCase()}`,
    event_time: options.eventTime ?? nowSeconds(),
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(12).toString('base64url')}`,
  });
}

/** The handshake Slack sends when an Events API request URL is saved. */
export function urlVerificationBody(challenge: string): string {
  return JSON.stringify({ token: DEFAULT_VERIFICATION_TOKEN, challenge, type: 'url_verification' });
}
