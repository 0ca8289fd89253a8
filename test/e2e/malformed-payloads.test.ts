import { describe, expect, it } from 'vitest';
import { LOG_ACTIVITY_SHORTCUT, LOG_FROM_MESSAGE_SHORTCUT } from '../../handlers/shortcuts/log-activity-shortcut';
import { SOMETHING_WENT_WRONG_MESSAGE } from '../../src/slack/failure-messages';
import {
  COMMAND_CONTROL_CHARACTERS,
  UNREADABLE_CLICK,
  UNREADABLE_FORM,
  UNREADABLE_SHORTCUT,
} from '../../src/slack/shape-guard';
import { OPEN_LOG_MODAL_ACTION } from '../../src/views/app-home';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { createAccount, useRunningApp } from '../support/e2e-context';
import { logModalValues } from '../support/log-modal-values';
import { recordingLogger } from '../support/recording-logger';
import {
  blockActionsPayload,
  messageShortcutPayload,
  shortcutPayload,
  viewPayload,
  viewSubmissionPayload,
} from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const ALICE = 'U0ALICE001';
const SLACK_MS = 3_000;

describe.each(testDatabases())('malformed Slack payloads, end to end on $name', (engine) => {
  const logger = recordingLogger();
  const context = useRunningApp(engine, { logger });
  const escapedErrors = () => logger.errors.filter((line) => line.includes('A Slack listener failed'));

  it('refuses /cs log with a NUL in its text with a clear message visible only to the caller, and writes nothing', async () => {
    const acme = await createAccount(context, { name: 'Nul Co' });
    const response = await context.app.command('log Nul Co email hi\u0000there', {
      userId: ALICE,
      channelId: 'C0ANY00001',
    });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ response_type: 'ephemeral', text: COMMAND_CONTROL_CHARACTERS });
    expect(COMMAND_CONTROL_CHARACTERS).toContain('control character (such as NUL)');
    expect(await context.app.deps.activities.listRecent(acme.id, 5)).toHaveLength(0);
    expect(escapedErrors()).toEqual([]);
  });

  it('keeps a log modal whose state is null open with a clear error in its ack, and writes nothing', async () => {
    const before = await context.app.deps.activities.listLoggedBy(ALICE, 100);
    const view = { ...viewPayload({ callbackId: LOG_MODAL.callbackId }), state: null };
    const sentAt = Date.now();
    const response = await context.app.interact(viewSubmissionPayload({ userId: ALICE, view: view as never }));
    expect(Date.now() - sentAt).toBeLessThan(SLACK_MS);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [LOG_MODAL.notes.block]: UNREADABLE_FORM },
    });
    expect(await context.app.deps.activities.listLoggedBy(ALICE, 100)).toHaveLength(before.length);
  });

  it('refuses a log modal whose date is a number where Slack sends a string, keeping the modal open', async () => {
    const values = logModalValues({ type: 'call', notes: 'kept' });
    values[LOG_MODAL.date.block] = { [LOG_MODAL.date.action]: { type: 'datepicker', selected_date: 20261123 } };
    const response = await context.app.interact(
      viewSubmissionPayload({ userId: ALICE, view: viewPayload({ callbackId: LOG_MODAL.callbackId, values }) }),
    );
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [LOG_MODAL.notes.block]: UNREADABLE_FORM },
    });
  });

  it('opens the log modal with no account chosen when the Home button carries a value that is not an account id', async () => {
    const response = await context.app.interact(
      blockActionsPayload({
        userId: ALICE,
        actionId: OPEN_LOG_MODAL_ACTION,
        value: 'not-a-uuid',
        view: viewPayload({ callbackId: '', type: 'home' }),
      }),
    );
    expect(response.status).toBe(200);
    const opened = await context.fake.waitForCall('views.open');
    expect((opened.args.view as { callback_id?: string }).callback_id).toBe(LOG_MODAL.callbackId);
    expect(JSON.stringify(opened.args.view)).not.toContain('initial_option');
    expect(escapedErrors()).toEqual([]);
  });

  it('answers a click with no actions on the Home tab by re-publishing the Home with a clear notice', async () => {
    const click = {
      ...blockActionsPayload({
        userId: ALICE,
        actionId: OPEN_LOG_MODAL_ACTION,
        view: viewPayload({ callbackId: '', type: 'home' }),
      }),
      actions: [],
    };
    expect((await context.app.interact(click)).status).toBe(200);
    const published = await context.fake.waitForCall(
      'views.publish',
      (call) => call.args.user_id === ALICE && JSON.stringify(call.args.view).includes(UNREADABLE_CLICK),
    );
    expect(published.args.user_id).toBe(ALICE);
    expect(JSON.stringify(published.args.view)).toContain(UNREADABLE_CLICK);
  });

  it('opens the log modal with empty notes from a message shortcut on a message that has no text', async () => {
    const shortcut = messageShortcutPayload({
      userId: ALICE,
      callbackId: LOG_FROM_MESSAGE_SHORTCUT,
      channelId: 'C0ANY00001',
      messageTs: '1700000000.000100',
      text: '',
    });
    const { text: _text, ...message } = shortcut.message;
    expect((await context.app.interact({ ...shortcut, message })).status).toBe(200);
    const opened = await context.fake.waitForCall('views.open');
    expect((opened.args.view as { callback_id?: string }).callback_id).toBe(LOG_MODAL.callbackId);
  });

  it('tells the person, in the channel, when a message shortcut arrives without its message', async () => {
    const shortcut = messageShortcutPayload({
      userId: ALICE,
      callbackId: LOG_FROM_MESSAGE_SHORTCUT,
      channelId: 'C0ANY00001',
      messageTs: '1700000000.000100',
      text: 'hi',
    });
    expect((await context.app.interact({ ...shortcut, message: null })).status).toBe(200);
    const told = await context.fake.waitForCall('chat.postEphemeral');
    expect(told.args).toMatchObject({ channel: 'C0ANY00001', user: ALICE, text: UNREADABLE_SHORTCUT });
    expect(context.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('acks a view submission with no user at once instead of letting Bolt answer 500', async () => {
    const { user: _user, ...submission } = viewSubmissionPayload({
      userId: ALICE,
      view: viewPayload({ callbackId: LOG_MODAL.callbackId }),
    });
    const response = await context.app.interact(submission);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [LOG_MODAL.notes.block]: UNREADABLE_FORM },
    });
    expect(logger.errors.filter((line) => line.includes('Bolt failed'))).toEqual([]);
  });

  it('tells the person in a DM, and logs why, when a shortcut fails after its ack', async () => {
    context.fake.failNext('views.open', 'expired_trigger_id');
    const response = await context.app.interact(shortcutPayload({ userId: ALICE, callbackId: LOG_ACTIVITY_SHORTCUT }));
    expect(response.status).toBe(200);
    const told = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ALICE);
    expect(told.args.text).toBe(SOMETHING_WENT_WRONG_MESSAGE);
    expect(logger.errors.some((line) => line.includes('expired_trigger_id'))).toBe(true);
    expect(escapedErrors()).toEqual([]);
  });
});
