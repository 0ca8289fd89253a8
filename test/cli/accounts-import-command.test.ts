import { describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository';
import { testDatabases } from '../support/test-databases';
import { countAccounts, runAgainst } from './cli-harness';

const GOOD_CSV = [
  'name,channel_id,employee_count,csm_segment,priority,health,contract_start,renewal_date,success_services,csm,csa,ase',
  'Acme Corp,C0ACMECORP1,12000,Strategic,PR2,green,2026-01-10,2027-01-10,yes,U0ACMECSM1,U0ACMECSA1,U0ACMEASE1',
  '',
  '"Globex, Inc.",,300,Scale,,red,2025-06-01,2026-06-01,no,U0GLOBCSM1,,',
  'Initech,,,,,,,,,,,',
].join('\n');

describe.each(testDatabases())('npm run cs -- accounts import on $name', (engine) => {
  it('imports every row of a good file with its team and settings', async () => {
    const handle = await engine.create();
    try {
      const run = await runAgainst(handle, ['accounts', 'import', 'accounts.csv'], {
        files: { 'accounts.csv': GOOD_CSV },
      });
      expect(run).toEqual({ code: 0, stdout: ['Imported 3 account(s).'], stderr: [] });

      const repository = createAccountRepository({ db: handle.db });
      const accounts = await repository.listActive();
      expect(accounts.map((a) => a.name)).toEqual(['Acme Corp', 'Globex, Inc.', 'Initech']);
      const acme = (await repository.matchByName('acme corp')).exact;
      expect(acme).toMatchObject({
        channelId: 'C0ACMECORP1',
        salesSegment: 'Strategic',
        csmSegment: 'Strategic',
        priority: 'PR2',
        health: 'green',
        contractStart: '2026-01-10',
        renewalDate: '2027-01-10',
        successServices: true,
      });
      expect(acme?.team).toEqual(
        expect.arrayContaining([
          { role: 'CSM', slackUserId: 'U0ACMECSM1' },
          { role: 'CSA', slackUserId: 'U0ACMECSA1' },
          { role: 'ASE', slackUserId: 'U0ACMEASE1' },
        ]),
      );
      // A red account is PR1 whatever the file says.
      expect((await repository.matchByName('Globex, Inc.')).exact).toMatchObject({
        priority: 'PR1',
        salesSegment: 'Mid-Market',
      });
    } finally {
      await handle.close();
    }
  });

  it('reports a bad row by its line number and writes nothing', async () => {
    const handle = await engine.create();
    try {
      const csv = [
        'name,health,renewal_date',
        'Acme Corp,green,2027-01-10',
        '',
        'Globex,purple,2027-02-30',
        'Initech,,',
      ].join('\n');
      const run = await runAgainst(handle, ['accounts', 'import', 'bad.csv'], { files: { 'bad.csv': csv } });
      expect(run.code).toBe(1);
      expect(run.stdout).toEqual([]);
      expect(run.stderr).toEqual([
        'line 4: health "purple" is not one of green, yellow, red',
        'line 4: renewal_date "2027-02-30" is not a date (YYYY-MM-DD)',
        'Nothing was imported.',
      ]);
      expect(await countAccounts(handle.db)).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('reports a name already in the database by its line and writes nothing', async () => {
    const handle = await engine.create();
    try {
      await runAgainst(handle, ['accounts', 'import', 'first.csv'], { files: { 'first.csv': 'name\nGlobex\n' } });
      // The clashing row starts on line 6: after a blank line and a quoted cell that spans two lines.
      const csv =
        'name,csm_segment\r\n\r\nAcme Corp,Growth\r\nHooli,"Scale\r\n"\r\n"  globex ",Growth\r\nInitech,Scale\r\n';
      const run = await runAgainst(handle, ['accounts', 'import', 'second.csv'], { files: { 'second.csv': csv } });
      expect(run.code).toBe(1);
      expect(run.stderr).toEqual(['line 6: an account named "globex" already exists', 'Nothing was imported.']);
      expect((await createAccountRepository({ db: handle.db }).listActive()).map((a) => a.name)).toEqual(['Globex']);
    } finally {
      await handle.close();
    }
  });

  it('says so when the file cannot be read or has no accounts', async () => {
    const handle = await engine.create();
    try {
      const missing = await runAgainst(handle, ['accounts', 'import', 'missing.csv']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toEqual([
        expect.stringMatching(/^Cannot read missing\.csv: ENOENT/),
        'Nothing was imported.',
      ]);

      const empty = await runAgainst(handle, ['accounts', 'import', 'empty.csv'], {
        files: { 'empty.csv': 'name,health\n' },
      });
      expect(empty.code).toBe(1);
      expect(empty.stderr).toEqual(['empty.csv has a header but no accounts. Nothing was imported.']);
      expect(await countAccounts(handle.db)).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
