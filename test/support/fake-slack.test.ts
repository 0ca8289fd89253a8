import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fake-slack';

// @slack/web-api is reached through Bolt, the dependency the app actually declares.
const { WebClient, ErrorCode, LogLevel } = webApi;

const TOKEN = 'xoxb-test-token';
const metadata = { event_type: 'cs_work_logged', event_payload: { activity_id: 'act_1' } };

let fake: FakeSlack;

function client(extra: { rejectRateLimitedCalls?: boolean } = {}): InstanceType<typeof WebClient> {
  // Error level keeps the client's expected "request failed" warnings out of the test output.
  return new WebClient(TOKEN, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...extra,
  });
}

/** Runs a call that must fail and hands back what it threw. */
async function failure(call: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await call;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the Slack call to fail, but it succeeded');
}

beforeAll(async () => {
  fake = await startFakeSlack();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

describe('fake Slack through a real WebClient', () => {
  it('answers auth.test as the bot user and records the bearer token.', async () => {
    const result = await client().auth.test();
    expect(result).toMatchObject({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0TEAM' });
    expect(fake.callsTo('auth.test')[0]?.token).toBe(TOKEN);
  });

  it('returns a posted message with its metadata from history when all metadata is requested.', async () => {
    const web = client();
    const posted = await web.chat.postMessage({
      channel: 'C0CS',
      text: 'Logged 30m on Acme',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Logged *30m*' } }],
      metadata,
    });
    expect(posted).toMatchObject({ ok: true, channel: 'C0CS', message: { text: 'Logged 30m on Acme', metadata } });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);

    const withMetadata = await web.conversations.history({ channel: 'C0CS', include_all_metadata: true });
    expect(withMetadata.messages).toHaveLength(1);
    expect(withMetadata.messages?.[0]).toMatchObject({ ts: posted.ts, text: 'Logged 30m on Acme', metadata });
    expect(withMetadata.messages?.[0]?.blocks).toHaveLength(1);

    const without = await web.conversations.history({ channel: 'C0CS' });
    expect(without.messages?.[0]).not.toHaveProperty('metadata');
  });

  it('gives each post a later timestamp and lists history newest first within limit and oldest.', async () => {
    const web = client();
    const timestamps: string[] = [];
    for (const text of ['one', 'two', 'three']) {
      const posted = await web.chat.postMessage({ channel: 'C0CS', text });
      timestamps.push(posted.ts ?? '');
    }
    expect([...timestamps].sort()).toEqual(timestamps);
    expect(new Set(timestamps).size).toBe(3);

    const newestTwo = await web.conversations.history({ channel: 'C0CS', limit: 2 });
    expect(newestTwo.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    expect(newestTwo.has_more).toBe(true);

    const afterFirst = await web.conversations.history({ channel: 'C0CS', oldest: timestamps[0] });
    expect(afterFirst.messages?.map((m) => m.text)).toEqual(['three', 'two']);
  });

  it('treats a user id as the user’s DM channel, stable across posts.', async () => {
    const web = client();
    const first = await web.chat.postMessage({ channel: 'U0ALICE', text: 'hi' });
    const second = await web.chat.postMessage({ channel: 'U0ALICE', text: 'again' });
    expect(first.channel).toBe('DU0ALICE');
    expect(second.channel).toBe(first.channel);
    const opened = await web.conversations.open({ users: 'U0ALICE' });
    expect(opened.channel?.id).toBe(first.channel);
    expect(fake.messagesIn('DU0ALICE').map((m) => m.text)).toEqual(['hi', 'again']);
  });

  it('changes a stored message with chat.update and refuses an unknown timestamp.', async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: 'C0CS', text: 'Draft', metadata });
    const updated = await web.chat.update({ channel: 'C0CS', ts: posted.ts ?? '', text: 'Final' });
    expect(updated).toMatchObject({ ok: true, channel: 'C0CS', ts: posted.ts, text: 'Final' });

    const history = await web.conversations.history({ channel: 'C0CS', include_all_metadata: true });
    expect(history.messages?.[0]).toMatchObject({ text: 'Final', metadata });

    const missing = await failure(web.chat.update({ channel: 'C0CS', ts: '1.000001', text: 'x' }));
    expect(missing.code).toBe(ErrorCode.PlatformError);
    expect(missing.data).toMatchObject({ ok: false, error: 'message_not_found' });
  });

  it('answers an injected platform error once, then behaves normally again.', async () => {
    const web = client();
    fake.failNext('chat.postMessage', 'channel_not_found');
    const error = await failure(web.chat.postMessage({ channel: 'C0CS', text: 'x' }));
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data).toMatchObject({ ok: false, error: 'channel_not_found' });
    expect(fake.messagesIn('C0CS')).toEqual([]);

    await expect(web.chat.postMessage({ channel: 'C0CS', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('refuses a message or view over a Block Kit limit as Slack does, keeping nothing and recording why.', async () => {
    const web = client();
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const refused = await failure(web.chat.postMessage({ channel: 'C0CS', text: 'x', blocks }));
    expect(refused.data).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(fake.messagesIn('C0CS')).toEqual([]);

    const title = { type: 'plain_text' as const, text: 'A title of 25 characters.' };
    const modal = await failure(web.views.open({ trigger_id: '1.2.3', view: { type: 'modal', title, blocks: [] } }));
    expect(modal.data).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(fake.limitViolations).toEqual([
      { method: 'chat.postMessage', problems: ['blocks: 51, over 50'] },
      { method: 'views.open', problems: ['title: 25 characters, over 24'] },
    ]);
  });

  it('rate-limits only the named channel, with the Retry-After the client reports.', async () => {
    const web = client({ rejectRateLimitedCalls: true });
    fake.rateLimit('chat.postMessage', { channel: 'C0BUSY', retryAfterSeconds: 7 });

    await expect(web.chat.postMessage({ channel: 'C0CALM', text: 'fine' })).resolves.toMatchObject({ ok: true });
    const limited = await failure(web.chat.postMessage({ channel: 'C0BUSY', text: 'later' }));
    expect(limited.code).toBe('slack_webapi_rate_limited_error');
    expect(limited.retryAfter).toBe(7);
    expect(fake.callsTo('chat.postMessage').map((c) => c.httpStatus)).toEqual([200, 429]);

    await expect(web.chat.postMessage({ channel: 'C0BUSY', text: 'now' })).resolves.toMatchObject({ ok: true });
  });

  it('applies a call whose response is dropped, so the client fails but history has the message.', async () => {
    const web = client();
    fake.dropResponseAfterHandling('chat.postMessage');
    const error = await failure(web.chat.postMessage({ channel: 'C0CS', text: 'Did this land?', metadata }));
    expect(error.code).toBe(ErrorCode.RequestError);

    const history = await web.conversations.history({ channel: 'C0CS', include_all_metadata: true });
    expect(history.messages).toHaveLength(1);
    expect(history.messages?.[0]).toMatchObject({ text: 'Did this land?', metadata });
    expect(fake.callsTo('chat.postMessage')[0]?.dropped).toBe(true);
  });

  it('answers users.info with the user’s time zone and its current offset.', async () => {
    fake.addUser({ id: 'U0KOLKATA', name: 'priya', tz: 'Asia/Kolkata' });
    fake.addUser({ id: 'U0DEFAULT' });
    const web = client();

    const kolkata = await web.users.info({ user: 'U0KOLKATA' });
    expect(kolkata.user).toMatchObject({
      id: 'U0KOLKATA',
      name: 'priya',
      tz: 'Asia/Kolkata',
      tz_label: 'India Standard Time',
      tz_offset: 19800,
      is_bot: false,
    });
    expect((await web.users.info({ user: 'U0DEFAULT' })).user).toMatchObject({ tz: 'UTC', tz_offset: 0 });

    const unknown = await failure(web.users.info({ user: 'U0NOBODY' }));
    expect(unknown.data).toMatchObject({ error: 'user_not_found' });
  });

  it('refuses posts to an archived channel and reports channels it knows.', async () => {
    fake.addChannel({ id: 'C0OLD', name: 'old-team', archived: true });
    const web = client();
    const archived = await failure(web.chat.postMessage({ channel: 'C0OLD', text: 'x' }));
    expect(archived.data).toMatchObject({ error: 'is_archived' });
    expect((await web.conversations.info({ channel: 'C0OLD' })).channel).toMatchObject({
      id: 'C0OLD',
      name: 'old-team',
      is_archived: true,
    });
    const unknown = await failure(web.conversations.info({ channel: 'C0NEVER' }));
    expect(unknown.data).toMatchObject({ error: 'channel_not_found' });
  });

  it('opens and updates views, and answers not_found for a view it never opened.', async () => {
    const web = client();
    const view = {
      type: 'modal' as const,
      callback_id: 'log_work',
      title: { type: 'plain_text' as const, text: 'Log work' },
      blocks: [],
    };
    const opened = await web.views.open({ trigger_id: '1.2.abc', view });
    expect(opened.view).toMatchObject({ callback_id: 'log_work', title: { text: 'Log work' } });
    expect(opened.view?.id).toMatch(/^V/);

    const updated = await web.views.update({
      view_id: opened.view?.id ?? '',
      view: { ...view, title: { type: 'plain_text', text: 'Saved' } },
    });
    expect(updated.view).toMatchObject({ id: opened.view?.id, title: { text: 'Saved' } });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);

    const missing = await failure(web.views.update({ view_id: 'V0NOPE', view }));
    expect(missing.data).toMatchObject({ error: 'not_found' });
  });

  it('accepts a JSON body with the token in it, as some clients send.', async () => {
    const response = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ token: TOKEN, channel: 'C0CS', text: 'json', metadata }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C0CS', message: { metadata } });
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({ token: TOKEN, args: { metadata } });
  });

  it('answers not_authed to a call that carries no token.', async () => {
    const response = await fetch(`${fake.url}auth.test`, { method: 'POST' });
    expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('answers unknown_method for a method it does not implement.', async () => {
    const error = await failure(client().apiCall('reactions.add', { channel: 'C0CS', name: 'tada' }));
    expect(error.data).toMatchObject({ ok: false, error: 'unknown_method' });
  });

  it('resolves waitForCall for a call already made and rejects with the methods it saw on timeout.', async () => {
    const web = client();
    await web.chat.postMessage({ channel: 'C0CS', text: 'early' });
    const seen = await fake.waitForCall('chat.postMessage', (call) => call.args.text === 'early');
    expect(seen.args.channel).toBe('C0CS');

    const later = fake.waitForCall('chat.update', undefined, 2000);
    const posted = await web.chat.postMessage({ channel: 'C0CS', text: 'later' });
    await web.chat.update({ channel: 'C0CS', ts: posted.ts ?? '', text: 'edited' });
    await expect(later).resolves.toMatchObject({ method: 'chat.update', args: { text: 'edited' } });

    await expect(fake.waitForCall('views.open', undefined, 50)).rejects.toThrow(
      /no views\.open call within 50ms; calls seen: chat\.postMessage x2, chat\.update x1/,
    );
  });

  it('delays a method’s answer by the requested latency.', async () => {
    fake.delay('auth.test', 150);
    const started = Date.now();
    await client().auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('fake Slack keeping Slack’s pace for posts when asked to', () => {
  let paced: FakeSlack;
  beforeAll(async () => {
    paced = await startFakeSlack({ channelPostIntervalMs: 60_000 });
  });
  afterAll(async () => {
    await paced.close();
  });

  it('answers 429 with Retry-After to a second post in a channel within the interval, and takes other channels’ posts.', async () => {
    const web = new WebClient(TOKEN, {
      slackApiUrl: paced.url,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
      rejectRateLimitedCalls: true,
    });

    await expect(web.chat.postMessage({ channel: 'C0PACED', text: 'first' })).resolves.toMatchObject({ ok: true });
    const tooSoon = await failure(web.chat.postMessage({ channel: 'C0PACED', text: 'second' }));
    await expect(web.chat.postMessage({ channel: 'C0OTHER', text: 'elsewhere' })).resolves.toMatchObject({ ok: true });

    expect(tooSoon.code).toBe(ErrorCode.RateLimitedError);
    expect(tooSoon.retryAfter).toBe(1);
    expect(paced.callsTo('chat.postMessage').map((call) => call.httpStatus)).toEqual([200, 429, 200]);
    expect(paced.messagesIn('C0PACED').map((message) => message.text)).toEqual(['first']);
  });
});
