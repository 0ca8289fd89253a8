import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOG_ACTIVITY_SHORTCUT, LOG_FROM_MESSAGE_SHORTCUT } from '../../handlers/shortcuts/log-activity-shortcut';
import { queryRows } from '../../src/db/database';
import { hasControlCharacters } from '../../src/domain/control-characters';
import { ACCOUNT_MODAL } from '../../src/views/account-add-modal';
import { OPEN_LOG_MODAL_ACTION } from '../../src/views/app-home';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { NOT_NEEDED_MODAL } from '../../src/views/not-needed-modal';
import { snoozeValue, TASK_ACTIONS } from '../../src/views/task-reminder';
import { useRunningApp } from '../support/e2e-context';
import type { RecordedCall } from '../support/fake-slack';
import { logModalValues } from '../support/log-modal-values';
import { recordingLogger } from '../support/recording-logger';
import { accountWithReminder, isoDay } from '../support/reminder-fixture';
import { TEST_SIGNING_SECRET } from '../support/running-app';
import {
  type AppResponse,
  blockActionsPayload,
  blockSuggestionPayload,
  eventBody,
  fakeTriggerId,
  interactionBody,
  messageShortcutPayload,
  postToApp,
  shortcutPayload,
  viewPayload,
  viewSubmissionPayload,
} from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

/** Fixed, so a failure in CI replays here with the same requests. */
const SEED = 20_261_201;
const RUNS_PER_KIND = 100;
const SLACK_MS = 3_000;
const ALICE = 'U0ALICE001';
const PINGS = /<!(channel|here|everyone)\b/;
/** Modals show typed text back in plain-text inputs, where nothing pings; every other surface must not. */
const MODAL_METHODS = new Set(['views.open', 'views.update', 'views.push']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

/** Every path into a JSON value, containers included, so a mutation can hit any level. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

/** A copy of `base` with the value at `path` replaced (or deleted, for undefined). */
function mutated<T>(base: T, path: Path, value: Json | undefined): T {
  if (path.length === 0) return (value ?? {}) as T;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy as T;
}

/** What fuzzing puts where a field was: wrong types, nulls, huge and control-character text, pings, non-UUIDs. */
const weirdValue: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '<!channel>',
    '<!here> look',
    '<!everyone>',
    '@channel',
    'U1>|<!channel',
    '\u0000',
    'a\u0007b',
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(40_000),
  ),
  fc.array(fc.string(), { maxLength: 3 }),
);

/** One to three mutations of one of the bases. */
function mutations<T>(bases: readonly T[]) {
  return fc
    .record({
      base: fc.nat({ max: bases.length - 1 }),
      changes: fc.array(fc.record({ at: fc.nat(), value: weirdValue }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ base, changes }) =>
      changes.reduce<T>(
        (payload, { at, value }) => {
          const paths = pathsOf(payload);
          return mutated(payload, paths[at % paths.length] ?? [], value);
        },
        structuredClone(bases[base] as T),
      ),
    );
}

const commandText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .tuple(
      fc.constantFrom('log', 'tasks', 'renewed', 'account', 'account add', 'help', ''),
      fc.constantFrom(' Fuzz Co', ' fuzz co email', ' Fuzz Co call <!channel> hi', ' <!here>', ' \u0000', ' "Fuzz'),
      fc.string({ unit: 'binary', maxLength: 20 }),
    )
    .map(([head, middle, tail]) => `${head}${middle}${tail}`),
);

describe.each(testDatabases())('fuzzed Slack requests of every kind, end to end on $name', (engine) => {
  const logger = recordingLogger();
  const context = useRunningApp(engine, { env: { CS_ADMINS: ALICE }, logger });
  let accountId = '';
  let taskId = '';
  let message = { channel: '', ts: '' };

  beforeAll(async () => {
    const reminder = await accountWithReminder(context, {
      name: 'Fuzz Co',
      channelId: 'C0FUZZ0001',
      team: [{ role: 'CSM', slackUserId: ALICE }],
    });
    accountId = reminder.account.id;
    taskId = reminder.taskId;
    message = reminder.message;
  });

  /** What the database holds, as counts that any write would change. */
  async function footprint(): Promise<string> {
    const [row] = await queryRows<Record<string, string>>(
      context.database.db,
      sql`select (select count(*) from activities) as activities, (select count(*) from accounts) as accounts,
        (select count(*) from tasks where status <> 'open') as changed_tasks`,
    );
    return JSON.stringify(row);
  }

  /** Waits until the app has been quiet towards the fake Slack for a moment (its post-ack work is done). */
  async function settled(): Promise<void> {
    let seen = -1;
    for (let waited = 0; waited < 1_500 && seen !== context.fake.calls.length; waited += 25) {
      seen = context.fake.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** True when the request was refused or failed: then it must have written nothing. */
  function refused(response: AppResponse, calls: RecordedCall[], warnings: string[]): boolean {
    const texts = [response.text, ...calls.map((call) => JSON.stringify(call.args)), ...warnings].join('\n');
    return /response_action|could not read|nothing was saved|control character|can't reach|Refused a malformed/.test(
      texts,
    );
  }

  /** Sends one request and checks what every request must satisfy; true when it was refused. */
  async function check(send: () => Promise<AppResponse>): Promise<boolean> {
    const before = await footprint();
    const firstCall = context.fake.calls.length;
    const firstError = logger.errors.length;
    const firstWarning = logger.warnings.length;
    const sentAt = Date.now();
    const response = await send();
    expect(response.status).toBe(200);
    expect(Date.now() - sentAt).toBeLessThan(SLACK_MS);
    await settled();
    const calls = context.fake.calls.slice(firstCall);
    for (const call of calls) {
      if (!MODAL_METHODS.has(call.method)) expect(JSON.stringify(call.args)).not.toMatch(PINGS);
    }
    const wasRefused = refused(response, calls, logger.warnings.slice(firstWarning));
    if (wasRefused) expect(await footprint()).toBe(before);
    expect(logger.errors.slice(firstError)).toEqual([]);
    return wasRefused;
  }

  const interact = (payload: unknown) =>
    postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body: interactionBody(payload as object) });

  /** Runs the property; the requests must have included both refused and accepted ones, or it proved little. */
  async function property<T>(arbitrary: fc.Arbitrary<T>, send: (value: T) => Promise<AppResponse>): Promise<void> {
    const outcomes = { refused: 0, accepted: 0 };
    await fc.assert(
      fc.asyncProperty(arbitrary, async (value) => {
        outcomes[(await check(() => send(value))) ? 'refused' : 'accepted'] += 1;
      }),
      { numRuns: RUNS_PER_KIND, seed: SEED, endOnFailure: true },
    );
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.accepted).toBeGreaterThan(0);
  }

  it('answers every fuzzed /cs command with 200 in time, refusing control characters, with no ping and no half-write', async () => {
    const fields = fc.record(
      {
        text: commandText,
        user_id: fc.oneof(fc.constant(ALICE), fc.string({ unit: 'binary', maxLength: 12 })),
        channel_id: fc.oneof(fc.constant('C0FUZZ0001'), fc.string({ maxLength: 12 })),
        trigger_id: fc.oneof(
          fc.constant('').map(() => fakeTriggerId()),
          fc.string({ maxLength: 5 }),
        ),
        response_url: fc.oneof(
          fc.constant('').map(() => context.fake.newResponseUrl()),
          fc.string({ maxLength: 8 }),
        ),
      },
      { requiredKeys: ['text'] },
    );
    await property(fields, (form) =>
      postToApp(context.app.url, {
        signingSecret: TEST_SIGNING_SECRET,
        body: new URLSearchParams({ command: '/cs', team_id: 'T0TEAM', ...form }).toString(),
      }),
    );
  }, 300_000);

  it('answers every fuzzed modal submission with 200 in time, with no ping and no half-write', async () => {
    const submission = (callbackId: string, values: Record<string, Record<string, unknown>>, privateMetadata = '') =>
      viewSubmissionPayload({ userId: ALICE, view: viewPayload({ callbackId, values, privateMetadata }) });
    const bases = [
      submission(
        LOG_MODAL.callbackId,
        logModalValues({ account: { id: accountId, name: 'Fuzz Co' }, type: 'email', date: isoDay(0), notes: 'ok' }),
      ),
      submission(ACCOUNT_MODAL.callbackId, {
        [ACCOUNT_MODAL.name.block]: { [ACCOUNT_MODAL.name.action]: { type: 'plain_text_input', value: 'New Fuzz' } },
      }),
      submission(
        NOT_NEEDED_MODAL.callbackId,
        {
          [NOT_NEEDED_MODAL.reason.block]: {
            [NOT_NEEDED_MODAL.reason.action]: { type: 'plain_text_input', value: 'Skipped' },
          },
        },
        JSON.stringify({ taskId, ...message }),
      ),
    ];
    // Each submission is its own view (its own replay key), as a new modal's would be.
    await property(mutations(bases), (payload) => {
      const view = (payload as { view?: unknown }).view;
      if (typeof view === 'object' && view !== null && 'id' in view)
        (view as { id: unknown }).id = viewPayload({ callbackId: '' }).id;
      return interact(payload);
    });
  }, 300_000);

  it('answers every fuzzed button, select and typeahead with 200 in time, with no ping and no half-write', async () => {
    const modal = viewPayload({ callbackId: LOG_MODAL.callbackId, values: logModalValues({ type: 'call' }) });
    const bases = [
      blockActionsPayload({ userId: ALICE, actionId: TASK_ACTIONS.log, value: taskId, ...onMessage() }),
      blockActionsPayload({ userId: ALICE, actionId: TASK_ACTIONS.notNeeded, value: taskId, ...onMessage() }),
      blockActionsPayload({
        userId: ALICE,
        actionId: TASK_ACTIONS.snooze,
        selectedOption: { text: '1 day', value: snoozeValue(taskId, '1d') },
        ...onMessage(),
      }),
      blockActionsPayload({
        userId: ALICE,
        actionId: OPEN_LOG_MODAL_ACTION,
        value: accountId,
        view: viewPayload({ callbackId: '', type: 'home' }),
      }),
      blockActionsPayload({
        userId: ALICE,
        actionId: LOG_MODAL.type.action,
        blockId: LOG_MODAL.type.block,
        selectedOption: { text: 'CSA engagement', value: 'csa_engagement' },
        view: modal,
      }),
      blockSuggestionPayload({
        userId: ALICE,
        actionId: LOG_MODAL.account.action,
        blockId: LOG_MODAL.account.block,
        value: 'fuz',
      }),
    ];
    await property(mutations(bases), (payload) => {
      // Snooze is written once per trigger id; a fresh one each time, as each click has.
      if (typeof payload === 'object' && payload !== null && 'trigger_id' in payload) {
        (payload as { trigger_id: unknown }).trigger_id = fakeTriggerId();
      }
      return interact(payload);
    });
  }, 300_000);

  it('answers every fuzzed shortcut and Home tab event with 200 in time, with no ping and no half-write', async () => {
    const bases = [
      shortcutPayload({ userId: ALICE, callbackId: LOG_ACTIVITY_SHORTCUT }),
      messageShortcutPayload({
        userId: ALICE,
        callbackId: LOG_FROM_MESSAGE_SHORTCUT,
        channelId: 'C0FUZZ0001',
        messageTs: '1700000000.000100',
        text: 'See <https://example.com|the doc> <!channel>',
      }),
    ];
    await property(mutations(bases), (payload) => interact(payload));
    const homeOpened = { type: 'app_home_opened', user: ALICE, channel: 'D0ALICE001', tab: 'home' };
    await property(mutations([homeOpened]), (event) =>
      postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body: eventBody(event as object) }),
    );
  }, 300_000);

  it('leaves no text PostgreSQL refuses and no activity without its account after all of it', async () => {
    const rows = await queryRows<{ notes: string; account: string | null }>(
      context.database.db,
      sql`select activities.notes, accounts.name as account from activities left join accounts on accounts.id = activities.account_id`,
    );
    for (const row of rows) {
      expect(row.account).not.toBeNull();
      expect(hasControlCharacters(row.notes)).toBe(false);
    }
    const names = await queryRows<{ name: string }>(context.database.db, sql`select name from accounts`);
    expect(names.some((row) => hasControlCharacters(row.name))).toBe(false);
  });

  function onMessage() {
    return { channelId: message.channel, messageTs: message.ts };
  }
});
