import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  eventBody,
  interactionBody,
  postToApp,
  signSlackRequest,
  slashCommandBody,
  viewPayload,
  viewSubmissionPayload,
} from './slack-signer';

// The worked example from Slack's "Verifying requests from Slack" documentation.
const DOCS_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOCS_TIMESTAMP = 1531420618;
const DOCS_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOCS_SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

const SECRET = 'test-signing-secret';

function boltAccepts(
  body: string,
  headers: { 'x-slack-signature': string; 'x-slack-request-timestamp': string },
  signingSecret = SECRET,
): boolean {
  try {
    verifySlackRequest({
      signingSecret,
      body,
      headers: {
        'x-slack-signature': headers['x-slack-signature'],
        'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
      },
    });
    return true;
  } catch {
    return false;
  }
}

describe('signSlackRequest', () => {
  it('reproduces the signature from Slack’s documented example exactly.', () => {
    const headers = signSlackRequest({ signingSecret: DOCS_SECRET, body: DOCS_BODY, timestamp: DOCS_TIMESTAMP });
    expect(headers).toEqual({
      'x-slack-signature': DOCS_SIGNATURE,
      'x-slack-request-timestamp': '1531420618',
    });
  });

  it('produces headers that Bolt’s own verifier accepts for a fresh request.', () => {
    const body = slashCommandBody({ text: 'log acme 30m', userId: 'U123', channelId: 'C123' });
    expect(boltAccepts(body, signSlackRequest({ signingSecret: SECRET, body }))).toBe(true);
  });

  it('produces headers that Bolt rejects once the body has been tampered with.', () => {
    const body = slashCommandBody({ text: 'log acme 30m', userId: 'U123', channelId: 'C123' });
    const headers = signSlackRequest({ signingSecret: SECRET, body });
    expect(boltAccepts(body.replace('30m', '300m'), headers)).toBe(false);
  });

  it('produces headers that Bolt rejects when signed with another secret or too long ago.', () => {
    const body = eventBody({ type: 'app_home_opened', user: 'U123' });
    expect(boltAccepts(body, signSlackRequest({ signingSecret: 'other', body }))).toBe(false);
    const stale = signSlackRequest({ signingSecret: SECRET, body, timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(boltAccepts(body, stale)).toBe(false);
  });
});

describe('payload builders', () => {
  it('builds a slash command form body carrying every field Slack sends.', () => {
    const form = new URLSearchParams(
      slashCommandBody({ command: '/cs', text: 'log acme', userId: 'U1', channelId: 'C1', triggerId: 't.1.x' }),
    );
    expect(Object.fromEntries(form)).toMatchObject({
      team_id: 'T0TEAM',
      channel_id: 'C1',
      user_id: 'U1',
      command: '/cs',
      text: 'log acme',
      trigger_id: 't.1.x',
      response_url: 'http://127.0.0.1:9/ignored',
    });
    for (const key of ['token', 'team_domain', 'channel_name', 'user_name', 'api_app_id']) {
      expect(form.get(key)).toBeTruthy();
    }
  });

  it('wraps an interaction payload as URL-encoded JSON in a payload field.', () => {
    const payload = viewSubmissionPayload({
      userId: 'U1',
      view: viewPayload({ callbackId: 'log_work', values: { b: { a: { type: 'plain_text_input', value: 'x&y' } } } }),
    });
    const form = new URLSearchParams(interactionBody(payload));
    expect(JSON.parse(form.get('payload') ?? 'null')).toEqual(payload);
  });

  it('wraps an event in an event_callback envelope with a unique event id.', () => {
    const first = JSON.parse(eventBody({ type: 'app_home_opened', user: 'U1' })) as Record<string, unknown>;
    const second = JSON.parse(eventBody({ type: 'app_home_opened', user: 'U1' })) as Record<string, unknown>;
    expect(first).toMatchObject({ type: 'event_callback', team_id: 'T0TEAM', event: { user: 'U1' } });
    expect(typeof first.event_time).toBe('number');
    expect(first.event_id).not.toEqual(second.event_id);
  });
});

describe('postToApp', () => {
  it('sends a signed request that verifies on the receiving side, or a forged one when asked.', async () => {
    const received: Array<{ verified: boolean; contentType: string | undefined; url: string | undefined }> = [];
    const readAll = (req: IncomingMessage): Promise<string> =>
      new Promise((resolve) => {
        let data = '';
        req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        req.on('end', () => resolve(data));
      });
    const server = createServer((req, res) => {
      void readAll(req).then((body) => {
        const verified = boltAccepts(body, {
          'x-slack-signature': String(req.headers['x-slack-signature']),
          'x-slack-request-timestamp': String(req.headers['x-slack-request-timestamp']),
        });
        received.push({ verified, contentType: req.headers['content-type'], url: req.url });
        res.writeHead(verified ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ verified }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const good = await postToApp(appUrl, { signingSecret: SECRET, body: eventBody({ type: 'app_mention' }) });
      expect(good.status).toBe(200);
      expect(good.json()).toEqual({ verified: true });

      const forged = await postToApp(appUrl, {
        signingSecret: SECRET,
        path: '/slack/commands',
        body: slashCommandBody({ text: '', userId: 'U1', channelId: 'C1' }),
        signature: 'v0=deadbeef',
      });
      expect(forged.status).toBe(401);
      expect(received).toEqual([
        { verified: true, contentType: 'application/json', url: '/slack/events' },
        { verified: false, contentType: 'application/x-www-form-urlencoded', url: '/slack/commands' },
      ]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
