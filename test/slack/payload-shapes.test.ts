import { describe, expect, it } from 'vitest';
import {
  appHomeOpenedShape,
  blockActionsShape,
  blockSuggestionShape,
  globalShortcutShape,
  messageShortcutShape,
  slashCommandShape,
  viewSubmissionShape,
} from '../../src/slack/payload-shapes';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { logModalValues } from '../support/log-modal-values';
import {
  blockActionsPayload,
  blockSuggestionPayload,
  messageShortcutPayload,
  shortcutPayload,
  slashCommandBody,
  viewPayload,
  viewSubmissionPayload,
} from '../support/slack-signer';

const ALICE = 'U0ALICE001';
const TASK_ID = '0b8e4c1e-7a43-4f4e-9a55-2f1f0f6a9c11';
const command = Object.fromEntries(
  new URLSearchParams(
    slashCommandBody({ text: 'log Acme call', userId: ALICE, channelId: 'C0ACME0001', responseUrl: 'http://x/r/1' }),
  ),
);
const logView = viewPayload({
  callbackId: LOG_MODAL.callbackId,
  values: logModalValues({ type: 'call', notes: 'typed <!channel>' }),
});
const submission = viewSubmissionPayload({ userId: ALICE, view: logView });
const click = blockActionsPayload({
  userId: ALICE,
  actionId: 'task_snooze',
  selectedOption: { text: '1 day', value: `${TASK_ID}|1d` },
  channelId: 'C0ACME0001',
  messageTs: '1700000000.000100',
});
const messageShortcut = messageShortcutPayload({
  userId: ALICE,
  callbackId: 'log_activity_from_message',
  channelId: 'C0ACME0001',
  messageTs: '1700000000.000100',
  text: 'hello',
});

describe('the payload shapes the listeners read', () => {
  it('accept what Slack sends for every kind', () => {
    expect(slashCommandShape.safeParse(command).success).toBe(true);
    expect(viewSubmissionShape.safeParse(submission).success).toBe(true);
    expect(blockActionsShape.safeParse(click).success).toBe(true);
    expect(
      blockSuggestionShape.safeParse(blockSuggestionPayload({ userId: ALICE, actionId: 'a', value: '' })).success,
    ).toBe(true);
    expect(globalShortcutShape.safeParse(shortcutPayload({ userId: ALICE, callbackId: 'x' })).success).toBe(true);
    expect(messageShortcutShape.safeParse(messageShortcut).success).toBe(true);
    expect(appHomeOpenedShape.safeParse({ type: 'app_home_opened', user: ALICE, tab: 'home' }).success).toBe(true);
  });

  it('accept a message shortcut on a message with no text (only files), whose notes start empty', () => {
    const { text: _text, ...message } = messageShortcut.message;
    expect(messageShortcutShape.safeParse({ ...messageShortcut, message }).success).toBe(true);
  });

  it('accept typed text with control characters in a text input, which the use-case answers as a field error', () => {
    const values = logModalValues({ type: 'call', notes: 'nul\u0000here' });
    expect(viewSubmissionShape.safeParse({ ...submission, view: { ...logView, state: { values } } }).success).toBe(
      true,
    );
  });

  it.each([
    ['a view with state: null', { ...submission, view: { ...logView, state: null } }],
    ['a number where Slack sends a string', { ...submission, view: { ...logView, private_metadata: 42 } }],
    [
      'a select whose value is a number',
      {
        ...submission,
        view: {
          ...logView,
          state: {
            values: { type: { type: { type: 'static_select', selected_option: { value: 7, text: { text: 'x' } } } } },
          },
        },
      },
    ],
    ['a submission with no user', { ...submission, user: undefined }],
  ])('refuse a view submission with %s', (_label, payload) => {
    expect(viewSubmissionShape.safeParse(payload).success).toBe(false);
  });

  it.each([
    ['no actions', { ...click, actions: [] }],
    ['an action without an action_id', { ...click, actions: [{ type: 'button' }] }],
    ['a button value that is a number', { ...click, actions: [{ type: 'button', action_id: 'a', value: 5 }] }],
    ['a NUL in the user id', { ...click, user: { id: 'U0\u0000' } }],
    ['a view whose state is null', { ...click, view: { ...logView, state: null } }],
  ])('refuse a block action with %s', (_label, payload) => {
    expect(blockActionsShape.safeParse(payload).success).toBe(false);
  });

  it.each([
    ['text that is missing', { ...command, text: undefined }],
    ['a response_url that is not a URL', { ...command, response_url: 'not a url' }],
    ['no user id', { ...command, user_id: '' }],
  ])('refuse a slash command with %s', (_label, payload) => {
    expect(slashCommandShape.safeParse(payload).success).toBe(false);
  });

  it('refuse a message shortcut with no message', () => {
    expect(messageShortcutShape.safeParse({ ...messageShortcut, message: undefined }).success).toBe(false);
  });

  it('refuse a typeahead whose typed value is not text', () => {
    expect(
      blockSuggestionShape.safeParse({ type: 'block_suggestion', user: { id: ALICE }, action_id: 'a', value: null })
        .success,
    ).toBe(false);
  });
});
