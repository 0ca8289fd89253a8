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
import type {
  AccountStatus,
  CsmSegment,
  Health,
  Priority,
  SalesSegment,
  TeamRole,
} from '../domain/account';
import type { AcceleratorType, ActivityType, RenewalOutcome } from '../domain/activity';

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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_name_key_unique').on(t.nameKey),
    index('accounts_channel_id_idx').on(t.channelId),
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
    participants: text('participants')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    notes: text('notes').notNull().default(''),
    renewalOutcome: text('renewal_outcome').$type<RenewalOutcome>(),
    acceleratorType: text('accelerator_type').$type<AcceleratorType>(),
    contentModule: text('content_module'),
    createdAt: createdAt(),
  },
  (t) => [index('activities_account_occurred_idx').on(t.accountId, t.occurredOn)],
);
