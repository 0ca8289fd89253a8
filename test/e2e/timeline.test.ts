import { describe, expect, it } from 'vitest';
import { activities } from '../../src/db/schema';
import type { Activity } from '../../src/domain/activity';
import { TIMELINE_ACTIONS, timelineValue } from '../../src/views/account-timeline';
import { createAccount, type E2eContext, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD, type RecordedCall } from '../support/fake-slack';
import { expectWithinSlackLimits } from '../support/slack-limits';
import { blockActionsPayload } from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const CSM = 'U0CSM00001';
const CSA = 'U0CSA00001';

type Section = { type: string; text?: { text: string } };
const sectionsOf = (call: RecordedCall) =>
  (call.args.blocks as Section[]).filter((block) => block.type === 'section').map((block) => block.text?.text ?? '');
const buttonsOf = (call: RecordedCall) => JSON.stringify(call.args.blocks);

/** 25 days of activities, 1–25 November 2026: every fifth a renewal call, every seventh a CSA engagement. */
async function seedTimeline(context: E2eContext, accountId: string): Promise<Activity[]> {
  const logged: Activity[] = [];
  for (let day = 1; day <= 25; day += 1) {
    const type = day % 5 === 0 ? 'renewal_call' : day % 7 === 0 ? 'csa_engagement' : 'call';
    logged.push(
      await context.app.deps.activities.insert({
        accountId,
        type,
        occurredOn: `2026-11-${String(day).padStart(2, '0')}`,
        loggedBy: day % 2 === 0 ? CSM : CSA,
        participants: [],
        notes: `Day ${day}`,
        renewalOutcome: type === 'renewal_call' ? 'at_risk' : null,
        acceleratorType: type === 'csa_engagement' ? 'CI' : null,
        contentModule: null,
        acceleratorPhase: type === 'csa_engagement' ? 'planning' : null,
      }),
    );
  }
  return logged;
}

async function click(context: E2eContext, actionId: string, value: string, selected = false) {
  context.fake.reset();
  await context.app.interact(
    blockActionsPayload({
      userId: CSM,
      actionId,
      ...(selected ? { selectedOption: { text: 'type', value } } : { value }),
      channelId: 'C0ANYWHERE',
      messageTs: '1700000000.000100',
      responseUrl: context.fake.newResponseUrl(),
    }),
  );
  return context.fake.waitForCall(RESPONSE_URL_METHOD);
}

describe.each(testDatabases())('the account timeline, end to end on $name', (engine) => {
  const context = useRunningApp(engine);

  it('shows 10 activities a page newest first, each with who logged it, and pages with Older and Newer', async () => {
    const account = await createAccount(context, { name: 'Timeline Corp', team: [{ role: 'CSM', slackUserId: CSM }] });
    await seedTimeline(context, account.id);
    await context.app.command('timeline Timeline Corp', { userId: CSM, channelId: 'C0ANYWHERE' });
    const first = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    expect(first.args).toMatchObject({ response_type: 'ephemeral' });
    const lines = sectionsOf(first);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toContain(
      'Wed 25 Nov 2026 · :arrows_counterclockwise: *Renewal call (At risk)* · logged by <@U0CSA00001>',
    );
    expect(lines[4]).toContain(
      'Sat 21 Nov 2026 · :rocket: *CSA engagement: CI accelerator* · Planning workshop (backlog)',
    );
    expect(lines[9]).toContain('Mon 16 Nov 2026');
    expect(buttonsOf(first)).toContain(TIMELINE_ACTIONS.older);
    expect(buttonsOf(first)).not.toContain(TIMELINE_ACTIONS.newer);

    const second = await click(
      context,
      TIMELINE_ACTIONS.older,
      timelineValue({ accountId: account.id, offset: 10, type: null }),
    );
    expect(second.args).toMatchObject({ replace_original: true });
    expect(sectionsOf(second)[0]).toContain('Sun 15 Nov 2026');
    expect(buttonsOf(second)).toContain(TIMELINE_ACTIONS.newer);
    const third = await click(
      context,
      TIMELINE_ACTIONS.older,
      timelineValue({ accountId: account.id, offset: 20, type: null }),
    );
    expect(sectionsOf(third)).toHaveLength(5);
    expect(buttonsOf(third)).not.toContain(TIMELINE_ACTIONS.older);
    expect(JSON.stringify(third.args.blocks)).toContain('Activities 21–25, newest first');
  });

  it('filters by type, leaves deleted activities out, and opens from the Timeline button on /cs account', async () => {
    const account = await createAccount(context, { name: 'Filter Inc', team: [{ role: 'CSM', slackUserId: CSM }] });
    const logged = await seedTimeline(context, account.id);
    const deleted = logged.find((activity) => activity.occurredOn === '2026-11-20');
    await context.app.deps.activities.deleteOnce(deleted?.id ?? '', CSM, 'test:delete', new Date());

    const renewals = await click(
      context,
      TIMELINE_ACTIONS.filter,
      timelineValue({ accountId: account.id, offset: 0, type: 'renewal_call' }),
      true,
    );
    expect(sectionsOf(renewals).map((line) => line.slice(0, 15))).toEqual([
      'Wed 25 Nov 2026',
      'Sun 15 Nov 2026',
      'Tue 10 Nov 2026',
      'Thu 5 Nov 2026 ',
    ]);
    expect(JSON.stringify(renewals.args.blocks)).toContain('Renewal call');

    context.fake.reset();
    await context.app.command('account Filter Inc', { userId: CSM, channelId: 'C0ANYWHERE' });
    expect(buttonsOf(await context.fake.waitForCall(RESPONSE_URL_METHOD))).toContain(TIMELINE_ACTIONS.open);
    const opened = await click(context, TIMELINE_ACTIONS.open, account.id);
    expect(opened.args).toMatchObject({ replace_original: false });
    expect(sectionsOf(opened)[0]).toContain('Wed 25 Nov 2026');
  });

  it('answers a forged page value without failing', async () => {
    const answer = await click(context, TIMELINE_ACTIONS.older, 'not-a-page|x|y');
    expect(answer.args.text).toBe('That timeline no longer exists.');
  });

  it('keeps a page of an account with 500 activities, and its /cs account summary, within the block limits', async () => {
    const account = await createAccount(context, { name: 'Busy Corp', team: [{ role: 'CSM', slackUserId: CSM }] });
    await context.database.db.insert(activities).values(
      Array.from({ length: 500 }, (_, i) => ({
        accountId: account.id,
        type: i % 2 === 0 ? ('call' as const) : ('csa_engagement' as const),
        occurredOn: `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        loggedBy: CSM,
        notes: `<!channel> ${'&'.repeat(2_900)}`,
        acceleratorType: i % 2 === 0 ? null : ('CI' as const),
        contentModule: i % 2 === 0 ? null : '<'.repeat(300),
      })),
    );
    const page = await click(
      context,
      TIMELINE_ACTIONS.older,
      timelineValue({ accountId: account.id, offset: 250, type: null }),
    );
    expectWithinSlackLimits('message', page.args);
    expect(sectionsOf(page)).toHaveLength(10);
    expect(JSON.stringify(page.args.blocks)).toContain('Activities 251–260, newest first');
    expect(JSON.stringify(page.args.blocks)).not.toContain('<!channel>');
    context.fake.reset();
    await context.app.command('account Busy Corp', { userId: CSM, channelId: 'C0ANYWHERE' });
    expectWithinSlackLimits('message', (await context.fake.waitForCall(RESPONSE_URL_METHOD)).args);
  });
});
