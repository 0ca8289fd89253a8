import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcceleratorRepository } from '../../src/accelerators/accelerator-repository';
import { createAccountRepository } from '../../src/accounts/account-repository';
import { createActivityRepository, type NewActivity } from '../../src/activities/activity-repository';
import { runCli } from '../../src/cli/run-cli';
import type { Database } from '../../src/db/database';
import type { Activity } from '../../src/domain/activity';
import { dayIn } from '../../src/domain/calendar-day';
import { accountFixture } from '../support/e2e-context';
import { testDatabases } from '../support/test-databases';
import { NOW, runAgainst, stdoutText, TIME_ZONE, withDatabase } from './cli-harness';

const HEADER =
  'activity_id,account_name,type,occurred_on,logged_by,logged_on,participants,notes,renewal_outcome,' +
  'accelerator_type,content_module,accelerator_id,accelerator_phase,linked_accelerator_type,' +
  'linked_accelerator_starts_on,source_message_url';

/** A plain activity of Acme's; logged "now", so its logged_on is read back from the row. */
function activityOn(accountId: string, occurredOn: string, overrides: Partial<NewActivity> = {}): NewActivity {
  return {
    accountId,
    type: 'call',
    occurredOn,
    loggedBy: 'U0ACMECSM1',
    participants: [],
    notes: `Call on ${occurredOn}.`,
    renewalOutcome: null,
    acceleratorType: null,
    contentModule: null,
    ...overrides,
  };
}

/** A plain call's row: nothing but its day, author and notes. */
function plainRow(activity: Activity): string {
  const loggedOn = dayIn(activity.createdAt, TIME_ZONE);
  return `${activity.id},Acme Corp,call,${activity.occurredOn},U0ACMECSM1,${loggedOn},,${activity.notes},,,,,,,,`;
}

/**
 * Acme with calls on the days around March 2026, one of them deleted, and a CSA engagement of an
 * accelerator on 10 March, with two participants and notes over two lines.
 */
async function seedTimeline(db: Database) {
  const account = await createAccountRepository({ db }).create(accountFixture({ name: 'Acme Corp' }));
  const accelerator = await createAcceleratorRepository({ db }).startOnce(
    {
      accountId: account.id,
      type: 'CI',
      contentModule: 'Runner fleet guidance',
      startsOn: '2026-03-02',
      csaUserId: 'U0ACMECSA1',
      startedBy: 'U0ACMECSA1',
    },
    () => null,
    { requestKey: 'test:start-accelerator', now: NOW },
  );
  if (!accelerator) throw new Error('The accelerator did not start.');
  const activities = createActivityRepository({ db });
  const before = await activities.insert(activityOn(account.id, '2026-02-28'));
  const first = await activities.insert(activityOn(account.id, '2026-03-01'));
  const engagement = await activities.insert(
    activityOn(account.id, '2026-03-10', {
      type: 'csa_engagement',
      loggedBy: 'U0ACMECSA1',
      participants: ['U0ACMECSA1', 'U0ACMECSM1'],
      notes: 'Discovery workshop, part 1:\n40 "self-managed" runners',
      acceleratorType: 'CD',
      contentModule: 'Rules and pipeline flow',
      acceleratorId: accelerator.id,
      acceleratorPhase: 'discovery',
      sourceMessageUrl: 'https://example.slack.com/archives/C0ACME0001/p1773136800000100',
    }),
  );
  const deleted = await activities.insert(activityOn(account.id, '2026-03-20'));
  await activities.deleteOnce(deleted.id, 'U0ACMECSM1', 'test:delete', NOW);
  const last = await activities.insert(activityOn(account.id, '2026-03-31'));
  const after = await activities.insert(activityOn(account.id, '2026-04-01'));
  const engagementRow =
    `${engagement.id},Acme Corp,csa_engagement,2026-03-10,U0ACMECSA1,${dayIn(engagement.createdAt, TIME_ZONE)},` +
    `U0ACMECSA1;U0ACMECSM1,"Discovery workshop, part 1:\n40 ""self-managed"" runners",,CD,Rules and pipeline flow,` +
    `${accelerator.id},discovery,CI,2026-03-02,https://example.slack.com/archives/C0ACME0001/p1773136800000100`;
  return { before, first, engagementRow, last, after };
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cs-activities-export-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe.each(testDatabases())('npm run cs -- activities export on $name', (engine) => {
  it('writes the activities from --since to --until, both days included, to the --out file, leaving deleted ones out', async () => {
    await withDatabase(engine, async (handle) => {
      const { first, engagementRow, last } = await seedTimeline(handle.db);
      const out = join(scratch, `march-${engine.name}.csv`);
      const run = await runAgainst(handle, [
        'activities',
        'export',
        '--since',
        '2026-03-01',
        '--until=2026-03-31',
        '--out',
        out,
      ]);
      expect(run).toEqual({ code: 0, stdout: [`Exported 3 activities to ${out}.`], stderr: [] });
      expect(await readFile(out, 'utf8')).toBe(
        [HEADER, plainRow(first), engagementRow, plainRow(last), ''].join('\r\n'),
      );
    });
  });

  it('writes every activity that is not deleted, oldest first, to stdout when no range or file is given', async () => {
    await withDatabase(engine, async (handle) => {
      const { before, first, engagementRow, last, after } = await seedTimeline(handle.db);
      const run = await runAgainst(handle, ['activities', 'export']);
      expect(run.code).toBe(0);
      expect(run.stderr).toEqual([]);
      expect(stdoutText(run)).toBe(
        [HEADER, plainRow(before), plainRow(first), engagementRow, plainRow(last), plainRow(after), ''].join('\r\n'),
      );
    });
  });

  it('takes one open side of the range: --since alone reaches to the last activity', async () => {
    await withDatabase(engine, async (handle) => {
      const { last, after } = await seedTimeline(handle.db);
      const run = await runAgainst(handle, ['activities', 'export', '--since=2026-03-31']);
      expect(stdoutText(run)).toBe([HEADER, plainRow(last), plainRow(after), ''].join('\r\n'));
    });
  });
});

describe('npm run cs -- activities export refuses a bad range', () => {
  const usage = 'Usage: npm run cs -- activities export [--since <day>] [--until <day>] [--out <file>]';

  it.each([
    [['--since', '2026-02-30'], '--since needs a day as YYYY-MM-DD, like 2026-03-01 (got "2026-02-30")'],
    [['--until=31/03/2026'], '--until needs a day as YYYY-MM-DD, like 2026-03-01 (got "31/03/2026")'],
    [
      ['--since', '2026-04-01', '--until', '2026-03-01'],
      '--since 2026-04-01 is after --until 2026-03-01, so no day is in between',
    ],
    [['--out='], '--out needs a file name'],
    [['--since'], '--since needs a value'],
  ])('refuses %j in one line with exit code 2, before opening the database', async (args, message) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    let opened = false;
    const code = await runCli(['activities', 'export', ...args], {
      openDatabase: async () => {
        opened = true;
        throw new Error('A usage mistake must be refused before the database is opened.');
      },
      readFile: async () => '',
      stdout: (line) => stdout.push(line),
      stderr: (line) => stderr.push(line),
      now: () => NOW,
      timeZone: TIME_ZONE,
    });
    expect({ code, stdout, stderr, opened }).toEqual({
      code: 2,
      stdout: [],
      stderr: [`activities export: ${message}.`, usage],
      opened: false,
    });
  });
});
