import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accountChanges, tasks } from '../../src/db/schema';
import type { KnownBlock } from '../../src/slack/block-kit';
import { DATES_CHANGED } from '../../src/use-cases/edit-account';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { createAccount, type E2eContext, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD, type RecordedCall } from '../support/fake-slack';
import { accountWithReminder, isoDay, taskRow } from '../support/reminder-fixture';
import { blockActionsPayload, viewPayload, viewSubmissionPayload } from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const ADMIN = 'U0ADMIN001';
const CSM = 'U0CSM00001';
const NEW_CSM = 'U0CSM00002';
const OUTSIDER = 'U0OUTSIDE1';

type StateValues = Record<string, Record<string, Record<string, unknown>>>;
type ModalView = { callback_id: string; private_metadata: string; blocks: KnownBlock[] };

/** What Slack would submit for a modal nobody touched: each input's initial value as its state. */
function untouchedState(view: ModalView): StateValues {
  const values: StateValues = {};
  for (const block of view.blocks) {
    if (block.type !== 'input') continue;
    const element = block.element as unknown as Record<string, unknown> & { type: string; action_id: string };
    const state: Record<string, unknown> = { type: element.type };
    if (element.type === 'plain_text_input' || element.type === 'number_input') {
      state.value = element.initial_value ?? null;
    }
    if (element.type === 'static_select') state.selected_option = element.initial_option ?? null;
    if (element.type === 'users_select') state.selected_user = element.initial_user ?? null;
    if (element.type === 'conversations_select') state.selected_conversation = element.initial_conversation ?? null;
    if (element.type === 'datepicker') state.selected_date = element.initial_date ?? null;
    if (element.type === 'checkboxes') state.selected_options = element.initial_options ?? [];
    values[block.block_id ?? ''] = { [element.action_id]: state };
  }
  return values;
}

const text = (value: string) => ({ type: 'plain_text_input', value });
const option = (value: string) => ({
  type: 'static_select',
  selected_option: { text: { type: 'plain_text', text: value }, value },
});
const date = (day: string) => ({ type: 'datepicker', selected_date: day });
const user = (id: string) => ({ type: 'users_select', selected_user: id });

const viewOf = (call: RecordedCall) => call.args.view as ModalView;
const blocksOf = (call: RecordedCall) => JSON.stringify(call.args.blocks ?? []);

async function openEditModal(context: E2eContext, accountName: string, userId = ADMIN): Promise<ModalView> {
  await context.app.command(`account edit ${accountName}`, { userId, channelId: 'C0ANYWHERE' });
  return viewOf(await context.fake.waitForCall('views.open'));
}

/** Submits the edit modal as opened, with `changes` made to its fields (block id → element state). */
function submitEdit(
  context: E2eContext,
  view: ModalView,
  changes: Record<string, Record<string, unknown>>,
  options: { userId?: string; viewId?: string; hash?: string } = {},
) {
  const values = untouchedState(view);
  for (const [block, state] of Object.entries(changes)) {
    const action = Object.keys(values[block] ?? {})[0] ?? block;
    values[block] = { [action]: state };
  }
  return context.app.interact(
    viewSubmissionPayload({
      userId: options.userId ?? ADMIN,
      view: viewPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values,
        ...(options.viewId ? { viewId: options.viewId } : {}),
        ...(options.hash ? { hash: options.hash } : {}),
      }),
    }),
  );
}

async function changeRows(context: E2eContext, accountId: string) {
  return context.database.db.select().from(accountChanges).where(eq(accountChanges.accountId, accountId));
}

describe.each(testDatabases())('editing accounts from Slack, end to end on $name', (engine) => {
  const context = useRunningApp(engine, { env: { CS_ADMINS: ADMIN } });
  let count = 0;
  const uniqueName = (label: string) => `${label} ${++count}`;
  const channelFor = () => `C0EDIT${String(count).padStart(4, '0')}`;

  it('opens the account modal from /cs account edit filled in with the account’s current values', async () => {
    const name = uniqueName('Initech');
    await createAccount(context, {
      name,
      channelId: channelFor(),
      employeeCount: 800,
      salesSegment: 'Large',
      csmSegment: 'Growth',
      health: 'yellow',
      contractStart: '2026-01-31',
      renewalDate: '2027-01-31',
      successServices: true,
      csaAseIdentifiedOn: '2026-02-10',
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    const view = await openEditModal(context, name);
    expect(view.callback_id).toBe(ACCOUNT_MODAL.editCallbackId);
    const state = untouchedState(view);
    expect(state[ACCOUNT_MODAL.name.block]?.[ACCOUNT_MODAL.name.action]).toMatchObject({ value: name });
    expect(state[ACCOUNT_MODAL.channel.block]?.[ACCOUNT_MODAL.channel.action]).toMatchObject({
      selected_conversation: channelFor(),
    });
    expect(state[ACCOUNT_MODAL.member('CSM').block]?.[ACCOUNT_MODAL.member('CSM').action]).toMatchObject({
      selected_user: CSM,
    });
    expect(state[ACCOUNT_MODAL.employees.block]?.[ACCOUNT_MODAL.employees.action]).toMatchObject({ value: '800' });
    expect(JSON.stringify(state[ACCOUNT_MODAL.health.block])).toContain('"value":"yellow"');
    expect(JSON.stringify(state[ACCOUNT_MODAL.csmSegment.block])).toContain('"value":"Growth"');
    expect(state[ACCOUNT_MODAL.contractStart.block]?.[ACCOUNT_MODAL.contractStart.action]).toMatchObject({
      selected_date: '2026-01-31',
    });
    expect(state[ACCOUNT_MODAL.csaAseIdentifiedOn.block]?.[ACCOUNT_MODAL.csaAseIdentifiedOn.action]).toMatchObject({
      selected_date: '2026-02-10',
    });
    expect(JSON.stringify(state[ACCOUNT_MODAL.flags.block])).toContain('success_services');
  });

  it('opens the same modal from the Edit button on /cs account, for a member of the account’s team', async () => {
    const name = uniqueName('Umbrella');
    const account = await createAccount(context, { name, team: [{ role: 'CSM', slackUserId: CSM }] });
    await context.app.command(`account ${name}`, { userId: CSM, channelId: 'C0ANYWHERE' });
    const summary = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    expect(blocksOf(summary)).toContain(`"action_id":"${ACCOUNT_MODAL.editButton}"`);
    await context.app.interact(
      blockActionsPayload({
        userId: CSM,
        actionId: ACCOUNT_MODAL.editButton,
        value: account.id,
        channelId: 'C0ANYWHERE',
        messageTs: '1700000000.000100',
        responseUrl: context.fake.newResponseUrl(),
      }),
    );
    const view = viewOf(await context.fake.waitForCall('views.open'));
    expect(view).toMatchObject({ callback_id: ACCOUNT_MODAL.editCallbackId, private_metadata: account.id });
  });

  it('tells someone outside the team and the CS admins who can edit, from the command and the button, and refuses their submission', async () => {
    const name = uniqueName('Soylent');
    const account = await createAccount(context, { name, team: [{ role: 'CSM', slackUserId: CSM }] });
    const refusal = `Only ${name}'s team (<@${CSM}>) and the CS admins (<@${ADMIN}>) can edit it.`;
    await context.app.command(`account edit ${name}`, { userId: OUTSIDER, channelId: 'C0ANYWHERE' });
    expect((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args).toMatchObject({
      response_type: 'ephemeral',
      text: refusal,
    });
    context.fake.reset();
    await context.app.interact(
      blockActionsPayload({
        userId: OUTSIDER,
        actionId: ACCOUNT_MODAL.editButton,
        value: account.id,
        channelId: 'C0ANYWHERE',
        messageTs: '1700000000.000100',
        responseUrl: context.fake.newResponseUrl(),
      }),
    );
    expect((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args).toMatchObject({
      response_type: 'ephemeral',
      text: refusal,
    });
    expect(context.fake.callsTo('views.open')).toHaveLength(0);
    const view = await openEditModal(context, name);
    const response = await submitEdit(
      context,
      view,
      { [ACCOUNT_MODAL.health.block]: option('yellow') },
      {
        userId: OUTSIDER,
      },
    );
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { [ACCOUNT_MODAL.name.block]: `Only ${name}'s team (${CSM}) and the CS admins (${ADMIN}) can edit it.` },
    });
    expect((await context.app.deps.accounts.findById(account.id))?.health).toBe('green');
    expect(await changeRows(context, account.id)).toEqual([]);
  });

  it('shows the same checks as adding as field errors, including a name another account has, and writes nothing', async () => {
    const taken = uniqueName('Taken');
    await createAccount(context, { name: taken });
    const name = uniqueName('Wayne');
    const account = await createAccount(context, { name, contractStart: '2026-01-31', renewalDate: '2027-01-31' });
    const view = await openEditModal(context, name);
    const badDates = await submitEdit(context, view, { [ACCOUNT_MODAL.renewalDate.block]: date('2025-12-01') });
    expect(badDates.json()).toEqual({
      response_action: 'errors',
      errors: { [ACCOUNT_MODAL.renewalDate.block]: 'The renewal date must be after the contract start.' },
    });
    const collision = await submitEdit(context, view, { [ACCOUNT_MODAL.name.block]: text(` ${taken.toUpperCase()} `) });
    expect(collision.json()).toEqual({
      response_action: 'errors',
      errors: { [ACCOUNT_MODAL.name.block]: `${taken.toUpperCase()} already exists; pick another name.` },
    });
    expect(await context.app.deps.accounts.findById(account.id)).toMatchObject({ name, renewalDate: '2027-01-31' });
    expect(await changeRows(context, account.id)).toEqual([]);
  });

  it('saves an edit once, records each changed field, and shows the latest changes on /cs account', async () => {
    const name = uniqueName('Stark');
    const account = await createAccount(context, {
      name,
      csmSegment: 'Scale',
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    const view = await openEditModal(context, name);
    const renamed = `${name} Industries`;
    const edit = {
      [ACCOUNT_MODAL.name.block]: text(renamed),
      [ACCOUNT_MODAL.csmSegment.block]: option('Strategic'),
    };
    const first = await submitEdit(context, view, edit, { viewId: `V0EDITONCE${count}`, hash: '1.a' });
    expect(first.text).toBe('');
    const replay = await submitEdit(context, view, edit, { viewId: `V0EDITONCE${count}`, hash: '1.a' });
    expect(replay.text).toBe('');
    const confirmation = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ADMIN);
    expect(String(confirmation.args.text)).toBe(`:white_check_mark: Saved *${renamed}*: name, CSM segment.`);
    expect(await context.app.deps.accounts.findById(account.id)).toMatchObject({
      name: renamed,
      csmSegment: 'Strategic',
    });
    const rows = await changeRows(context, account.id);
    expect(rows.map(({ field, oldValue, newValue, changedBy }) => ({ field, oldValue, newValue, changedBy }))).toEqual(
      expect.arrayContaining([
        { field: 'name', oldValue: name, newValue: renamed, changedBy: ADMIN },
        { field: 'csmSegment', oldValue: 'Scale', newValue: 'Strategic', changedBy: ADMIN },
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(context.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === ADMIN)).toHaveLength(1);

    context.fake.reset();
    await context.app.command(`account ${renamed}`, { userId: OUTSIDER, channelId: 'C0ANYWHERE' });
    const summary = blocksOf(await context.fake.waitForCall(RESPONSE_URL_METHOD));
    expect(summary).toContain('*Latest changes*');
    expect(summary).toContain(`CSM segment Scale → Strategic by <@${ADMIN}>`);
  });

  it('asks for a reason when health turns red, then tells the channel and the CSM once, and announces the way back', async () => {
    const name = uniqueName('Tyrell');
    const channel = channelFor();
    const account = await createAccount(context, {
      name,
      channelId: channel,
      priority: 'PR3',
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    const view = await openEditModal(context, name);
    const noReason = await submitEdit(context, view, { [ACCOUNT_MODAL.health.block]: option('red') });
    expect(noReason.json()).toMatchObject({
      response_action: 'errors',
      errors: { [ACCOUNT_MODAL.healthReason.block]: expect.stringContaining('Say why the health turned red') },
    });
    expect((await context.app.deps.accounts.findById(account.id))?.health).toBe('green');

    const red = {
      [ACCOUNT_MODAL.health.block]: option('red'),
      [ACCOUNT_MODAL.healthReason.block]: text('Champion left <!channel> *now*'),
    };
    await submitEdit(context, view, red, { viewId: `V0REDONCE${count}`, hash: '2.b' });
    await submitEdit(context, view, red, { viewId: `V0REDONCE${count}`, hash: '2.b' });
    await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ADMIN);
    const inChannel = context.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
    expect(inChannel).toHaveLength(1);
    const announcement = String(inChannel[0]?.args.text);
    expect(announcement).toContain(`<@${ADMIN}> changed the health of *${name}* from green to *red*`);
    expect(announcement).toContain('Champion left &lt;!channel&gt;');
    expect(announcement).not.toContain('<!channel>');
    const toCsm = context.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === CSM);
    expect(toCsm).toHaveLength(1);
    expect(String(toCsm[0]?.args.text)).toContain(`marked *${name}* red (now PR1)`);
    expect(await context.app.deps.accounts.findById(account.id)).toMatchObject({ health: 'red', priority: 'PR1' });
    const stored = (await changeRows(context, account.id)).find((row) => row.field === 'health');
    expect(stored).toMatchObject({ field: 'health', newValue: 'red', reason: 'Champion left <!channel> *now*' });

    await context.app.command(`account ${name}`, { userId: CSM, channelId: 'C0ANYWHERE' });
    const summary = blocksOf(await context.fake.waitForCall(RESPONSE_URL_METHOD));
    expect(summary).toContain(`health green → red by <@${ADMIN}>`);
    expect(summary).toContain('“Champion left &lt;!channel&gt;');
    expect(summary).not.toContain('<!channel>');

    context.fake.reset();
    const redView = await openEditModal(context, name);
    await submitEdit(context, redView, { [ACCOUNT_MODAL.health.block]: option('green') });
    const back = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === channel);
    expect(String(back.args.text)).toContain(`changed the health of *${name}* from red to *green*`);
    expect(context.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === CSM)).toHaveLength(0);
  });

  it('moves a role’s open tasks to its new holder, updates their channel messages and announces the change', async () => {
    const name = uniqueName('Cyberdyne');
    const channel = channelFor();
    const reminder = await accountWithReminder(context, {
      name,
      channelId: channel,
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    expect((await taskRow(context, reminder.taskId))?.forUser).toBe(CSM);
    context.fake.reset();
    const view = await openEditModal(context, name);
    await submitEdit(context, view, { [ACCOUNT_MODAL.member('CSM').block]: user(NEW_CSM) });
    const announcement = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === channel);
    expect(String(announcement.args.text)).toContain(`made <@${NEW_CSM}> the CSM of *${name}* (was <@${CSM}>)`);
    expect((await taskRow(context, reminder.taskId))?.forUser).toBe(NEW_CSM);
    const update = await context.fake.waitForCall('chat.update', (call) => call.args.ts === reminder.message.ts);
    expect(JSON.stringify([update.args.text, update.args.blocks])).toContain(`<@${NEW_CSM}>`);
    // What the digest lists for each person: every open CSM task of the account is now the new CSM's.
    const open = await context.app.deps.tasks.listActive({ accountId: reminder.account.id }, new Date());
    expect(open.map((task) => task.id)).toContain(reminder.taskId);
    expect(open.filter((task) => task.forRole === 'CSM').map((task) => task.forUser)).toEqual(
      open.filter((task) => task.forRole === 'CSM').map(() => NEW_CSM),
    );
  });

  it('empties the roles and dates checked under "Leave empty", though their pickers still show them, and records it', async () => {
    const name = uniqueName('Soylent');
    const channel = channelFor();
    const reminder = await accountWithReminder(context, {
      name,
      channelId: channel,
      team: [
        { role: 'CSM', slackUserId: CSM },
        { role: 'AE', slackUserId: NEW_CSM },
      ],
    });
    const before = await context.app.deps.accounts.findById(reminder.account.id);
    expect(before?.renewalDate).not.toBeNull();
    context.fake.reset();
    const view = await openEditModal(context, name);
    const clear = view.blocks.find((block) => block.block_id === ACCOUNT_MODAL.clear.block);
    const offered = JSON.stringify(clear);
    expect(offered).toContain('"value":"team.CSM"');
    expect(offered).toContain('"value":"renewalDate"');
    expect(offered).not.toContain('"value":"team.SA"');

    const checked = (values: string[]) => ({
      type: 'checkboxes',
      selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
    });
    const saved = await submitEdit(context, view, {
      [ACCOUNT_MODAL.clear.block]: checked(['team.CSM', 'renewalDate']),
    });
    expect(saved.text).toBe('');

    const announcement = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === channel);
    expect(String(announcement.args.text)).toContain(`removed <@${CSM}> as the CSM of *${name}*`);
    const after = await context.app.deps.accounts.findById(reminder.account.id);
    expect(after?.team).toEqual([{ role: 'AE', slackUserId: NEW_CSM }]);
    expect(after?.renewalDate).toBeNull();
    expect(after?.contractStart).toBe(before?.contractStart);
    const rows = await changeRows(context, reminder.account.id);
    expect(rows.map(({ field, oldValue, newValue }) => ({ field, oldValue, newValue }))).toEqual(
      expect.arrayContaining([
        { field: 'team.CSM', oldValue: CSM, newValue: null },
        { field: 'renewalDate', oldValue: before?.renewalDate, newValue: null },
      ]),
    );
    expect(rows).toHaveLength(2);
    // The CSM's open task waits for whoever takes the role.
    expect((await taskRow(context, reminder.taskId))?.forUser).toBeNull();
  });

  it('closes tasks that no longer fit with the reason "dates changed" when an edit moves the contract start', async () => {
    const name = uniqueName('Oscorp');
    const reminder = await accountWithReminder(context, {
      name,
      channelId: channelFor(),
      team: [{ role: 'CSM', slackUserId: CSM }],
    });
    const view = await openEditModal(context, name);
    await submitEdit(context, view, { [ACCOUNT_MODAL.contractStart.block]: date(isoDay(30)) });
    await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === ADMIN);
    expect(await taskRow(context, reminder.taskId)).toMatchObject({ status: 'closed', resolvedReason: DATES_CHANGED });
    const stillOpen = await context.database.db.select().from(tasks).where(eq(tasks.accountId, reminder.account.id));
    expect(stillOpen.filter((task) => task.status === 'open' && task.opensAt.getTime() < Date.now())).toEqual([]);
  });
});
