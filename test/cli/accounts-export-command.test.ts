import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountRepository, type EditableAccount } from '../../src/accounts/account-repository';
import { accountFixture } from '../support/e2e-context';
import { testDatabases } from '../support/test-databases';
import { runAgainst, stdoutText, withDatabase } from './cli-harness';

const HEADER =
  'name,channel_id,employee_count,sales_segment,csm_segment,priority,health,contract_start,renewal_date,' +
  'csa_ase_identified_on,success_services,success_plan_active,csm,csa,ase,ae,sa';

/** What an account is, without the id its database gave it. */
function fields({ id: _id, team, ...account }: EditableAccount) {
  return { ...account, team: [...team].sort((a, b) => a.role.localeCompare(b.role)) };
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cs-accounts-export-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe.each(testDatabases())('npm run cs -- accounts export on $name', (engine) => {
  it('writes the active accounts to stdout as CSV with CRLF line ends and the importer’s columns as header', async () => {
    await withDatabase(engine, async (handle) => {
      const repository = createAccountRepository({ db: handle.db });
      await repository.create(
        accountFixture({
          name: 'Globex',
          channelId: 'C0GLOBEX01',
          employeeCount: 1200,
          salesSegment: 'Large',
          csmSegment: 'Growth',
          priority: 'PR2',
          health: 'yellow',
          contractStart: '2025-09-01',
          renewalDate: '2026-09-01',
          csaAseIdentifiedOn: '2025-10-15',
          successServices: true,
          team: [
            { role: 'SA', slackUserId: 'U0GLOBSA01' },
            { role: 'CSM', slackUserId: 'U0GLOBCSM1' },
          ],
        }),
      );
      await repository.create(accountFixture({ name: 'Acme', health: 'red', priority: 'PR3' }));
      const closed = await repository.create(accountFixture({ name: 'Initech' }));
      await repository.close(closed.id);

      const run = await runAgainst(handle, ['accounts', 'export']);
      expect(run.code).toBe(0);
      expect(run.stderr).toEqual([]);
      // Closed accounts are left out: the file has no status, so importing one would reopen it.
      // A red account is PR1 whatever was stored, as the importer would store it.
      expect(stdoutText(run)).toBe(
        [
          HEADER,
          'Acme,,,,,PR1,red,,,,false,false,,,,,',
          'Globex,C0GLOBEX01,1200,Large,Growth,PR2,yellow,2025-09-01,2026-09-01,2025-10-15,true,false,U0GLOBCSM1,,,,U0GLOBSA01',
          '',
        ].join('\r\n'),
      );
    });
  });

  it('quotes a name holding a comma, a quote or a line break as RFC 4180 says, and keeps it UTF-8', async () => {
    await withDatabase(engine, async (handle) => {
      const repository = createAccountRepository({ db: handle.db });
      await repository.create(accountFixture({ name: 'Café Zoë, Inc.' }));
      await repository.create(accountFixture({ name: 'Say "Hi" GmbH' }));
      // The importer refuses such a name, but one stored by other means must still come out as one field.
      await repository.create(accountFixture({ name: 'Two\nLines Ltd' }));

      const out = join(scratch, `quoted-${engine.name}.csv`);
      const run = await runAgainst(handle, ['accounts', 'export', `--out=${out}`]);
      expect(run).toEqual({ code: 0, stdout: [`Exported 3 account(s) to ${out}.`], stderr: [] });
      const bytes = await readFile(out);
      expect(bytes.toString('utf8')).toBe(
        [
          HEADER,
          '"Café Zoë, Inc.",,,,,PR3,green,,,,false,false,,,,,',
          '"Say ""Hi"" GmbH",,,,,PR3,green,,,,false,false,,,,,',
          '"Two\nLines Ltd",,,,,PR3,green,,,,false,false,,,,,',
          '',
        ].join('\r\n'),
      );
      // UTF-8 without a byte order mark: é is the two bytes C3 A9.
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('name');
      expect(bytes.includes(Buffer.from([0xc3, 0xa9]))).toBe(true);
    });
  });

  it('writes a file that `accounts import` takes into a fresh database, whose export is the same file and accounts', async () => {
    const csv = [
      'name,employee_count,sales_segment,csm_segment,priority,health,channel_id,contract_start,renewal_date,csa_ase_identified_on,success_services,success_plan_active,csm,csa,ase,ae,sa',
      '"Café Zoë, Inc.","1,200",,Strategic,PR2,yellow,C0CAFEZOE1,2025-09-01,2026-09-01,2025-09-20,yes,no,U0CAFECSM1,U0CAFECSA1,U0CAFEASE1,U0CAFEAE01,U0CAFESA01',
      '"Say ""Hi"" GmbH",40,,Digital,PR1,red,,2026-01-10,,,false,true,U0SAYHCSM1,,,,',
      'Hooli,12000,Large,,,,,,,,,,,,,,',
    ].join('\n');
    await withDatabase(engine, async (first) => {
      expect((await runAgainst(first, ['accounts', 'import', 'crm.csv'], { files: { 'crm.csv': csv } })).code).toBe(0);
      const exported = await runAgainst(first, ['accounts', 'export']);
      expect(exported.code).toBe(0);
      const file = stdoutText(exported);
      // Over the accounts it came from, the file changes nothing.
      const update = await runAgainst(first, ['accounts', 'import', '--update', 'accounts.csv'], {
        files: { 'accounts.csv': file },
      });
      expect(update).toEqual({ code: 0, stdout: ['Updated 0 of 3 account(s) (0 field(s) changed).'], stderr: [] });

      await withDatabase(engine, async (second) => {
        const imported = await runAgainst(second, ['accounts', 'import', 'accounts.csv'], {
          files: { 'accounts.csv': file },
        });
        expect(imported).toEqual({ code: 0, stdout: ['Imported 3 account(s).'], stderr: [] });
        const again = await runAgainst(second, ['accounts', 'export']);
        expect(stdoutText(again)).toBe(file);

        const before = await createAccountRepository({ db: first.db }).listActiveEditable();
        const after = await createAccountRepository({ db: second.db }).listActiveEditable();
        expect(after.map(fields)).toEqual(before.map(fields));
        expect(after.map(fields)).toContainEqual(
          expect.objectContaining({
            name: 'Café Zoë, Inc.',
            employeeCount: 1200,
            salesSegment: 'Large',
            successServices: true,
            team: expect.arrayContaining([{ role: 'SA', slackUserId: 'U0CAFESA01' }]),
          }),
        );
      });
    });
  });

  it('writes only the header row when there are no active accounts', async () => {
    await withDatabase(engine, async (handle) => {
      const run = await runAgainst(handle, ['accounts', 'export']);
      expect(run).toEqual({ code: 0, stdout: [`${HEADER}\r`], stderr: [] });
    });
  });

  it('says in one line that the --out file cannot be written, and exits 1', async () => {
    await withDatabase(engine, async (handle) => {
      const out = join(scratch, 'no-such-folder', 'accounts.csv');
      const run = await runAgainst(handle, ['accounts', 'export', '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stdout).toEqual([]);
      expect(run.stderr).toEqual([expect.stringMatching(new RegExp(`^Cannot write ${out}: ENOENT`))]);
    });
  });
});
