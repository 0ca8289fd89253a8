import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { classifySlackError } from '../../../src/reminders/dispatch/slack-errors';

describe("reading the WebClient's errors", () => {
  it('reads a 429 as a wait of Retry-After seconds', () => {
    expect(classifySlackError(new webApi.WebAPIRateLimitedError(3))).toEqual({
      kind: 'rate_limited',
      retryAfterMs: 3000,
    });
  });

  it('reads archived, missing and left channels as broken for good', () => {
    for (const error of ['channel_not_found', 'is_archived', 'not_in_channel', 'channel_is_archived']) {
      expect(classifySlackError(new webApi.WebAPIPlatformError({ ok: false, error }))).toEqual({
        kind: 'channel_broken',
        error,
      });
    }
  });

  it('reads a dropped connection and a 5xx as an unknown outcome, and other refusals as errors', () => {
    expect(classifySlackError(new webApi.WebAPIRequestError(new Error('socket hang up'))).kind).toBe('unknown_outcome');
    expect(classifySlackError(new webApi.WebAPIHTTPError(503, 'Service Unavailable', {})).kind).toBe('unknown_outcome');
    expect(classifySlackError(new webApi.WebAPIHTTPError(404, 'Not Found', {}))).toEqual({
      kind: 'error',
      error: 'http_404',
    });
    expect(classifySlackError(new webApi.WebAPIPlatformError({ ok: false, error: 'msg_too_long' }))).toEqual({
      kind: 'error',
      error: 'msg_too_long',
    });
  });
});
