import { describe, expect, it } from 'vitest';
import { changedFields } from '../../src/accounts/account-changes';
import { parseAccountsCsv } from '../../src/accounts/account-csv';
import { mergeCsvRow } from '../../src/accounts/account-csv-update';
import type { EditableAccount } from '../../src/accounts/account-repository';

const current: EditableAccount = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Acme Corp',
  channelId: 'C0ACME0001',
  employeeCount: 800,
  salesSegment: 'Large',
  csmSegment: 'Growth',
  priority: 'PR2',
  health: 'green',
  contractStart: '2026-01-31',
  renewalDate: '2027-01-31',
  successServices: true,
  csaAseIdentifiedOn: '2026-02-10',
  successPlanActive: false,
  team: [
    { role: 'CSM', slackUserId: 'U0CSM00001' },
    { role: 'ASE', slackUserId: 'U0ASE00001' },
  ],
};

function parsedRows(csv: string) {
  const parsed = parseAccountsCsv(csv);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed;
}

describe('the record of an account change', () => {
  it('lists nothing when a save changes nothing', () => {
    expect(changedFields(current, { ...current })).toEqual([]);
  });

  it('lists each changed field and role with its old and new value as text', () => {
    const after = {
      ...current,
      health: 'red' as const,
      successPlanActive: true,
      employeeCount: null,
      team: [{ role: 'CSM' as const, slackUserId: 'U0CSM00002' }],
    };
    expect(changedFields(current, after)).toEqual([
      { field: 'employeeCount', oldValue: '800', newValue: null },
      { field: 'health', oldValue: 'green', newValue: 'red' },
      { field: 'successPlanActive', oldValue: 'no', newValue: 'yes' },
      { field: 'team.CSM', oldValue: 'U0CSM00001', newValue: 'U0CSM00002' },
      { field: 'team.ASE', oldValue: 'U0ASE00001', newValue: null },
    ]);
  });
});

describe('an import row laid over an existing account', () => {
  it('changes only the columns the file has, keeping the rest of the team and the dates', () => {
    const { rows, columns } = parsedRows('name,health,csm\nAcme Corp,red,U0CSM00002');
    const row = rows[0];
    if (!row) throw new Error('no row');
    const merged = mergeCsvRow(current, row, columns);
    expect(merged).toMatchObject({
      ok: true,
      account: {
        health: 'red',
        priority: 'PR1',
        renewalDate: '2027-01-31',
        salesSegment: 'Large',
        team: expect.arrayContaining([
          { role: 'CSM', slackUserId: 'U0CSM00002' },
          { role: 'ASE', slackUserId: 'U0ASE00001' },
        ]),
      },
    });
  });

  it('refuses a row that breaks the account rules together with the stored values, on its line', () => {
    const { rows, columns } = parsedRows('name,success_services\nAcme Corp,no');
    const row = rows[0];
    if (!row) throw new Error('no row');
    expect(mergeCsvRow(current, row, columns)).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          message:
            'CSA and ASE are identified only for Success Services accounts; tick Success Services or clear this date.',
        },
      ],
    });
  });
});
