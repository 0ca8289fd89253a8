import { describe, expect, it } from 'vitest';
import { tasks } from '../../src/db/schema';
import { NOTES_MAX_LENGTH } from '../../src/domain/activity';
import { HOME_TASKS } from '../../src/views/app-home';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { MAX_TASKS_PER_MESSAGE } from '../../src/views/task-reminder';
import { createAccount, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD } from '../support/fake-slack';
import { TEST_SIGNING_SECRET } from '../support/running-app';
import { expectWithinSlackLimits, slackLimitProblems } from '../support/slack-limits';
import { blockSuggestionPayload, eventBody, postToApp, viewPayload } from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const NOW = new Date('2026-11-23T15:00:00Z');
const ALICE = 'U0ALICE001';

/** 200 characters, the most a name may have, of those escaping makes longest. */
const longestName = (tag: string) => `${tag} ${'&'.repeat(190 - tag.length)}<b>${'é'.repeat(6)}`;

describe.each(testDatabases())('Slack’s Block Kit limits at their extremes, end to end on $name', (engine) => {
  // Besides what each test asserts, e2e-context fails any test after which the fake Slack refused
  // a message or view for breaking a limit.
  const context = useRunningApp(engine, { now: () => NOW });

  it('answers the longest unknown subcommand a command can carry with the guide, quoting only its start', async () => {
    // Command texts over 4,000 characters are refused before any subcommand is read (see
    // src/slack/payload-shapes.ts); helpMessage's own test takes a 10,000-character word.
    await context.app.command(`${'frobnicate'.repeat(399)} now`, { userId: ALICE, channelId: 'C0ANY00001' });
    const reply = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    expect(reply.httpStatus).toBe(200);
    expectWithinSlackLimits('message', reply.args);
    expect(String(reply.args.text)).toContain("I don't know `frobnicatefrobnicate");
    expect(String(reply.args.text)).not.toContain('frobnicate'.repeat(5));
    expect(String(reply.args.text)).toContain('/cs log <account> <type> <notes…>');
  });

  it('lists 300 open tasks of a 200-character account in /cs tasks and on the Home, saying how many more there are', async () => {
    const name = longestName('Tasks');
    const account = await createAccount(context, { name, team: [{ role: 'CSM', slackUserId: ALICE }] });
    await context.database.db.insert(tasks).values(
      Array.from({ length: 300 }, (_, i) => ({
        accountId: account.id,
        ruleId: 'cadence',
        periodKey: `p${i}`,
        title: `Hold cadence call ${i} & <follow up>`,
        forRole: 'CSM' as const,
        forUser: ALICE,
        opensAt: new Date('2026-10-01T00:00:00Z'),
        dueAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000),
      })),
    );

    await context.app.command(`tasks ${name}`, { userId: ALICE, channelId: 'C0ANY00001' });
    const reply = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    expect(reply.httpStatus).toBe(200);
    expectWithinSlackLimits('message', reply.args);
    const listed = JSON.stringify(reply.args.blocks);
    expect(String(reply.args.text)).toContain('has 300 open tasks, 300 overdue');
    expect(listed).toContain('Hold cadence call 0 &amp; &lt;follow up&gt;');
    expect(listed).toContain(`…and ${300 - MAX_TASKS_PER_MESSAGE} more, due later`);

    await postToApp(context.app.url, {
      signingSecret: TEST_SIGNING_SECRET,
      body: eventBody({ type: 'app_home_opened', user: ALICE, channel: 'D0ALICE001', tab: 'home', event_ts: '1.0' }),
    });
    const home = await context.fake.waitForCall('views.publish', (call) => call.args.user_id === ALICE);
    expect(home.response).toMatchObject({ ok: true });
    expectWithinSlackLimits('home', home.args.view);
    expect(JSON.stringify(home.args.view)).toContain(`…and ${300 - HOME_TASKS} more: \`/cs tasks\` lists them.`);
  });

  it('shows a 200-character account whose five latest activities have the longest notes in /cs account', async () => {
    const name = longestName('Summary');
    const account = await createAccount(context, { name, channelId: 'C0SUMMARY1' });
    for (let i = 0; i < 5; i += 1) {
      await context.app.deps.activities.insert({
        accountId: account.id,
        type: 'csa_engagement',
        occurredOn: '2026-11-20',
        loggedBy: ALICE,
        participants: [],
        notes: '&<'.repeat(NOTES_MAX_LENGTH / 2),
        renewalOutcome: null,
        acceleratorType: 'CI',
        contentModule: '<'.repeat(300),
      });
    }
    await context.app.command(`account ${name}`, { userId: ALICE, channelId: 'C0ANY00001' });
    const reply = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    expect(reply.httpStatus).toBe(200);
    expectWithinSlackLimits('message', reply.args);
    expect(JSON.stringify(reply.args.blocks)).toContain('Latest activities');
  });

  it('posts the summary of notes of the longest length, one quoted line each, in the account channel', async () => {
    const name = longestName('Notes');
    await createAccount(context, { name, channelId: 'C0NOTES001' });
    const notes = '&\n'.repeat(NOTES_MAX_LENGTH / 2 - 10);
    await context.app.command(`log "${name}" email ${notes}`, { userId: ALICE, channelId: 'C0NOTES001' });
    const summary = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0NOTES001');
    expect(summary.response).toMatchObject({ ok: true });
    expectWithinSlackLimits('message', summary.args);
    expect(JSON.stringify(summary.args.blocks)).toContain('&amp;\\n>&amp;');
    const reply = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    expectWithinSlackLimits('message', reply.args);
    expect(String(reply.args.text)).toContain('Logged *Email*');
  });

  it('offers at most 100 accounts in the typeahead, each name cut to an option’s 75 characters', async () => {
    for (let i = 0; i < 105; i += 1) await createAccount(context, { name: longestName(`Typeahead${i}`) });
    const response = await context.app.interact(
      blockSuggestionPayload({
        userId: ALICE,
        actionId: LOG_MODAL.account.action,
        blockId: LOG_MODAL.account.block,
        value: 'typeahead',
        view: viewPayload({ callbackId: LOG_MODAL.callbackId }),
      }),
    );
    expect(response.status).toBe(200);
    const answer = response.json() as { options: Array<{ text: { text: string } }> };
    expect(slackLimitProblems('options', answer)).toEqual([]);
    expect(answer.options).toHaveLength(100);
    expect(answer.options.every((option) => option.text.text.length === 75 && option.text.text.endsWith('…'))).toBe(
      true,
    );
  });
});
