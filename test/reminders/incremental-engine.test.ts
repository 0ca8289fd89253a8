import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewAccount } from '../../src/accounts/account-repository';
import { addCalendar } from '../../src/clocks/calendar';
import type { DatabaseHandle } from '../../src/db/database';
import { accountMembers, accounts, tasks } from '../../src/db/schema';
import { CSM_SEGMENTS, HEALTHS, PRIORITIES } from '../../src/domain/account';
import { ACTIVITY_TYPES, type ActivityType } from '../../src/domain/activity';
import { createPlannerDeps, type PlannerDeps, replanAccount, runPlanner } from '../../src/reminders/run-planner';
import { accountFixture } from '../support/e2e-context';
import { testDatabases } from '../support/test-databases';

const ZONE = 'America/New_York';
const START = Date.parse('2026-01-05T15:00:00Z');
const TRACKED_SINCE = new Date('2025-06-01T00:00:00Z');
const HOUR = 3_600_000;

const accountArbitrary = fc.record({
  csmSegment: fc.constantFrom(...CSM_SEGMENTS),
  priority: fc.constantFrom(...PRIORITIES),
  health: fc.constantFrom(...HEALTHS),
  contractStartOffset: fc.option(fc.integer({ min: -500, max: 120 }), { nil: null }),
  renewalAfter: fc.integer({ min: 150, max: 700 }),
  successServices: fc.boolean(),
  csaAseAfter: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  successPlanActive: fc.boolean(),
  hasCsm: fc.boolean(),
});

/** What happens between two passes: time goes on, and maybe someone logs or changes something. */
const changeArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('activity' as const),
      account: fc.nat(),
      type: fc.constantFrom(...ACTIVITY_TYPES),
      daysAgo: fc.integer({ min: 0, max: 20 }),
      replanAtOnce: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('renewal' as const),
      account: fc.nat(),
      shiftDays: fc.integer({ min: -90, max: 400 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('team' as const), account: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), account: fc.nat() }) },
);

const stepArbitrary = fc.record({
  advanceHours: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 24, max: 24 * 45 })),
  change: changeArbitrary,
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type AccountDraft = ValueOf<typeof accountArbitrary>;
type Step = ValueOf<typeof stepArbitrary>;

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

function newAccount(draft: AccountDraft, index: number): NewAccount {
  const contractStart =
    draft.contractStartOffset === null ? null : addCalendar(day(START), { days: draft.contractStartOffset });
  return accountFixture({
    name: `Account ${index}`,
    channelId: `C0ACCT${String(index).padStart(4, '0')}`,
    csmSegment: draft.csmSegment,
    priority: draft.priority,
    health: draft.health,
    contractStart,
    renewalDate: contractStart ? addCalendar(contractStart, { days: draft.renewalAfter }) : null,
    successServices: draft.successServices,
    csaAseIdentifiedOn:
      contractStart && draft.csaAseAfter !== null ? addCalendar(contractStart, { days: draft.csaAseAfter }) : null,
    successPlanActive: draft.successPlanActive,
    team: [
      ...(draft.hasCsm ? [{ role: 'CSM' as const, slackUserId: `U0CSM${index % 3}` }] : []),
      { role: 'CSA' as const, slackUserId: 'U0CSA1' },
      { role: 'AE' as const, slackUserId: 'U0AE1' },
    ],
  });
}

/** One database driven the way the product drives it, or the way the reference does. */
class World {
  private ids: string[] = [];
  private readonly deps: PlannerDeps;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly incremental: boolean,
  ) {
    this.deps = createPlannerDeps({ db: handle.db, slack: null, timeZone: ZONE });
  }

  async add(drafts: readonly AccountDraft[]): Promise<void> {
    for (const [index, draft] of drafts.entries()) {
      const created = await this.deps.accounts.create(newAccount(draft, index));
      await this.handle.db.update(accounts).set({ createdAt: TRACKED_SINCE }).where(eq(accounts.id, created.id));
      this.ids.push(created.id);
    }
  }

  async apply(step: Step, now: Date): Promise<void> {
    const { change } = step;
    if (change.kind === 'none') return;
    const id = this.ids[change.account % this.ids.length] ?? '';
    const account = await this.deps.accounts.findById(id);
    if (!account || account.status === 'closed') return;
    if (change.kind === 'activity') {
      await this.deps.activities.insert({
        accountId: id,
        type: change.type as ActivityType,
        occurredOn: addCalendar(day(now.getTime()), { days: -change.daysAgo }),
        loggedBy: 'U0CSM0',
        participants: [],
        notes: '',
        renewalOutcome: change.type === 'renewal_call' ? 'likely_to_renew' : null,
        acceleratorType: change.type === 'csa_engagement' ? 'CI' : null,
        contentModule: null,
      });
    } else if (change.kind === 'renewal') {
      await this.deps.accounts.updateRenewalDate(id, addCalendar(day(now.getTime()), { days: change.shiftDays }));
    } else if (change.kind === 'team') {
      await this.handle.db.delete(accountMembers).where(eq(accountMembers.accountId, id));
      await this.handle.db.insert(accountMembers).values({ accountId: id, role: 'CSM', slackUserId: 'U0CSMNEW' });
    } else {
      await this.deps.accounts.close(id);
    }
    // The Slack app replans the account in the request that changed it; other writers leave it to the pass.
    const replanAtOnce = change.kind !== 'activity' || change.replanAtOnce;
    const changed = await this.deps.accounts.findById(id);
    if (this.incremental && replanAtOnce && changed) await replanAccount(this.deps, changed, now);
  }

  pass(now: Date) {
    return runPlanner(this.deps, now, { full: !this.incremental });
  }

  /** The stored tasks, named by account position so two databases compare. */
  async tasks(): Promise<string[]> {
    const rows = await this.handle.db.select().from(tasks);
    return rows
      .map((task) =>
        [
          this.ids.indexOf(task.accountId),
          task.ruleId,
          task.periodKey,
          task.status,
          task.forUser,
          task.completedByActivityId ? 'completed' : '-',
        ].join(' '),
      )
      .sort();
  }
}

describe.each(testDatabases())('the incremental engine on $name', (engine) => {
  it('creates exactly the tasks the full planner creates, for random portfolios, clocks and changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(accountArbitrary, { minLength: 3, maxLength: 12 }),
        fc.array(stepArbitrary, { minLength: 10, maxLength: 20 }),
        async (portfolio, steps) => {
          const [incrementalDb, referenceDb] = await Promise.all([engine.create(), engine.create()]);
          try {
            const incremental = new World(incrementalDb, true);
            const reference = new World(referenceDb, false);
            await incremental.add(portfolio);
            await reference.add(portfolio);
            let now = START;
            for (const step of steps) {
              now += step.advanceHours * HOUR;
              const at = new Date(now);
              await incremental.apply(step, at);
              await reference.apply(step, at);
              await incremental.pass(at);
              await reference.pass(at);
              expect(await incremental.tasks()).toEqual(await reference.tasks());
            }
          } finally {
            await Promise.all([incrementalDb.close(), referenceDb.close()]);
          }
        },
      ),
      { numRuns: 3, seed: 7_2026, endOnFailure: true },
    );
    // Eight databases and a few hundred passes: minutes are a safety net on a loaded machine.
  }, 240_000);
});
