import { and, asc, eq, ilike, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import { CADENCE_RULE_PREFIX } from '../clocks/rule-lookup';
import { type DbOrTx, jsonRecordset, queryRows } from '../db/database';
import { groupBy, inChunks } from '../db/in-chunks';
import { accountMembers, accounts, activities, tasks } from '../db/schema';
import {
  type Account,
  type AccountTeamMember,
  accountNameKey,
  type CsmSegment,
  type Health,
  type Priority,
} from '../domain/account';
import { handleOnce } from '../requests/handled-requests';
import { createAccountChangeRepository, type RecordedAccountChange } from './account-change-repository';
import { type AccountFieldChange, changedFields } from './account-changes';

/** An account as it is created: everything but its id and status, plus the head count. */
export type NewAccount = Omit<Account, 'id' | 'status'> & { employeeCount: number | null };

export class AccountNameTakenError extends Error {
  constructor(readonly accountName: string) {
    super(`An account named "${accountName}" already exists.`);
    this.name = 'AccountNameTakenError';
  }
}

type AccountRow = typeof accounts.$inferSelect;

/** An active account as the reports read it: its own fields and its CSM, without the rest of the team. */
export type ReportAccount = Omit<Account, 'team'> & { csm: string | null };

/** An account as the Home lists it for a member of its team. */
export interface MemberAccount {
  id: string;
  name: string;
  health: Health;
  priority: Priority;
  csmSegment: CsmSegment | null;
  renewalDate: string | null;
  successServices: boolean;
  /** The day of its latest (not deleted) activity. */
  lastTouch: string | null;
  /** When its open cadence-call task is due; null when none is open. */
  cadenceDue: Date | null;
}

type MemberAccountRow = Omit<MemberAccount, 'cadenceDue'> & { cadenceDue: Date | string | null };

/** An account as its edit modal shows it: the fields a person can change, with its id. */
export type EditableAccount = NewAccount & { id: string };

/** One save of an account: what it was, what it is now, and the fields that differ. */
export interface AccountUpdate {
  before: EditableAccount;
  after: Account;
  changes: AccountFieldChange[];
}

function toAccount(row: AccountRow, team: AccountTeamMember[]): Account {
  return {
    id: row.id,
    name: row.name,
    channelId: row.channelId,
    salesSegment: row.salesSegment,
    csmSegment: row.csmSegment,
    priority: row.priority,
    health: row.health,
    contractStart: row.contractStart,
    renewalDate: row.renewalDate,
    successServices: row.successServices,
    csaAseIdentifiedOn: row.csaAseIdentifiedOn,
    successPlanActive: row.successPlanActive,
    status: row.status,
    team,
  };
}

/** An account as the planner takes it up: since when cs-bot knew it, and the replan instant it read. */
export interface PlanningAccount {
  account: Account;
  trackedSince: Date;
  replanAt: Date | null;
}

/** The planner's verdict for one account: replan it at `next` (null: only on a change), unless it changed meanwhile. */
export interface ReplanSchedule {
  id: string;
  /** The replan instant read with the account; a different one now means it changed since. */
  seen: Date | null;
  next: Date | null;
}

function isUniqueViolation(error: unknown): boolean {
  const candidates = [error, (error as { cause?: unknown } | null)?.cause];
  return candidates.some((candidate) => (candidate as { code?: string } | null)?.code === '23505');
}

/** Postgres LIKE treats % and _ as wildcards; a user typing them means the characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The columns an account's own fields are stored in, for an insert and an edit alike. */
function accountColumns(input: NewAccount) {
  return {
    name: input.name.trim(),
    nameKey: accountNameKey(input.name),
    channelId: input.channelId,
    employeeCount: input.employeeCount,
    salesSegment: input.salesSegment,
    csmSegment: input.csmSegment,
    priority: input.priority,
    health: input.health,
    contractStart: input.contractStart,
    renewalDate: input.renewalDate,
    successServices: input.successServices,
    csaAseIdentifiedOn: input.csaAseIdentifiedOn,
    successPlanActive: input.successPlanActive,
  };
}

export function createAccountRepository({ db }: { db: DbOrTx }) {
  async function withTeams(rows: AccountRow[]): Promise<Account[]> {
    if (rows.length === 0) return [];
    const members = [];
    for (const ids of inChunks(rows.map((row) => row.id))) {
      members.push(...(await db.select().from(accountMembers).where(inArray(accountMembers.accountId, ids))));
    }
    const teams = groupBy(members, (member) => member.accountId);
    return rows.map((row) =>
      toAccount(
        row,
        (teams.get(row.id) ?? []).map(({ role, slackUserId }) => ({ role, slackUserId })),
      ),
    );
  }

  async function insertAccount(executor: DbOrTx, input: NewAccount): Promise<string> {
    const [row] = await executor.insert(accounts).values(accountColumns(input)).returning({ id: accounts.id });
    if (!row) throw new Error('Inserting an account returned no row.');
    if (input.team.length > 0) {
      await executor.insert(accountMembers).values(input.team.map((member) => ({ accountId: row.id, ...member })));
    }
    return row.id;
  }

  async function forPlanning(rows: AccountRow[]): Promise<PlanningAccount[]> {
    const byId = new Map((await withTeams(rows)).map((account) => [account.id, account]));
    return rows.flatMap((row) => {
      const account = byId.get(row.id);
      return account ? [{ account, trackedSince: row.createdAt, replanAt: row.replanAt }] : [];
    });
  }

  async function findById(id: string): Promise<Account | null> {
    const rows = await db.select().from(accounts).where(eq(accounts.id, id));
    return (await withTeams(rows))[0] ?? null;
  }

  async function editableIn(executor: DbOrTx, id: string, lock = false): Promise<EditableAccount | null> {
    const query = executor.select().from(accounts).where(eq(accounts.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) return null;
    const members = await executor.select().from(accountMembers).where(eq(accountMembers.accountId, id));
    const { status: _status, ...account } = toAccount(
      row,
      members.map(({ role, slackUserId }) => ({ role, slackUserId })),
    );
    return { ...account, employeeCount: row.employeeCount };
  }

  /**
   * Writes one account's new values, its team and the record of what changed, against the row as
   * it is inside the transaction (locked), so the record says what really changed.
   */
  async function updateIn(
    tx: DbOrTx,
    id: string,
    input: NewAccount,
    by: string,
    now: Date,
    healthReason?: string,
  ): Promise<{ before: EditableAccount; changes: AccountFieldChange[] } | null> {
    const before = await editableIn(tx, id, true);
    if (!before) return null;
    const changes = changedFields(before, input).map((change) =>
      change.field === 'health' && healthReason ? { ...change, reason: healthReason } : change,
    );
    if (changes.length === 0) return { before, changes };
    await tx
      .update(accounts)
      .set({ ...accountColumns(input), updatedAt: now })
      .where(eq(accounts.id, id));
    if (changes.some((change) => change.field.startsWith('team.'))) {
      await tx.delete(accountMembers).where(eq(accountMembers.accountId, id));
      if (input.team.length > 0) {
        await tx.insert(accountMembers).values(input.team.map((member) => ({ accountId: id, ...member })));
      }
    }
    await createAccountChangeRepository({ db: tx }).record(id, by, now, changes);
    return { before, changes };
  }

  /**
   * Creates one account with its team, unless `once` names a request already handled (then null);
   * a taken name raises AccountNameTakenError and leaves the request's key free.
   */
  async function createAccount(input: NewAccount, once?: { requestKey: string; now: Date }): Promise<Account | null> {
    try {
      const id = await db.transaction(async (tx) => {
        if (once && !(await handleOnce(tx, once.requestKey, once.now))) return null;
        return insertAccount(tx, input);
      });
      if (!id) return null;
      const created = await findById(id);
      if (!created) throw new Error(`Account ${id} vanished right after it was created.`);
      return created;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AccountNameTakenError(input.name.trim());
      throw error;
    }
  }

  return {
    findById,

    /** Creates one account with its team; a taken name raises AccountNameTakenError. */
    async create(input: NewAccount): Promise<Account> {
      const created = await createAccount(input);
      if (!created) throw new Error(`Creating account ${input.name} returned nothing.`);
      return created;
    },

    /** As `create`, once per Slack request (src/requests/handled-requests.ts): null for a replay. */
    async createOnce(input: NewAccount, requestKey: string, now: Date): Promise<Account | null> {
      return createAccount(input, { requestKey, now });
    },

    /**
     * Creates all accounts or none: one transaction, so a failure part-way (a name already in
     * the database, say) leaves nothing behind.
     */
    async createMany(inputs: NewAccount[]): Promise<number> {
      try {
        await db.transaction(async (tx) => {
          for (const input of inputs) await insertAccount(tx, input);
        });
        return inputs.length;
      } catch (error) {
        if (isUniqueViolation(error)) {
          const existing = await this.findExistingNames(inputs.map((input) => input.name));
          throw new AccountNameTakenError(existing[0] ?? inputs[0]?.name ?? '');
        }
        throw error;
      }
    },

    /** The account with the head count its modal shows, or null when there is none with that id. */
    async findEditable(id: string): Promise<EditableAccount | null> {
      return editableIn(db, id);
    },

    /**
     * Saves an edit once per Slack request (null for a replay): the values, the team and the record
     * of each changed field commit together. A name another account has raises AccountNameTakenError.
     */
    async updateOnce(
      id: string,
      input: NewAccount,
      by: string,
      once: { requestKey: string; now: Date; healthReason?: string },
    ): Promise<AccountUpdate | null> {
      try {
        const saved = await db.transaction(async (tx) => {
          if (!(await handleOnce(tx, once.requestKey, once.now))) return null;
          return updateIn(tx, id, input, by, once.now, once.healthReason);
        });
        if (!saved) return null;
        const after = await findById(id);
        if (!after) throw new Error(`Account ${id} vanished while it was edited.`);
        return { ...saved, after };
      } catch (error) {
        if (isUniqueViolation(error)) throw new AccountNameTakenError(input.name.trim());
        throw error;
      }
    },

    /** Saves several edits all or none, in one transaction (an import with --update). */
    async updateMany(updates: ReadonlyArray<{ id: string; input: NewAccount }>, by: string, now: Date) {
      let saved: Array<{ before: EditableAccount; changes: AccountFieldChange[] }>;
      try {
        saved = await db.transaction(async (tx) => {
          const results = [];
          for (const { id, input } of updates) {
            const result = await updateIn(tx, id, input, by, now);
            if (!result) throw new Error(`Account ${id} vanished while it was updated.`);
            results.push(result);
          }
          return results;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AccountNameTakenError(updates[0]?.input.name.trim() ?? '');
        throw error;
      }
      const results: AccountUpdate[] = [];
      for (const [index, result] of saved.entries()) {
        const after = await findById(updates[index]?.id ?? '');
        if (after) results.push({ ...result, after });
      }
      return results;
    },

    /** The latest recorded changes to an account, newest first. */
    async listChanges(id: string, limit: number): Promise<RecordedAccountChange[]> {
      return createAccountChangeRepository({ db }).listRecent(id, limit);
    },

    async findExistingNames(names: string[]): Promise<string[]> {
      if (names.length === 0) return [];
      const rows = await db
        .select({ name: accounts.name })
        .from(accounts)
        .where(inArray(accounts.nameKey, names.map(accountNameKey)));
      return rows.map((row) => row.name);
    },

    /**
     * The open accounts a person is on the team of, by name, as the Home lists them: with the day
     * of their latest activity and the due time of their open cadence task, in one query.
     */
    async listForMember(userId: string): Promise<MemberAccount[]> {
      const rows = await queryRows<MemberAccountRow>(
        db,
        sql`
          select a.id, a.name, a.health, a.priority, a.csm_segment as "csmSegment",
            a.renewal_date::text as "renewalDate", a.success_services as "successServices",
            (select max(v.occurred_on)::text from ${activities} v
              where v.account_id = a.id and v.deleted_at is null) as "lastTouch",
            (select min(t.due_at) from ${tasks} t
              where t.account_id = a.id and t.rule_id like ${`${CADENCE_RULE_PREFIX}%`}
                and t.status in ('open', 'snoozed')) as "cadenceDue"
          from ${accounts} a
          where a.status = 'active'
            and exists (select 1 from ${accountMembers} m where m.account_id = a.id and m.slack_user_id = ${userId})
          order by a.name_key`,
      );
      return rows.map((row) => ({ ...row, cadenceDue: row.cadenceDue === null ? null : new Date(row.cadenceDue) }));
    },

    /** Names by id in one query, for lists that show many accounts' activities or tasks. */
    async namesByIds(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: accounts.id, name: accounts.name })
        .from(accounts)
        .where(inArray(accounts.id, [...new Set(ids)]));
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    async findByChannel(channelId: string): Promise<Account | null> {
      const rows = await db
        .select()
        .from(accounts)
        .where(and(eq(accounts.channelId, channelId), eq(accounts.status, 'active')))
        .orderBy(asc(accounts.createdAt))
        .limit(1);
      return (await withTeams(rows))[0] ?? null;
    },

    /**
     * Finds accounts for a name someone typed: `exact` is the account with that very name (ignoring
     * case and spacing); otherwise `candidates` are those whose name contains the text, for the
     * caller to pick from or list.
     */
    async matchByName(typed: string): Promise<{ exact: Account | null; candidates: Account[] }> {
      const key = accountNameKey(typed);
      if (!key) return { exact: null, candidates: [] };
      const exactRows = await db.select().from(accounts).where(eq(accounts.nameKey, key));
      if (exactRows.length > 0) return { exact: (await withTeams(exactRows))[0] ?? null, candidates: [] };
      const rows = await db
        .select()
        .from(accounts)
        .where(ilike(accounts.nameKey, `%${escapeLike(key)}%`))
        .orderBy(asc(accounts.nameKey))
        .limit(10);
      return { exact: null, candidates: await withTeams(rows) };
    },

    /** Typeahead for the account picker: names starting with the text first, then containing it. */
    async searchNames(typed: string, limit = 100): Promise<Array<{ id: string; name: string }>> {
      const key = accountNameKey(typed);
      const pattern = `%${escapeLike(key)}%`;
      return db
        .select({ id: accounts.id, name: accounts.name })
        .from(accounts)
        .where(and(eq(accounts.status, 'active'), key ? ilike(accounts.nameKey, pattern) : undefined))
        .orderBy(
          sql`case when ${accounts.nameKey} like ${`${escapeLike(key)}%`} then 0 else 1 end`,
          asc(accounts.nameKey),
        )
        .limit(limit);
    },

    async updateRenewalDate(id: string, renewalDate: string): Promise<Account> {
      await db.update(accounts).set({ renewalDate, updatedAt: new Date() }).where(eq(accounts.id, id));
      const updated = await findById(id);
      if (!updated) throw new Error(`Account ${id} vanished while its renewal was recorded.`);
      return updated;
    },

    /**
     * As `updateRenewalDate`, once per Slack request: null for a replay, which would otherwise roll
     * the date forward a second year. The key and the date commit together.
     */
    async updateRenewalDateOnce(
      id: string,
      renewalDate: string,
      requestKey: string,
      now: Date,
    ): Promise<Account | null> {
      const updated = await db.transaction(async (tx) => {
        if (!(await handleOnce(tx, requestKey, now))) return false;
        await tx.update(accounts).set({ renewalDate, updatedAt: new Date() }).where(eq(accounts.id, id));
        return true;
      });
      if (!updated) return null;
      const account = await findById(id);
      if (!account) throw new Error(`Account ${id} vanished while its renewal was recorded.`);
      return account;
    },

    /**
     * A post to the account's channel just went through, so it is not broken (anymore): reminders
     * go back to the channel instead of people's DMs. Cheap when nothing was broken.
     */
    async markChannelWorking(id: string, channelId: string): Promise<boolean> {
      const repaired = await db
        .update(accounts)
        .set({ channelBrokenAt: null, channelBrokenReason: null, updatedAt: new Date() })
        .where(and(eq(accounts.id, id), eq(accounts.channelId, channelId), isNotNull(accounts.channelBrokenAt)))
        .returning({ id: accounts.id });
      return repaired.length > 0;
    },

    /** Closes an account: its clocks stop and its open tasks close on the next planner pass. */
    async close(id: string): Promise<void> {
      await db.update(accounts).set({ status: 'closed', updatedAt: new Date() }).where(eq(accounts.id, id));
    },

    /** Accounts whose replan instant has come, oldest first: what a minute's pass plans. */
    async listDueForReplan(now: Date, limit: number): Promise<PlanningAccount[]> {
      const rows = await db
        .select()
        .from(accounts)
        .where(lte(accounts.replanAt, now))
        .orderBy(asc(accounts.replanAt), asc(accounts.id))
        .limit(limit);
      return forPlanning(rows);
    },

    /** Every account the reference planner replans: the active ones, and closed ones with open tasks. */
    async listAllForReplan(): Promise<PlanningAccount[]> {
      const rows = await db
        .select()
        .from(accounts)
        .where(
          or(
            eq(accounts.status, 'active'),
            sql`exists (select 1 from ${tasks} where ${tasks.accountId} = ${accounts.id} and ${tasks.status} in ('open', 'snoozed'))`,
          ),
        )
        .orderBy(asc(accounts.id));
      return forPlanning(rows);
    },

    async findForPlanning(id: string): Promise<PlanningAccount | null> {
      return (await forPlanning(await db.select().from(accounts).where(eq(accounts.id, id))))[0] ?? null;
    },

    /**
     * Stores each account's next replan instant in one statement. An account whose instant is no
     * longer the one the planner read was changed meanwhile (and marked for replanning): it keeps
     * that mark, so the change is planned rather than overwritten by a verdict on older data.
     */
    async scheduleReplans(schedules: readonly ReplanSchedule[]): Promise<void> {
      for (const chunk of inChunks(schedules)) {
        // Instants compare at millisecond precision: that is all a JavaScript Date carries back.
        await db.execute(sql`
          update ${accounts} set replan_at = planned.next
          from ${jsonRecordset(chunk)} as planned(id uuid, seen timestamptz, next timestamptz)
          where ${accounts.id} = planned.id
            and date_trunc('milliseconds', ${accounts.replanAt}) is not distinct from planned.seen`);
      }
    },

    /** Closed accounts that still have open tasks: the planner closes those tasks. */
    async listClosedWithActiveTasks(): Promise<Account[]> {
      const rows = await db
        .select()
        .from(accounts)
        .where(
          and(
            eq(accounts.status, 'closed'),
            sql`exists (select 1 from ${tasks} where ${tasks.accountId} = ${accounts.id} and ${tasks.status} in ('open', 'snoozed'))`,
          ),
        );
      return withTeams(rows);
    },

    /**
     * Every active account with its CSM (null when nobody holds the role), by name, in one query
     * however many there are: what the reports and the team view count.
     */
    async listActiveForReports(): Promise<ReportAccount[]> {
      const rows = await db
        .select({ account: accounts, csm: accountMembers.slackUserId })
        .from(accounts)
        .leftJoin(accountMembers, and(eq(accountMembers.accountId, accounts.id), eq(accountMembers.role, 'CSM')))
        .where(eq(accounts.status, 'active'))
        .orderBy(asc(accounts.nameKey), asc(accounts.id));
      return rows.map(({ account, csm }) => {
        const { team: _team, ...fields } = toAccount(account, []);
        return { ...fields, csm };
      });
    },

    async listActive(): Promise<Account[]> {
      const rows = await db.select().from(accounts).where(eq(accounts.status, 'active')).orderBy(asc(accounts.nameKey));
      return withTeams(rows);
    },

    /** The active accounts by name, each as the importer takes it (with the head count): what an export writes. */
    async listActiveEditable(): Promise<EditableAccount[]> {
      const rows = await db.select().from(accounts).where(eq(accounts.status, 'active')).orderBy(asc(accounts.nameKey));
      const employeeCounts = new Map(rows.map((row) => [row.id, row.employeeCount]));
      return (await withTeams(rows)).map(({ status: _status, ...account }) => ({
        ...account,
        employeeCount: employeeCounts.get(account.id) ?? null,
      }));
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
