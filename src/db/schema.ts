import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AcceleratorPhase } from '../domain/accelerator';
import type { AccountStatus, CsmSegment, Health, Priority, SalesSegment, TeamRole } from '../domain/account';
import type { AcceleratorType, ActivityType, RenewalOutcome } from '../domain/activity';
import type { NotificationKind, NotificationStatus, TaskStatus } from '../domain/task';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    channelId: text('channel_id'),
    employeeCount: integer('employee_count'),
    salesSegment: text('sales_segment').$type<SalesSegment>(),
    csmSegment: text('csm_segment').$type<CsmSegment>(),
    priority: text('priority').$type<Priority>().notNull().default('PR3'),
    health: text('health').$type<Health>().notNull().default('green'),
    contractStart: date('contract_start', { mode: 'string' }),
    renewalDate: date('renewal_date', { mode: 'string' }),
    successServices: boolean('success_services').notNull().default(false),
    csaAseIdentifiedOn: date('csa_ase_identified_on', { mode: 'string' }),
    successPlanActive: boolean('success_plan_active').notNull().default(false),
    status: text('status').$type<AccountStatus>().notNull().default('active'),
    /** Set when Slack refused a post to the channel for good (archived, removed, bot not in it). */
    channelBrokenAt: timestamp('channel_broken_at', { withTimezone: true }),
    channelBrokenReason: text('channel_broken_reason'),
    /**
     * The next instant the account's clocks can plan something new (a window opening, a dated
     * activity coming into view). A new account, and any change to one or to its timeline, sets it
     * to the epoch: due at the very next pass, whatever that pass's clock says. The minute's pass
     * plans only accounts whose instant has come. Null: nothing will, until a change.
     */
    replanAt: timestamp('replan_at', { withTimezone: true }).default(sql`'epoch'`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_name_key_unique').on(t.nameKey),
    index('accounts_channel_id_idx').on(t.channelId),
    index('accounts_replan_at_idx').on(t.replanAt),
  ],
);

export const accountMembers = pgTable(
  'account_members',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role').$type<TeamRole>().notNull(),
    slackUserId: text('slack_user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role] }), index('account_members_user_idx').on(t.slackUserId)],
);

/**
 * What someone changed on an account, one row per field: who (a Slack user id, or "cli" for an
 * import), when, and the value before and after as shown to people. Written with the change.
 */
export const accountChanges = pgTable(
  'account_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    changedBy: text('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    /** Why, in the editor's words, where the modal asks (a health turning red). */
    reason: text('reason'),
  },
  (t) => [index('account_changes_account_changed_idx').on(t.accountId, t.changedAt)],
);

/** Accelerators started (SPEC.md "Accelerators"); their limits are checked with the account row locked. */
export const accelerators = pgTable(
  'accelerators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    type: text('type').$type<AcceleratorType>().notNull(),
    contentModule: text('content_module'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    csaUserId: text('csa_user_id').notNull(),
    startedBy: text('started_by').notNull(),
    createdAt: createdAt(),
  },
  // At most one a quarter, so never two on one day: the start day names an accelerator's tasks.
  (t) => [uniqueIndex('accelerators_account_starts_unique').on(t.accountId, t.startsOn)],
);

export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    type: text('type').$type<ActivityType>().notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    loggedBy: text('logged_by').notNull(),
    participants: text('participants').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes').notNull().default(''),
    renewalOutcome: text('renewal_outcome').$type<RenewalOutcome>(),
    acceleratorType: text('accelerator_type').$type<AcceleratorType>(),
    contentModule: text('content_module'),
    /** A CSA engagement logged while an accelerator runs belongs to it, in one of its phases. */
    acceleratorId: uuid('accelerator_id').references(() => accelerators.id, { onDelete: 'set null' }),
    acceleratorPhase: text('accelerator_phase').$type<AcceleratorPhase>(),
    /** The Slack message it was logged from (the message shortcut), so the timeline links back to it. */
    sourceMessageUrl: text('source_message_url'),
    /** The summary posted in the account's channel, so a correction can update it in place. */
    summaryChannel: text('summary_channel'),
    summaryTs: text('summary_ts'),
    /** The last correction (docs: "Correcting the log"): by whom and when. */
    editedAt: timestamp('edited_at', { withTimezone: true }),
    editedBy: text('edited_by'),
    /** Deleted activities stay for the record but count for nothing: no clock, summary or Home reads them. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: text('deleted_by'),
    createdAt: createdAt(),
  },
  (t) => [index('activities_account_occurred_idx').on(t.accountId, t.occurredOn)],
);

/** One task per (account, rule, period): the unique key is what makes planning idempotent. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').notNull(),
    periodKey: text('period_key').notNull(),
    title: text('title').notNull(),
    forRole: text('for_role').$type<TeamRole>().notNull(),
    forUser: text('for_user'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status').$type<TaskStatus>().notNull().default('open'),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    completedByActivityId: uuid('completed_by_activity_id').references(() => activities.id, { onDelete: 'set null' }),
    /** Set instead of the activity when starting an accelerator completed the task (the first one, a quarter's). */
    completedByAcceleratorId: uuid('completed_by_accelerator_id').references(() => accelerators.id, {
      onDelete: 'set null',
    }),
    /** Who snoozed it or marked it not needed, and why. */
    resolvedBy: text('resolved_by'),
    resolvedReason: text('resolved_reason'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tasks_account_rule_period_unique').on(t.accountId, t.ruleId, t.periodKey),
    index('tasks_status_due_idx').on(t.status, t.dueAt),
    index('tasks_for_user_idx').on(t.forUser, t.status),
    // The minute's digest check groups the still-active tasks by person: an index of those alone
    // stays small however many done and closed tasks years of history leave behind.
    index('tasks_active_by_user_idx')
      .on(t.forUser, t.dueAt, t.snoozedUntil)
      .where(sql`${t.status} in ('open', 'snoozed') and ${t.forUser} is not null`),
  ],
);

/**
 * The outbox: every Slack message the clocks send, keyed so it is created once, claimed by one
 * dispatcher at a time (FOR UPDATE SKIP LOCKED) and marked with what Slack answered.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    kind: text('kind').$type<NotificationKind>().notNull(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    /** The tasks the message shows; buttons on it act on these. */
    taskIds: uuid('task_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The person it is for (a DM, or the fallback when the channel is broken). */
    recipientUser: text('recipient_user'),
    /** The account channel it goes to; null means the recipient's DM. */
    channelId: text('channel_id'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status').$type<NotificationStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    notBefore: timestamp('not_before', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    claimedBy: text('claimed_by'),
    /**
     * The database session that holds the claim: its backend's pid and start (to the microsecond,
     * hence a string), as pg_stat_activity shows them. A claim whose session no longer exists
     * belongs to a holder that is gone and is recovered without waiting out the lease. Null for
     * claims made before the holder was recorded: those wait for the lease.
     */
    claimBackendPid: integer('claim_backend_pid'),
    claimBackendStart: timestamp('claim_backend_start', { withTimezone: true, mode: 'string' }),
    sentChannel: text('sent_channel'),
    sentTs: text('sent_ts'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    late: boolean('late').notNull().default(false),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notifications_key_unique').on(t.key),
    index('notifications_status_due_idx').on(t.status, t.dueAt),
    index('notifications_sent_message_idx').on(t.sentChannel, t.sentTs),
  ],
);

/** What the bot knows of a Slack user: their time zone (for the 09:00 DM) and DM channel. */
export const slackUsers = pgTable('slack_users', {
  userId: text('user_id').primaryKey(),
  timeZone: text('time_zone').notNull(),
  dmChannelId: text('dm_channel_id'),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
});

/**
 * Who opened their App Home, and when last: a change refreshes the Homes of people who look at
 * theirs, not of everyone it touches (a first clock pass touches the whole team).
 */
export const homeViewers = pgTable('home_viewers', {
  userId: text('user_id').primaryKey(),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
});

/**
 * Requests from Slack that wrote something, by what makes each unique (a view submission's view id
 * and hash, a command's trigger id): the same signed bytes replayed within Slack's five-minute
 * window find their key taken and write nothing. Rows older than the window are swept.
 */
export const handledRequests = pgTable(
  'handled_requests',
  {
    key: text('key').primaryKey(),
    handledAt: timestamp('handled_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('handled_requests_handled_at_idx').on(t.handledAt)],
);
