import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { createAccount, useRunningApp } from '../support/e2e-context';
import { logModalValues } from '../support/log-modal-values';
import {
  blockActionsPayload,
  blockSuggestionPayload,
  viewPayload,
  viewSubmissionPayload,
} from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

// 03:30 UTC on the 24th is still the 23rd in New York: "today" must follow the team's zone.
const NOW = new Date('2026-11-24T03:30:00Z');
const TODAY = '2026-11-23';
const ALICE = 'U0ALICE001';

type Modal = types.ModalView;
const blockIds = (view: Modal) => view.blocks.map((block) => block.block_id);

describe.each(testDatabases())('the log modal, end to end on $name', (engine) => {
  const context = useRunningApp(engine, { timeZone: 'America/New_York', now: () => NOW });

  /** Submits a log modal as Alice, filled in with the given values. */
  const submitLogModal = (values: Parameters<typeof logModalValues>[0]) =>
    context.app.interact(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({ callbackId: LOG_MODAL.callbackId, values: logModalValues(values) }),
      }),
    );

  it('opens within 3 seconds of /cs log, with the channel’s account preselected and today’s date in the team zone', async () => {
    const acme = await createAccount(context, { name: 'Acme Corp', channelId: 'C0ACME0001' });
    const sentAt = Date.now();
    const response = await context.app.command('log', { userId: ALICE, channelId: 'C0ACME0001' });
    const opened = await context.fake.waitForCall('views.open', undefined, 3_000);
    expect(response.status).toBe(200);
    expect(opened.at - sentAt).toBeLessThan(3_000);
    const view = opened.args.view as Modal;
    expect(view.callback_id).toBe(LOG_MODAL.callbackId);
    const accountBlock = view.blocks.find((block) => block.block_id === LOG_MODAL.account.block) as types.InputBlock;
    expect(accountBlock.element).toMatchObject({
      type: 'external_select',
      initial_option: { value: acme.id, text: { text: 'Acme Corp' } },
    });
    const dateBlock = view.blocks.find((block) => block.block_id === LOG_MODAL.date.block) as types.InputBlock;
    expect(dateBlock.element).toMatchObject({ type: 'datepicker', initial_date: TODAY });
  });

  it('opens with no account chosen when run outside an account channel', async () => {
    await context.app.command('log', { userId: ALICE, channelId: 'C0RANDOM01' });
    const view = (await context.fake.waitForCall('views.open')).args.view as Modal;
    const accountBlock = view.blocks.find((block) => block.block_id === LOG_MODAL.account.block) as types.InputBlock;
    expect(accountBlock.element).not.toHaveProperty('initial_option');
  });

  it('offers accounts by typeahead, names starting with the typed text first', async () => {
    await createAccount(context, { name: 'Globex Holdings' });
    await createAccount(context, { name: 'Big Globex Subsidiary' });
    const response = await context.app.interact(
      blockSuggestionPayload({
        userId: ALICE,
        actionId: LOG_MODAL.account.action,
        blockId: LOG_MODAL.account.block,
        value: 'glob',
      }),
    );
    expect(response.status).toBe(200);
    const { options } = response.json() as { options: Array<{ text: { text: string }; value: string }> };
    expect(options.map((option) => option.text.text)).toEqual(['Globex Holdings', 'Big Globex Subsidiary']);
  });

  it('stores the submission, posts an escaped summary in the account channel and confirms to the submitter', async () => {
    const initech = await createAccount(context, { name: 'Initech', channelId: 'C0INITECH1' });
    const notes = 'Talked rollout. <!channel> please read, cc <@U0BOSS0001> & @here';
    const response = await submitLogModal({
      account: { id: initech.id, name: 'Initech' },
      type: 'cadence_call',
      date: '2026-11-20',
      participants: [ALICE, 'U0BOB00001'],
      notes,
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');

    const [stored] = await context.app.deps.activities.listRecent(initech.id, 5);
    expect(stored).toMatchObject({
      type: 'cadence_call',
      occurredOn: '2026-11-20',
      loggedBy: ALICE,
      participants: [ALICE, 'U0BOB00001'],
      notes,
    });

    const summary = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0INITECH1');
    const summaryText = JSON.stringify([summary.args.text, summary.args.blocks]);
    expect(summaryText).toContain('Cadence call');
    expect(summaryText).toContain('&lt;!channel&gt;');
    expect(summaryText).not.toContain('<!channel>');
    expect(summaryText).not.toContain('<@U0BOSS0001>');
    expect(summaryText).not.toMatch(/@here\b/);
    // Notes may hold customer URLs: the summary must not unfurl them (form-encoded, as Slack receives it).
    expect(summary.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });

    const confirmation = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ALICE);
    expect(String(confirmation.args.text)).toContain('Logged *Cadence call* for *Initech*');
  });

  it('updates the modal in place to ask for the accelerator type and content module when CSA engagement is chosen', async () => {
    await context.app.command('log', { userId: ALICE, channelId: 'C0RANDOM01' });
    const opened = await context.fake.waitForCall('views.open');
    const openedView = (opened.response as { view: { id: string; hash: string } }).view;
    const view = viewPayload({
      viewId: openedView.id,
      hash: openedView.hash,
      callbackId: LOG_MODAL.callbackId,
      values: logModalValues({ type: 'csa_engagement', notes: 'kept while the modal changes' }),
    });
    const response = await context.app.interact(
      blockActionsPayload({
        userId: ALICE,
        actionId: LOG_MODAL.type.action,
        blockId: LOG_MODAL.type.block,
        selectedOption: { text: 'CSA engagement', value: 'csa_engagement' },
        view,
      }),
    );
    expect(response.status).toBe(200);
    const update = await context.fake.waitForCall('views.update');
    expect(update.args.view_id).toBe(openedView.id);
    expect(update.response).toMatchObject({ ok: true });
    const updated = update.args.view as Modal;
    expect(blockIds(updated)).toEqual(
      expect.arrayContaining([
        LOG_MODAL.acceleratorType.block,
        LOG_MODAL.contentModule.block,
        LOG_MODAL.contentModuleCustom.block,
      ]),
    );
    const acceleratorBlock = updated.blocks.find(
      (b) => b.block_id === LOG_MODAL.acceleratorType.block,
    ) as types.InputBlock;
    expect((acceleratorBlock.element as types.StaticSelect).options?.map((o) => o.value)).toEqual([
      'Agile Planning',
      'CI',
      'CD',
      'Security',
      'AI',
      'Compliance',
      'System Administration',
    ]);
    const moduleBlock = updated.blocks.find((b) => b.block_id === LOG_MODAL.contentModule.block) as types.InputBlock;
    expect(JSON.stringify(moduleBlock.element)).toContain('Runner fleet guidance');
    const notesBlock = updated.blocks.find((b) => b.block_id === LOG_MODAL.notes.block) as types.InputBlock;
    expect(notesBlock.element).toMatchObject({ initial_value: 'kept while the modal changes' });
  });

  it('stores a CSA engagement with its accelerator type and a free-text content module', async () => {
    const umbrella = await createAccount(context, { name: 'Umbrella', channelId: 'C0UMBRELLA' });
    const response = await submitLogModal({
      account: { id: umbrella.id, name: 'Umbrella' },
      type: 'csa_engagement',
      date: TODAY,
      acceleratorType: 'CI',
      contentModule: 'Runner fleet guidance',
      contentModuleCustom: 'Delivered guidance report for cost optimization',
    });
    expect(response.text).toBe('');
    await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ALICE);
    const [stored] = await context.app.deps.activities.listRecent(umbrella.id, 1);
    expect(stored).toMatchObject({
      type: 'csa_engagement',
      acceleratorType: 'CI',
      contentModule: 'Delivered guidance report for cost optimization',
      renewalOutcome: null,
    });
  });

  it('answers field errors for a missing account, a future date and over-long notes, and writes nothing', async () => {
    const before = await context.app.deps.activities.listLoggedBy(ALICE, 100);
    const response = await submitLogModal({ type: 'call', date: '2026-11-24', notes: 'x'.repeat(3001) });
    expect(response.status).toBe(200);
    const body = response.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[LOG_MODAL.account.block]).toMatch(/choose an account/i);
    expect(body.errors[LOG_MODAL.date.block]).toMatch(/future/);
    expect(body.errors[LOG_MODAL.notes.block]).toMatch(/3000/);
    expect(await context.app.deps.activities.listLoggedBy(ALICE, 100)).toHaveLength(before.length);
    expect(context.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('asks for the renewal outcome when a renewal call is submitted without one', async () => {
    const hooli = await createAccount(context, { name: 'Hooli' });
    const response = await submitLogModal({
      account: { id: hooli.id, name: 'Hooli' },
      type: 'renewal_call',
      date: TODAY,
    });
    const body = response.json() as { errors: Record<string, string> };
    expect(body.errors[LOG_MODAL.renewalOutcome.block]).toMatch(/renewal question/);
    expect(await context.app.deps.activities.listRecent(hooli.id, 5)).toHaveLength(0);
  });

  it('still stores the activity and tells the submitter when the channel post fails', async () => {
    const vandelay = await createAccount(context, { name: 'Vandelay', channelId: 'C0VANDELAY' });
    context.fake.failNext('chat.postMessage', 'not_in_channel', { channel: 'C0VANDELAY' });
    await submitLogModal({ account: { id: vandelay.id, name: 'Vandelay' }, type: 'email', date: TODAY });
    const confirmation = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ALICE);
    expect(String(confirmation.args.text)).toContain('not_in_channel');
    expect(await context.app.deps.activities.listRecent(vandelay.id, 5)).toHaveLength(1);
  });
});

describe.each(testDatabases())('a bot stopped right after acking a log modal, on $name', (engine) => {
  // Its own app: the test stops it.
  const stopped = useRunningApp(engine, { timeZone: 'America/New_York', now: () => NOW });

  it('still posts the summary and the confirmation of a submission it acked before it was stopped', async () => {
    const globex = await createAccount(stopped, { name: 'Globex Stopping', channelId: 'C0GLOBEX01' });
    const response = await stopped.app.interact(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({
          callbackId: LOG_MODAL.callbackId,
          values: logModalValues({ account: { id: globex.id, name: globex.name }, type: 'call', date: TODAY }),
        }),
      }),
    );
    expect(response.status).toBe(200);
    await stopped.app.stop();

    const posted = stopped.fake.callsTo('chat.postMessage');
    expect(posted.some((call) => call.args.channel === 'C0GLOBEX01')).toBe(true);
    expect(posted.some((call) => call.args.channel === ALICE)).toBe(true);
    expect(await stopped.app.deps.activities.listRecent(globex.id, 5)).toHaveLength(1);
  });
});
