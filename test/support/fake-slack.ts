import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SlackSurface, slackLimitProblems } from './slack-limits';

/**
 * A local stand-in for Slack's Web API, so tests drive the real WebClient (and the app's retry and
 * recovery code) over real HTTP instead of mocking the client away.
 */

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** Date.now() when the call was handled. */
  at: number;
  /** The body the fake answered (or, for a dropped response, would have answered). */
  response: unknown;
  /** 200 or 429: Slack reports almost every failure inside a 200. */
  httpStatus: number;
  /** True when the fake applied the call but destroyed the connection instead of answering. */
  dropped: boolean;
  /** From the Authorization header, or the body's token. */
  token: string | undefined;
}

export interface FakeSlackOptions {
  /** Posting to (or reading) a channel that was never added answers channel_not_found. */
  strictChannels?: boolean;
  /** When set, any other token answers invalid_auth (a missing token always answers not_authed). */
  token?: string;
  /**
   * Slack's pace for posts: a chat.postMessage to a channel sooner than this after the last post
   * the channel took answers HTTP 429 with Retry-After: 1, as Slack does past about one message
   * a second per channel. Off unless set (tests then see no 429 they did not inject).
   */
  channelPostIntervalMs?: number;
}

export interface FakeUserInput {
  id: string;
  name?: string;
  realName?: string;
  /** IANA zone, e.g. 'America/New_York'. */
  tz?: string;
}

export interface FakeChannelInput {
  id: string;
  name?: string;
  archived?: boolean;
  /** Whether the bot is in the channel, as conversations.info reports it; true unless told. */
  isMember?: boolean;
}

export interface StoredMessage {
  type: 'message';
  ts: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  thread_ts?: string;
  reply_count?: number;
  edited?: { user: string; ts: string };
}

/** A message put straight into a channel's history, as if someone had posted it earlier. */
export interface SeedMessageInput {
  text: string;
  user?: string;
  ts?: string;
  blocks?: unknown[];
  metadata?: unknown;
  threadTs?: string;
}

export interface LimitViolation {
  method: string;
  problems: string[];
}

export interface StoredView {
  id: string;
  hash: string;
  externalId: string | undefined;
  userId: string | undefined;
  view: Record<string, unknown>;
}

/** The method name under which posts to a slash command's response_url are recorded. */
export const RESPONSE_URL_METHOD = 'response_url';

export interface FakeSlack {
  url: string;
  /** A fresh response_url for a slash command; what the app posts there is recorded as RESPONSE_URL_METHOD. */
  newResponseUrl(): string;
  close(): Promise<void>;
  calls: RecordedCall[];
  /**
   * Every message or view the fake refused for breaking a Block Kit limit (answered as Slack
   * does, `invalid_blocks` or `invalid_arguments`); the e2e context fails a test that left any.
   */
  limitViolations: LimitViolation[];
  callsTo(method: string): RecordedCall[];
  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Forgets calls, injected failures, delays, messages and views; keeps users and channels. */
  reset(): void;
  addUser(user: FakeUserInput): void;
  addChannel(channel: FakeChannelInput): void;
  /** The DM channel id the fake uses for a user. */
  dmChannelFor(userId: string): string;
  /** Every stored message in a channel (replies included), oldest first. */
  messagesIn(channel: string): StoredMessage[];
  seedMessage(channel: string, message: SeedMessageInput): StoredMessage;
  viewById(viewId: string): StoredView | undefined;
  /** The next matching call(s) answer { ok: false, error } with HTTP 200. Method '*' matches any. */
  failNext(method: string, error: string, options?: { times?: number; channel?: string }): void;
  /** The next matching call(s) answer HTTP 429 with Retry-After. */
  rateLimit(method: string, options: { retryAfterSeconds: number; times?: number; channel?: string }): void;
  /** The next matching call(s) take effect but the connection is destroyed before any answer. */
  dropResponseAfterHandling(method: string, options?: { times?: number; channel?: string }): void;
  /** Adds latency to every call of a method until reset; 0 removes it. */
  delay(method: string, ms: number): void;
  /**
   * Makes apps.connections.open (Socket Mode) answer a URL from `issueUrl`, one per call as Slack
   * issues a fresh ticket each time; undefined goes back to unknown_method. Kept across reset().
   */
  serveSocketMode(issueUrl: (() => string) | undefined): void;
}

const TEAM_ID = 'T0TEAM';
const BOT_USER_ID = 'U0BOT';
const BOT_ID = 'B0BOT';
const APP_ID = 'A0APP';

type Answer = { ok: boolean; error?: string } & Record<string, unknown>;
type Args = Record<string, unknown>;

type Injection =
  | { kind: 'fail'; method: string; channel: string | undefined; remaining: number; error: string }
  | { kind: 'rateLimit'; method: string; channel: string | undefined; remaining: number; retryAfterSeconds: number }
  | { kind: 'drop'; method: string; channel: string | undefined; remaining: number };

interface ChannelRecord {
  id: string;
  name: string;
  archived: boolean;
  isMember: boolean;
  /** For DMs: whose DM this is. */
  user: string | undefined;
  messages: StoredMessage[];
}

interface UserRecord {
  id: string;
  name: string;
  realName: string;
  tz: string;
}

// WebClient flattens these to JSON strings in form bodies; Slack parses them back.
const JSON_FIELDS = ['blocks', 'view', 'metadata', 'attachments'];

function fail(error: string): Answer {
  return { ok: false, error };
}

function text(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function isObjectArg(value: unknown): value is Args {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flag(args: Args, key: string): boolean {
  const value = args[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

function isUserId(id: string): boolean {
  return /^[UW][A-Z0-9]+$/.test(id);
}

/**
 * Compares Slack timestamps exactly: as numbers they have 16 significant digits, which doubles
 * cannot hold, and callers pass looser forms such as "1700000000" or "1700000000.5".
 */
export function compareTs(a: string, b: string): number {
  const [aSec = '0', aFrac = ''] = a.split('.');
  const [bSec = '0', bFrac = ''] = b.split('.');
  const secDiff = Number(aSec) - Number(bSec);
  if (secDiff !== 0) return Math.sign(secDiff);
  const af = aFrac.padEnd(6, '0');
  const bf = bFrac.padEnd(6, '0');
  return af < bf ? -1 : af > bf ? 1 : 0;
}

function tzDetails(tz: string, at: Date): { label: string; offsetSeconds: number } {
  const part = (style: 'long' | 'longOffset'): string =>
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
  const offsetSeconds = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
  return { label: part('long'), offsetSeconds };
}

function parseBody(raw: string, contentType: string): Args {
  if (contentType.includes('application/json')) {
    if (raw.trim() === '') return {};
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Args) : {};
  }
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const looksJson = JSON_FIELDS.includes(key) && /^\s*[[{]/.test(value);
    if (looksJson) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // Slack would answer invalid_blocks or similar; keeping the raw string lets a test see why.
      }
    }
    args[key] = value;
  }
  return args;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The request's arguments, or none when its body does not parse. */
async function readArgs(req: IncomingMessage): Promise<Args> {
  const raw = await readBody(req);
  try {
    return parseBody(raw, req.headers['content-type'] ?? '');
  } catch {
    return {};
  }
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1];
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const users = new Map<string, UserRecord>();
  const channels = new Map<string, ChannelRecord>();
  const views = new Map<string, StoredView>();
  const calls: RecordedCall[] = [];
  const limitViolations: LimitViolation[] = [];
  let injections: Injection[] = [];
  const delays = new Map<string, number>();
  /** When each channel last took a post, for channelPostIntervalMs. */
  const lastPostAt = new Map<string, number>();
  const waiters = new Set<(call: RecordedCall) => void>();
  let lastTs = '0.000000';
  let viewCounter = 0;
  let hashCounter = 0;
  let socketModeUrl: (() => string) | undefined;

  // Real-clock timestamps keep an app's `oldest: now - 1 day` queries meaningful; the bump keeps
  // them unique when two posts land in the same microsecond (or under fake timers).
  function nextTs(): string {
    const now = Date.now();
    let candidate = `${Math.floor(now / 1000)}.${String((now % 1000) * 1000).padStart(6, '0')}`;
    if (compareTs(candidate, lastTs) <= 0) {
      const [sec = '0', frac = '0'] = lastTs.split('.');
      const micros = Number(frac) + 1;
      candidate = micros >= 1_000_000 ? `${Number(sec) + 1}.000000` : `${sec}.${String(micros).padStart(6, '0')}`;
    }
    lastTs = candidate;
    return candidate;
  }

  function nextHash(): string {
    hashCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${hashCounter.toString(36).padStart(8, '0')}`;
  }

  function dmChannelFor(userId: string): string {
    return `D${userId}`;
  }

  function makeChannel(id: string, name?: string, user?: string): ChannelRecord {
    const record: ChannelRecord = {
      id,
      name: name ?? id.toLowerCase(),
      archived: false,
      isMember: true,
      user,
      messages: [],
    };
    channels.set(id, record);
    return record;
  }

  function openDm(userId: string): ChannelRecord {
    return channels.get(dmChannelFor(userId)) ?? makeChannel(dmChannelFor(userId), undefined, userId);
  }

  /** Finds a channel by id or #name, creating unknown ones lazily unless strict. */
  function findChannel(ref: string | undefined, create: boolean): ChannelRecord | undefined {
    if (!ref) return undefined;
    const existing = channels.get(ref);
    if (existing) return existing;
    const byName = [...channels.values()].find((c) => `#${c.name}` === ref || c.name === ref);
    if (byName) return byName;
    if (!create || options.strictChannels || !/^[CGD][A-Z0-9]+$/.test(ref)) return undefined;
    return makeChannel(ref);
  }

  /** chat.postMessage and chat.postEphemeral accept a user id and mean that user's DM. */
  function postTarget(ref: string | undefined): ChannelRecord | undefined {
    if (ref && isUserId(ref)) {
      if (options.strictChannels && !users.has(ref)) return undefined;
      return openDm(ref);
    }
    return findChannel(ref, true);
  }

  function findMessage(channel: ChannelRecord, ts: string | undefined): StoredMessage | undefined {
    return ts === undefined ? undefined : channel.messages.find((m) => m.ts === ts);
  }

  /** What Slack shows a reader: metadata only on request, optional fields only when present. */
  function present(message: StoredMessage, includeMetadata: boolean): Record<string, unknown> {
    const { metadata, ...rest } = message;
    const shown: Record<string, unknown> = Object.fromEntries(
      Object.entries(rest).filter(([, value]) => value !== undefined),
    );
    if (includeMetadata && metadata !== undefined) shown.metadata = metadata;
    return shown;
  }

  function storeMessage(channel: ChannelRecord, message: StoredMessage): void {
    channel.messages.push(message);
    channel.messages.sort((a, b) => compareTs(a.ts, b.ts));
    if (message.thread_ts && message.thread_ts !== message.ts) {
      const parent = findMessage(channel, message.thread_ts);
      if (parent) {
        parent.thread_ts = parent.ts;
        parent.reply_count = (parent.reply_count ?? 0) + 1;
      }
    }
  }

  function isTopLevel(message: StoredMessage): boolean {
    return message.thread_ts === undefined || message.thread_ts === message.ts;
  }

  function hasContent(args: Args): boolean {
    const blocks = args.blocks;
    const attachments = args.attachments;
    return (
      (text(args, 'text') ?? '') !== '' ||
      (Array.isArray(blocks) && blocks.length > 0) ||
      (Array.isArray(attachments) && attachments.length > 0)
    );
  }

  function badMetadata(metadata: unknown): boolean {
    if (metadata === undefined) return false;
    if (typeof metadata !== 'object' || metadata === null) return true;
    return typeof (metadata as Record<string, unknown>).event_type !== 'string';
  }

  function asArray(value: unknown): unknown[] | undefined {
    return Array.isArray(value) ? value : undefined;
  }

  function viewAnswer(stored: StoredView): Record<string, unknown> {
    return {
      ...stored.view,
      id: stored.id,
      team_id: TEAM_ID,
      app_id: APP_ID,
      bot_id: BOT_ID,
      hash: stored.hash,
      external_id: stored.externalId ?? '',
      state: { values: {} },
    };
  }

  function storeView(view: unknown, userId: string | undefined): StoredView | undefined {
    if (typeof view !== 'object' || view === null || Array.isArray(view)) return undefined;
    viewCounter += 1;
    const body = view as Record<string, unknown>;
    const externalId = typeof body.external_id === 'string' ? body.external_id : undefined;
    const stored: StoredView = {
      id: `V${String(viewCounter).padStart(8, '0')}`,
      hash: nextHash(),
      externalId,
      userId,
      view: body,
    };
    views.set(stored.id, stored);
    return stored;
  }

  /** Slack checks Block Kit limits before anything else about the content. */
  function overLimits(method: string, surface: SlackSurface, payload: unknown): Answer | undefined {
    const problems = slackLimitProblems(surface, payload);
    if (problems.length === 0) return undefined;
    limitViolations.push({ method, problems });
    const error = surface === 'message' ? 'invalid_blocks' : 'invalid_arguments';
    return { ok: false, error, response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) } };
  }

  function viewOverLimits(method: string, view: unknown): Answer | undefined {
    if (!isObjectArg(view)) return undefined;
    return overLimits(method, view.type === 'home' ? 'home' : 'modal', view);
  }

  const handlers: Record<string, (args: Args, token: string | undefined) => Answer> = {
    // Socket Mode: only an app-level token may open a connection.
    'apps.connections.open': (_args, token) => {
      if (!socketModeUrl) return fail('unknown_method');
      if (!token?.startsWith('xapp-')) return fail('not_allowed_token_type');
      return { ok: true, url: socketModeUrl() };
    },

    'auth.test': () => ({
      ok: true,
      url: 'https://cs-team.slack.com/',
      team: 'CS Team',
      user: 'cs-bot',
      team_id: TEAM_ID,
      user_id: BOT_USER_ID,
      bot_id: BOT_ID,
      is_enterprise_install: false,
    }),

    'chat.postMessage': (args) => {
      const channel = postTarget(text(args, 'channel'));
      if (!channel) return fail('channel_not_found');
      if (channel.archived) return fail('is_archived');
      if (!hasContent(args)) return fail('no_text');
      if (badMetadata(args.metadata)) return fail('invalid_metadata_format');
      const refused = overLimits('chat.postMessage', 'message', args);
      if (refused) return refused;
      const ts = nextTs();
      const threadTs = text(args, 'thread_ts');
      const message: StoredMessage = {
        type: 'message',
        ts,
        text: text(args, 'text') ?? '',
        blocks: asArray(args.blocks),
        attachments: asArray(args.attachments),
        metadata: args.metadata,
        user: BOT_USER_ID,
        bot_id: BOT_ID,
        app_id: APP_ID,
        team: TEAM_ID,
        thread_ts: threadTs,
      };
      storeMessage(channel, message);
      return { ok: true, channel: channel.id, ts, message: present(message, true) };
    },

    'chat.getPermalink': (args) => {
      const channel = findChannel(text(args, 'channel'), true);
      const ts = text(args, 'message_ts');
      if (!channel || !ts) return fail(channel ? 'message_not_found' : 'channel_not_found');
      return {
        ok: true,
        channel: channel.id,
        permalink: `https://cs-team.slack.com/archives/${channel.id}/p${ts.replace('.', '')}`,
      };
    },

    'chat.postEphemeral': (args) => {
      const channel = postTarget(text(args, 'channel'));
      if (!channel) return fail('channel_not_found');
      if (channel.archived) return fail('is_archived');
      if (!text(args, 'user')) return fail('user_not_found');
      if (!hasContent(args)) return fail('no_text');
      return overLimits('chat.postEphemeral', 'message', args) ?? { ok: true, message_ts: nextTs() };
    },

    // Real Slack wants the conversation id here, not a user id, so no DM resolution.
    'chat.update': (args) => {
      const channel = findChannel(text(args, 'channel'), false);
      if (!channel) return fail('channel_not_found');
      const message = findMessage(channel, text(args, 'ts'));
      if (!message) return fail('message_not_found');
      if (message.user !== BOT_USER_ID) return fail('cant_update_message');
      if (channel.archived) return fail('is_archived');
      if (badMetadata(args.metadata)) return fail('invalid_metadata_format');
      const refused = overLimits('chat.update', 'message', args);
      if (refused) return refused;
      // Slack keeps whatever the update leaves out; an empty blocks array is how callers clear them.
      if (args.text !== undefined) message.text = text(args, 'text') ?? '';
      if (args.blocks !== undefined) message.blocks = asArray(args.blocks);
      if (args.attachments !== undefined) message.attachments = asArray(args.attachments);
      if (args.metadata !== undefined) message.metadata = args.metadata;
      message.edited = { user: BOT_USER_ID, ts: nextTs() };
      return {
        ok: true,
        channel: channel.id,
        ts: message.ts,
        text: message.text,
        message: present(message, true),
      };
    },

    'conversations.history': (args) => {
      const channel = findChannel(text(args, 'channel'), true);
      if (!channel) return fail('channel_not_found');
      const inclusive = flag(args, 'inclusive');
      const oldest = text(args, 'oldest');
      const cursor = text(args, 'cursor');
      // The cursor is the ts of the last message already returned; the next page starts below it.
      const latest = cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : text(args, 'latest');
      const latestInclusive = inclusive && !cursor;
      const limit = Math.min(Math.max(Number(text(args, 'limit') ?? 100) || 100, 1), 999);
      const matching = channel.messages
        .filter(isTopLevel)
        .filter((m) => !oldest || (inclusive ? compareTs(m.ts, oldest) >= 0 : compareTs(m.ts, oldest) > 0))
        .filter((m) => !latest || (latestInclusive ? compareTs(m.ts, latest) <= 0 : compareTs(m.ts, latest) < 0))
        .reverse();
      const page = matching.slice(0, limit);
      const hasMore = matching.length > limit;
      const lastShown = page[page.length - 1];
      return {
        ok: true,
        messages: page.map((m) => present(m, flag(args, 'include_all_metadata'))),
        has_more: hasMore,
        pin_count: 0,
        response_metadata: {
          next_cursor: hasMore && lastShown ? Buffer.from(lastShown.ts).toString('base64url') : '',
        },
      };
    },

    'conversations.replies': (args) => {
      const channel = findChannel(text(args, 'channel'), false);
      if (!channel) return fail('channel_not_found');
      const parent = findMessage(channel, text(args, 'ts'));
      if (!parent) return fail('thread_not_found');
      const thread = channel.messages.filter((m) => m.ts === parent.ts || m.thread_ts === parent.ts);
      return {
        ok: true,
        messages: thread.map((m) => present(m, flag(args, 'include_all_metadata'))),
        has_more: false,
        response_metadata: { next_cursor: '' },
      };
    },

    'conversations.info': (args) => {
      const channel = findChannel(text(args, 'channel'), false);
      if (!channel) return fail('channel_not_found');
      return {
        ok: true,
        channel: {
          id: channel.id,
          name: channel.name,
          is_channel: channel.id.startsWith('C'),
          is_im: channel.id.startsWith('D'),
          is_archived: channel.archived,
          is_member: channel.isMember,
          ...(channel.user ? { user: channel.user } : {}),
        },
      };
    },

    'conversations.open': (args) => {
      const existing = text(args, 'channel');
      if (existing) {
        const channel = findChannel(existing, false);
        return channel ? { ok: true, channel: { id: channel.id } } : fail('channel_not_found');
      }
      const ids = (text(args, 'users') ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean);
      const [only] = ids;
      if (only === undefined) return fail('users_list_not_supplied');
      if (options.strictChannels && ids.some((id) => !users.has(id))) return fail('user_not_found');
      if (ids.length === 1) return { ok: true, channel: { id: openDm(only).id } };
      const mpimId = `G${[...ids].sort().join('')}`;
      return { ok: true, channel: { id: (channels.get(mpimId) ?? makeChannel(mpimId)).id } };
    },

    'users.info': (args) => {
      const user = users.get(text(args, 'user') ?? '');
      if (!user) return fail('user_not_found');
      const { label, offsetSeconds } = tzDetails(user.tz, new Date());
      return {
        ok: true,
        user: {
          id: user.id,
          team_id: TEAM_ID,
          name: user.name,
          real_name: user.realName,
          tz: user.tz,
          tz_label: label,
          tz_offset: offsetSeconds,
          deleted: false,
          is_bot: false,
          profile: { display_name: user.name, real_name: user.realName },
        },
      };
    },

    'views.open': (args) => {
      if (!text(args, 'trigger_id') && !text(args, 'interactivity_pointer')) return fail('invalid_arguments');
      const refused = viewOverLimits('views.open', args.view);
      if (refused) return refused;
      const stored = storeView(args.view, undefined);
      return stored ? { ok: true, view: viewAnswer(stored) } : fail('invalid_arguments');
    },

    'views.push': (args) => {
      if (!text(args, 'trigger_id') && !text(args, 'interactivity_pointer')) return fail('invalid_arguments');
      const refused = viewOverLimits('views.push', args.view);
      if (refused) return refused;
      const stored = storeView(args.view, undefined);
      return stored ? { ok: true, view: viewAnswer(stored) } : fail('invalid_arguments');
    },

    'views.update': (args) => {
      const viewId = text(args, 'view_id');
      const externalId = text(args, 'external_id');
      const stored = viewId
        ? views.get(viewId)
        : [...views.values()].find((v) => externalId !== undefined && v.externalId === externalId);
      if (!stored) return fail('not_found');
      const hash = text(args, 'hash');
      if (hash && hash !== stored.hash) return fail('hash_conflict');
      const view = args.view;
      if (typeof view !== 'object' || view === null || Array.isArray(view)) return fail('invalid_arguments');
      const refused = viewOverLimits('views.update', view);
      if (refused) return refused;
      stored.view = view as Record<string, unknown>;
      stored.hash = nextHash();
      return { ok: true, view: viewAnswer(stored) };
    },

    'views.publish': (args) => {
      const userId = text(args, 'user_id');
      if (!userId) return fail('invalid_arguments');
      if (options.strictChannels && !users.has(userId)) return fail('user_not_found');
      const refused = viewOverLimits('views.publish', args.view);
      if (refused) return refused;
      const home = [...views.values()].find((v) => v.userId === userId);
      if (home) {
        const view = args.view;
        if (typeof view !== 'object' || view === null || Array.isArray(view)) return fail('invalid_arguments');
        home.view = view as Record<string, unknown>;
        home.hash = nextHash();
        return { ok: true, view: viewAnswer(home) };
      }
      const stored = storeView(args.view, userId);
      return stored ? { ok: true, view: viewAnswer(stored) } : fail('invalid_arguments');
    },
  };

  /** Which channel a call targets, for matching channel-scoped failure injections. */
  function channelsOf(args: Args): string[] {
    const ref = text(args, 'channel');
    if (!ref) return [];
    return isUserId(ref) ? [ref, dmChannelFor(ref)] : [ref];
  }

  function takeInjection(method: string, args: Args): Injection | undefined {
    const targets = channelsOf(args);
    const found = injections.find(
      (rule) =>
        (rule.method === method || rule.method === '*') &&
        (rule.channel === undefined || targets.includes(rule.channel)),
    );
    if (found) {
      found.remaining -= 1;
      if (found.remaining <= 0) injections = injections.filter((rule) => rule !== found);
    }
    return found;
  }

  /** The channel a post lands in, as channelPostIntervalMs counts it (a user id means their DM). */
  function paceKey(args: Args): string {
    const ref = text(args, 'channel') ?? '';
    return isUserId(ref) ? dmChannelFor(ref) : ref;
  }

  function tooFast(method: string, args: Args): Injection | undefined {
    const interval = options.channelPostIntervalMs;
    if (interval === undefined || method !== 'chat.postMessage') return undefined;
    const last = lastPostAt.get(paceKey(args));
    if (last === undefined || Date.now() - last >= interval) return undefined;
    return { kind: 'rateLimit', method, channel: undefined, remaining: 0, retryAfterSeconds: 1 };
  }

  function tookPost(args: Args): void {
    if (options.channelPostIntervalMs !== undefined) lastPostAt.set(paceKey(args), Date.now());
  }

  function record(call: RecordedCall): void {
    calls.push(call);
    for (const notify of [...waiters]) notify(call);
  }

  function authError(token: string | undefined): string | undefined {
    if (!token) return 'not_authed';
    if (options.token !== undefined && token !== options.token) return 'invalid_auth';
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method !== 'POST' && req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    if (path.startsWith('/response/')) {
      // A slash command's response_url: Slack shows the posted message to the user (ephemeral by default).
      const args = await readArgs(req);
      // A response_url answers a refused message with HTTP 400 and the error as plain text.
      const refused = overLimits(RESPONSE_URL_METHOD, 'message', args);
      const response: Answer = refused ?? { ok: true };
      const httpStatus = refused ? 400 : 200;
      record({
        method: RESPONSE_URL_METHOD,
        args: { ...args, response_url: path },
        at: Date.now(),
        response,
        httpStatus,
        dropped: false,
        token: undefined,
      });
      if (refused) res.writeHead(httpStatus, { 'content-type': 'text/plain' }).end(String(refused.error));
      else res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(response));
      return;
    }
    if (!path.startsWith('/api/')) {
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('fake Slack serves only /api/<method> and /response/<id>');
      return;
    }
    const method = path.slice('/api/'.length);
    const args = await readArgs(req);
    const token = bearerToken(req) ?? text(args, 'token');

    const latency = delays.get(method) ?? delays.get('*') ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

    const injection = takeInjection(method, args) ?? tooFast(method, args);
    const handler = handlers[method];
    let response: Answer;
    let httpStatus = 200;
    if (injection?.kind === 'fail') {
      response = fail(injection.error);
    } else if (injection?.kind === 'rateLimit') {
      response = fail('ratelimited');
      httpStatus = 429;
    } else {
      const denied = authError(token);
      response = denied ? fail(denied) : handler ? handler(args, token) : fail('unknown_method');
      if (method === 'chat.postMessage' && response.ok) tookPost(args);
    }
    const dropped = injection?.kind === 'drop';
    record({ method, args, at: Date.now(), response, httpStatus, dropped, token });

    if (dropped) {
      // Slack already applied the call; the caller just never learns the outcome.
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (injection?.kind === 'rateLimit') headers['retry-after'] = String(injection.retryAfterSeconds);
    res.writeHead(httpStatus, headers).end(JSON.stringify(response));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  function describeSeen(): string {
    if (calls.length === 0) return 'no calls at all';
    const counts = new Map<string, number>();
    for (const call of calls) counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
    return [...counts].map(([method, count]) => `${method} x${count}`).join(', ');
  }

  function inject(rule: Injection): void {
    injections.push(rule);
  }

  let responseUrlCount = 0;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    limitViolations,

    newResponseUrl() {
      responseUrlCount += 1;
      return `http://127.0.0.1:${port}/response/${responseUrlCount}`;
    },

    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },

    callsTo(method) {
      return calls.filter((call) => call.method === method);
    },

    waitForCall(method, predicate, timeoutMs = 5000) {
      const matches = (call: RecordedCall): boolean =>
        call.method === method && (predicate === undefined || predicate(call));
      const already = calls.find(matches);
      if (already) return Promise.resolve(already);
      return new Promise<RecordedCall>((resolve, reject) => {
        const listener = (call: RecordedCall): void => {
          if (!matches(call)) return;
          clearTimeout(timer);
          waiters.delete(listener);
          resolve(call);
        };
        const timer = setTimeout(() => {
          waiters.delete(listener);
          reject(
            new Error(
              `fake Slack: no ${method} call${predicate ? ' matching the predicate' : ''} ` +
                `within ${timeoutMs}ms; calls seen: ${describeSeen()}`,
            ),
          );
        }, timeoutMs);
        waiters.add(listener);
      });
    },

    reset() {
      calls.length = 0;
      limitViolations.length = 0;
      injections = [];
      delays.clear();
      lastPostAt.clear();
      views.clear();
      for (const channel of channels.values()) channel.messages = [];
    },

    addUser({ id, name, realName, tz = 'UTC' }) {
      const shortName = name ?? id.toLowerCase();
      users.set(id, { id, name: shortName, realName: realName ?? shortName, tz });
    },

    addChannel({ id, name, archived = false, isMember = true }) {
      const channel = channels.get(id) ?? makeChannel(id, name);
      if (name !== undefined) channel.name = name;
      channel.archived = archived;
      channel.isMember = isMember;
    },

    dmChannelFor,

    messagesIn(channel) {
      return [...(channels.get(channel)?.messages ?? [])];
    },

    seedMessage(channelId, { text: body, user = 'U0SOMEONE', ts, blocks, metadata, threadTs }) {
      const channel = channels.get(channelId) ?? makeChannel(channelId);
      const message: StoredMessage = {
        type: 'message',
        ts: ts ?? nextTs(),
        text: body,
        blocks,
        metadata,
        user,
        team: TEAM_ID,
        thread_ts: threadTs,
        ...(user === BOT_USER_ID ? { bot_id: BOT_ID, app_id: APP_ID } : {}),
      };
      storeMessage(channel, message);
      return message;
    },

    viewById(viewId) {
      return views.get(viewId);
    },

    failNext(method, error, { times = 1, channel } = {}) {
      inject({ kind: 'fail', method, channel, remaining: times, error });
    },

    rateLimit(method, { retryAfterSeconds, times = 1, channel }) {
      inject({ kind: 'rateLimit', method, channel, remaining: times, retryAfterSeconds });
    },

    dropResponseAfterHandling(method, { times = 1, channel } = {}) {
      inject({ kind: 'drop', method, channel, remaining: times });
    },

    delay(method, ms) {
      if (ms > 0) delays.set(method, ms);
      else delays.delete(method);
    },

    serveSocketMode(issueUrl) {
      socketModeUrl = issueUrl;
    },
  };
}
