import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts } from '../../src/db/schema';
import { createAccount, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD } from '../support/fake-slack';
import { testDatabases } from '../support/test-databases';

const NOW = new Date('2026-11-23T15:00:00Z');
const ALICE = 'U0ALICE001';

describe.each(testDatabases())('/cs commands, end to end on $name', (engine) => {
  const context = useRunningApp(engine, { now: () => NOW });
  const reply = async () => String((await context.fake.waitForCall(RESPONSE_URL_METHOD)).args.text);

  it.each(['help', '', 'frobnicate'])(
    'answers "/cs %s" with the short guide, visible only to the caller',
    async (text) => {
      const response = await context.app.command(text, { userId: ALICE, channelId: 'C0ANY00001' });
      expect(response.status).toBe(200);
      const call = await context.fake.waitForCall(RESPONSE_URL_METHOD);
      expect(call.args.response_type).toBe('ephemeral');
      expect(String(call.args.text)).toContain('/cs log <account> <type> <notes…>');
      if (text === 'frobnicate') expect(String(call.args.text)).toContain("I don't know `frobnicate`");
    },
  );

  it('logs in one line, matching the account name regardless of case, and posts the summary', async () => {
    const acme = await createAccount(context, { name: 'Acme Call Center', channelId: 'C0ACME0001' });
    await context.app.command('log acme call center cadence call Went well. <!here>', {
      userId: ALICE,
      channelId: 'C0OTHER001',
    });
    expect(await reply()).toContain('Logged *Cadence call* for *Acme Call Center*');
    const [stored] = await context.app.deps.activities.listRecent(acme.id, 1);
    expect(stored).toMatchObject({
      type: 'cadence_call',
      occurredOn: '2026-11-23',
      notes: 'Went well. <!here>',
      loggedBy: ALICE,
    });
    const summary = await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0ACME0001');
    expect(String(summary.args.text)).toContain('&lt;!here&gt;');
    expect(summary.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
  });

  it('marks a broken account channel as working again once a summary posts there', async () => {
    const repaired = await createAccount(context, { name: 'Repaired Co', channelId: 'C0REPAIRED' });
    await context.database.db
      .update(accounts)
      .set({ channelBrokenAt: new Date('2026-11-01T00:00:00Z'), channelBrokenReason: 'not_in_channel' })
      .where(eq(accounts.id, repaired.id));
    await context.app.command('log Repaired Co email back in the channel', { userId: ALICE, channelId: 'C0REPAIRED' });
    expect(await reply()).toContain('A summary is in <#C0REPAIRED>');
    const [stored] = await context.database.db.select().from(accounts).where(eq(accounts.id, repaired.id));
    expect(stored).toMatchObject({ channelBrokenAt: null, channelBrokenReason: null });
  });

  it('logs a renewal call with its outcome from one line', async () => {
    const hooli = await createAccount(context, { name: 'Hooli' });
    await context.app.command('log Hooli renewal at-risk budget freeze', { userId: ALICE, channelId: 'C0OTHER001' });
    expect(await reply()).toContain('Renewal call (At risk)');
    const [stored] = await context.app.deps.activities.listRecent(hooli.id, 1);
    expect(stored).toMatchObject({ type: 'renewal_call', renewalOutcome: 'at_risk', notes: 'budget freeze' });
  });

  it('lists the candidates when the account name is ambiguous, and writes nothing', async () => {
    const first = await createAccount(context, { name: 'Stark Industries' });
    const second = await createAccount(context, { name: 'Stark Logistics' });
    await context.app.command('log stark email sent the deck', { userId: ALICE, channelId: 'C0OTHER001' });
    const text = await reply();
    expect(text).toContain('Several accounts match "stark"');
    expect(text).toContain('Stark Industries');
    expect(text).toContain('Stark Logistics');
    expect(await context.app.deps.activities.listRecent(first.id, 1)).toHaveLength(0);
    expect(await context.app.deps.activities.listRecent(second.id, 1)).toHaveLength(0);
  });

  it('says clearly when no account matches, escaping what was typed', async () => {
    await context.app.command('log <!channel> Nowhere email hi', { userId: ALICE, channelId: 'C0OTHER001' });
    const text = await reply();
    expect(text).toContain('No account matches "&lt;!channel&gt; Nowhere"');
    expect(context.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('explains the format when the line has no activity type', async () => {
    await context.app.command('log Acme lunch', { userId: ALICE, channelId: 'C0OTHER001' });
    expect(await reply()).toContain('Usage: `/cs log <account> <type> <notes…>`');
  });

  it('shows an account with its team, dates, segment, priority, health and last five activities', async () => {
    const wayne = await createAccount(context, {
      name: 'Wayne Enterprises',
      channelId: 'C0WAYNE001',
      csmSegment: 'Strategic',
      salesSegment: 'Strategic',
      priority: 'PR2',
      health: 'yellow',
      contractStart: '2026-01-31',
      renewalDate: '2027-01-31',
      team: [{ role: 'CSM', slackUserId: 'U0CSM00001' }],
    });
    for (const day of ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']) {
      await context.app.deps.activities.insert({
        accountId: wayne.id,
        type: 'call',
        occurredOn: day,
        loggedBy: ALICE,
        participants: [],
        notes: `call on ${day}`,
        renewalOutcome: null,
        acceleratorType: null,
        contentModule: null,
      });
    }
    await context.app.command('account wayne enterprises', { userId: ALICE, channelId: 'C0OTHER001' });
    const call = await context.fake.waitForCall(RESPONSE_URL_METHOD);
    const shown = JSON.stringify(call.args.blocks);
    expect(shown).toContain('Wayne Enterprises');
    expect(shown).toContain('<@U0CSM00001>');
    expect(shown).toContain('PR2');
    expect(shown).toContain('yellow');
    expect(shown).toContain('Sat 31 Jan 2026');
    expect(shown).toContain('call on 2026-11-06');
    expect(shown).toContain('call on 2026-11-02');
    expect(shown).not.toContain('call on 2026-11-01');
  });
});

describe.each(testDatabases())('a bot stopped right after an ack, on $name', (engine) => {
  // Its own app: the test stops it.
  const stopped = useRunningApp(engine, { now: () => NOW });

  it('writes and answers a one-line log it acked even when the bot is stopped right after the ack', async () => {
    const stopping = await createAccount(stopped, { name: 'Stopping Co' });
    const response = await stopped.app.command('log Stopping Co email sent the rollout plan', {
      userId: ALICE,
      channelId: 'C0OTHER001',
    });
    expect(response.status).toBe(200);
    await stopped.app.stop();
    expect(stopped.fake.calls.some((call) => call.method === RESPONSE_URL_METHOD)).toBe(true);
    expect(String((await stopped.fake.waitForCall(RESPONSE_URL_METHOD)).args.text)).toContain(
      'Logged *Email* for *Stopping Co*',
    );
    const [stored] = await stopped.app.deps.activities.listRecent(stopping.id, 1);
    expect(stored).toMatchObject({ type: 'email', notes: 'sent the rollout plan' });
  });
});
