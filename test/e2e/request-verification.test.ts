import { describe, expect, it } from 'vitest';
import { LOG_MODAL } from '../../src/views/log-activity-modal';
import { createAccount, useRunningApp } from '../support/e2e-context';
import { RESPONSE_URL_METHOD } from '../support/fake-slack';
import { logModalValues } from '../support/log-modal-values';
import { TEST_SIGNING_SECRET } from '../support/running-app';
import {
  interactionBody,
  nowSeconds,
  postToApp,
  signSlackRequest,
  slashCommandBody,
  viewPayload,
  viewSubmissionPayload,
} from '../support/slack-signer';
import { testDatabases } from '../support/test-databases';

const ALICE = 'U0ALICE001';

describe.each(testDatabases())('request verification on $name', (engine) => {
  const context = useRunningApp(engine);
  // Bolt checks its token with auth.test on its own schedule; anything else would be the request's doing.
  const slackEffects = () => context.fake.calls.filter((call) => call.method !== 'auth.test');

  async function submissionBody() {
    const account = await createAccount(context, { name: `Forged ${Math.random()}`, channelId: 'C0FORGED01' });
    const body = interactionBody(
      viewSubmissionPayload({
        userId: ALICE,
        view: viewPayload({
          // Slack gives every modal its own id; a submission is told apart from a replay by it.
          viewId: `V0${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
          callbackId: LOG_MODAL.callbackId,
          values: logModalValues({ account: { id: account.id, name: account.name }, type: 'call', date: '2026-01-05' }),
        }),
      }),
    );
    return { account, body };
  }

  it('rejects a request signed with the wrong secret with 401 and writes nothing', async () => {
    const { account, body } = await submissionBody();
    const forged = signSlackRequest({ signingSecret: 'not-the-secret', body });
    const response = await postToApp(context.app.url, {
      signingSecret: TEST_SIGNING_SECRET,
      body,
      signature: forged['x-slack-signature'],
    });
    expect(response.status).toBe(401);
    expect(await context.app.deps.activities.listRecent(account.id, 5)).toHaveLength(0);
    expect(slackEffects()).toHaveLength(0);
  });

  it('rejects a correctly signed request older than five minutes (a replay) with 401 and writes nothing', async () => {
    const { account, body } = await submissionBody();
    const response = await postToApp(context.app.url, {
      signingSecret: TEST_SIGNING_SECRET,
      body,
      timestamp: nowSeconds() - 6 * 60,
    });
    expect(response.status).toBe(401);
    expect(await context.app.deps.activities.listRecent(account.id, 5)).toHaveLength(0);
  });

  it('rejects a correctly signed request dated more than five minutes ahead with 401 and writes nothing', async () => {
    const { account, body } = await submissionBody();
    const response = await postToApp(context.app.url, {
      signingSecret: TEST_SIGNING_SECRET,
      body,
      timestamp: nowSeconds() + 6 * 60,
    });
    expect(response.status).toBe(401);
    expect(await context.app.deps.activities.listRecent(account.id, 5)).toHaveLength(0);
    expect(slackEffects()).toHaveLength(0);
  });

  it('accepts a request whose clock runs a little ahead of ours, within the five minutes', async () => {
    const { account, body } = await submissionBody();
    const response = await postToApp(context.app.url, {
      signingSecret: TEST_SIGNING_SECRET,
      body,
      timestamp: nowSeconds() + 2 * 60,
    });
    expect(response.status).toBe(200);
    expect(await context.app.deps.activities.listRecent(account.id, 5)).toHaveLength(1);
    // Its summary is posted after the ack: waited for here, so it lands in this test's calls.
    await context.fake.waitForCall('chat.postMessage');
  });

  it('rejects a slash command whose body was changed after signing', async () => {
    const signedBody = slashCommandBody({ text: 'help', userId: ALICE, channelId: 'C0ANY00001' });
    const signature = signSlackRequest({ signingSecret: TEST_SIGNING_SECRET, body: signedBody });
    const response = await postToApp(context.app.url, {
      signingSecret: TEST_SIGNING_SECRET,
      body: signedBody.replace('help', 'log'),
      signature: signature['x-slack-signature'],
      timestamp: Number(signature['x-slack-request-timestamp']),
    });
    expect(response.status).toBe(401);
    expect(slackEffects()).toHaveLength(0);
  });

  it('accepts the same submission when it is signed correctly', async () => {
    const { account, body } = await submissionBody();
    const response = await postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body });
    expect(response.status).toBe(200);
    expect(await context.app.deps.activities.listRecent(account.id, 5)).toHaveLength(1);
  });

  it('writes a modal submission once when the same signed bytes arrive again', async () => {
    const { account, body } = await submissionBody();
    const timestamp = nowSeconds();
    const first = await postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body, timestamp });
    const aboutThisAccount = (call: { args: Record<string, unknown> }) =>
      call.args.channel === 'C0FORGED01' && JSON.stringify(call.args).includes(account.name);
    await context.fake.waitForCall('chat.postMessage', aboutThisAccount);
    const replays = await Promise.all(
      [1, 2, 3].map(() => postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body, timestamp })),
    );
    expect([first.status, ...replays.map((replay) => replay.status)]).toEqual([200, 200, 200, 200]);
    expect(await context.app.deps.activities.listRecent(account.id, 5)).toHaveLength(1);
    // Whatever the replays set off has finished by now, so a second post would be in the fake.
    expect(await context.app.bot.idle(5_000)).toBe(true);
    expect(context.fake.callsTo('chat.postMessage').filter(aboutThisAccount)).toHaveLength(1);
  });

  it('logs a one-line /cs log once when the same command is replayed', async () => {
    const account = await createAccount(context, { name: `Replayed ${Math.random()}`, channelId: 'C0REPLAY01' });
    const body = slashCommandBody({
      text: `log "${account.name}" call Replayed call`,
      userId: ALICE,
      channelId: 'C0ANY00001',
      responseUrl: context.fake.newResponseUrl(),
    });
    const timestamp = nowSeconds();
    for (let i = 0; i < 3; i++) {
      expect((await postToApp(context.app.url, { signingSecret: TEST_SIGNING_SECRET, body, timestamp })).status).toBe(
        200,
      );
    }
    await context.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0REPLAY01');
    expect(await context.app.bot.idle(5_000)).toBe(true);
    expect(await context.app.deps.activities.listRecent(account.id, 5)).toHaveLength(1);
    expect(context.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0REPLAY01')).toHaveLength(
      1,
    );
    expect(context.fake.callsTo(RESPONSE_URL_METHOD)).toHaveLength(1);
  });
});
