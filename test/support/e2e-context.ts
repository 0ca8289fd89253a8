import type { Logger } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { NewAccount } from '../../src/accounts/account-repository';
import type { DatabaseHandle } from '../../src/db/database';
import type { Account } from '../../src/domain/account';
import { type FakeSlack, startFakeSlack } from './fake-slack';
import { type RunningApp, startRunningApp } from './running-app';
import type { TestDatabase } from './test-databases';

export interface E2eContext {
  fake: FakeSlack;
  database: DatabaseHandle;
  app: RunningApp;
}

/**
 * One running app, fake Slack and fresh database for a describe block; calls to the fake are
 * cleared before each test so assertions see only that test's traffic. Every test also checks
 * that nothing the app sent broke a Block Kit limit (the fake refuses it as Slack would).
 */
export function useRunningApp(
  engine: TestDatabase,
  options: { timeZone?: string; now?: () => Date; env?: Record<string, string>; logger?: Logger } = {},
): E2eContext {
  const context = {} as E2eContext;
  beforeAll(async () => {
    context.fake = await startFakeSlack();
    context.database = await engine.create();
    context.app = await startRunningApp({ fakeSlack: context.fake, database: context.database, ...options });
  });
  afterAll(async () => {
    await context.app?.stop();
    // A test may already have closed the database (to see /healthz fail); closing twice is fine.
    await context.database?.close().catch(() => {});
    await context.fake?.close();
  });
  beforeEach(() => {
    context.fake.reset();
  });
  afterEach(() => {
    expect(context.fake.limitViolations, 'messages or views over a Block Kit limit').toEqual([]);
  });
  return context;
}

export function accountFixture(overrides: Partial<NewAccount> & { name: string }): NewAccount {
  return {
    channelId: null,
    employeeCount: null,
    salesSegment: null,
    csmSegment: null,
    priority: 'PR3',
    health: 'green',
    contractStart: null,
    renewalDate: null,
    successServices: false,
    csaAseIdentifiedOn: null,
    successPlanActive: false,
    team: [],
    ...overrides,
  };
}

export async function createAccount(
  context: E2eContext,
  overrides: Partial<NewAccount> & { name: string },
): Promise<Account> {
  return context.app.deps.accounts.create(accountFixture(overrides));
}
