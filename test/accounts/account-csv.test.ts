import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_CSV_COLUMNS,
  type AccountCsvResult,
  type AccountImportRow,
  formatAccountCsvError,
  parseAccountsCsv,
} from '../../src/accounts/account-csv';

function rowsOf(result: AccountCsvResult): AccountImportRow[] {
  if (!result.ok) throw new Error(`expected ok, got ${result.errors.map(formatAccountCsvError).join('; ')}`);
  return result.rows;
}

function errorsOf(result: AccountCsvResult): string[] {
  if (result.ok) throw new Error('expected errors, got ok');
  return result.errors.map(formatAccountCsvError);
}

describe('parseAccountsCsv', () => {
  it('reads a full row into an import row with every field and the team in role order', () => {
    const csv = [
      'name,channel_id,employee_count,sales_segment,csm_segment,priority,health,contract_start,renewal_date,csa_ase_identified_on,success_services,success_plan_active,csm,csa,ase,ae,sa',
      'Acme,C0123ABCD,800,strategic,growth,pr2,Yellow,2026-01-15,2027-01-15,2026-01-20,yes,1,U0123ABCD,U0123ABCE,W0123ABCF,U0123ABCG,U0123ABCH',
    ].join('\n');
    expect(rowsOf(parseAccountsCsv(csv))).toEqual([
      {
        line: 2,
        name: 'Acme',
        channelId: 'C0123ABCD',
        employeeCount: 800,
        salesSegment: 'Strategic',
        csmSegment: 'Growth',
        priority: 'PR2',
        health: 'yellow',
        contractStart: '2026-01-15',
        renewalDate: '2027-01-15',
        csaAseIdentifiedOn: '2026-01-20',
        successServices: true,
        successPlanActive: true,
        team: [
          { role: 'CSM', slackUserId: 'U0123ABCD' },
          { role: 'CSA', slackUserId: 'U0123ABCE' },
          { role: 'ASE', slackUserId: 'W0123ABCF' },
          { role: 'AE', slackUserId: 'U0123ABCG' },
          { role: 'SA', slackUserId: 'U0123ABCH' },
        ],
      },
    ]);
  });

  it('fills absent optional columns with null and the documented defaults', () => {
    expect(rowsOf(parseAccountsCsv('name\nGlobex\n'))).toEqual([
      {
        line: 2,
        name: 'Globex',
        channelId: null,
        employeeCount: null,
        salesSegment: null,
        csmSegment: null,
        priority: 'PR3',
        health: 'green',
        contractStart: null,
        renewalDate: null,
        csaAseIdentifiedOn: null,
        successServices: false,
        successPlanActive: false,
        team: [],
      },
    ]);
  });

  it('reads quoted fields holding commas, escaped quotes and newlines', () => {
    const csv = 'name,csm_segment\n"Acme, Inc.",Scale\n"The ""Best"" Co",Digital\n"Multi\nLine Corp",Growth\n';
    const result = parseAccountsCsv(csv);
    // A name may not span lines, so the third row is refused, but it was read as one field.
    expect(errorsOf(result)).toEqual(['line 4: name "Multi\\nLine Corp" spans several lines; a name must be one line']);
    const ok = rowsOf(parseAccountsCsv('name,csm_segment\n"Acme, Inc.",Scale\n"The ""Best"" Co",Digital\n'));
    expect(ok.map((r) => [r.name, r.csmSegment])).toEqual([
      ['Acme, Inc.', 'Scale'],
      ['The "Best" Co', 'Digital'],
    ]);
  });

  it('gives each row the physical line it starts on, also after a multi-line quoted field', () => {
    const csv = 'name,csm_segment\nAcme,"Gro\nwth"\nGlobex,Scale\n"The ""Best"" Co","\n\nDigital"\nInitech,\n';
    expect(rowsOf(parseAccountsCsv(csv)).map((r) => [r.line, r.name])).toEqual([
      [2, 'Acme'],
      [4, 'Globex'],
      [5, 'The "Best" Co'],
      [8, 'Initech'],
    ]);
  });

  it('counts lines across CRLF, a byte order mark, blank rows, comma-only rows and rows of quoted blanks', () => {
    const csv = '\uFEFF\r\nname,csm_segment\r\nA,\r\n,\r\n\r\n"B","Gro\r\nwth"\r\n"  ",""\r\nC,Scale\rD,';
    expect(rowsOf(parseAccountsCsv(csv)).map((r) => [r.line, r.name])).toEqual([
      [3, 'A'],
      [6, 'B'],
      [9, 'C'],
      [10, 'D'],
    ]);
  });

  it('accepts CRLF line endings, a UTF-8 byte order mark, blank lines and header names in any case and order', () => {
    const csv = '\uFEFFHealth,NAME\r\n\r\nred,Initech\r\n,,\r\ngreen,Umbrella\r\n';
    expect(rowsOf(parseAccountsCsv(csv)).map((r) => [r.name, r.health])).toEqual([
      ['Initech', 'red'],
      ['Umbrella', 'green'],
    ]);
  });

  it('derives the sales segment from the employee count only when no segment is given', () => {
    const csv = 'name,employee_count,sales_segment\nA,5000,\nB,4999,\nC,100,\nD,99,\nE,"1,200",\nF,10,Large\n';
    expect(rowsOf(parseAccountsCsv(csv)).map((r) => r.salesSegment)).toEqual([
      'Strategic',
      'Large',
      'Mid-Market',
      'SMB',
      'Large',
      'Large',
    ]);
  });

  it('makes a red account PR1 whatever priority the file gives', () => {
    const rows = rowsOf(parseAccountsCsv('name,health,priority\nA,red,PR3\nB,red,\nC,yellow,PR3\n'));
    expect(rows.map((r) => r.priority)).toEqual(['PR1', 'PR1', 'PR3']);
  });

  it('reports every bad cell with the physical line its row starts on, also after a multi-line quoted field', () => {
    const csv = [
      'name,renewal_date,contract_start,channel_id,priority,csm,success_services,employee_count,health',
      'Good,2026-05-01,,,,,,,',
      '"Quoted',
      'over lines",2026-13-01,,,,,,,',
      'Leap,2026-02-30,2026-02-28,bad-channel,P1,,,,',
      ',,,,,alice,maybe,-5,blue',
    ].join('\n');
    expect(errorsOf(parseAccountsCsv(csv))).toEqual([
      'line 3: name "Quoted\\nover lines" spans several lines; a name must be one line',
      'line 3: renewal_date "2026-13-01" is not a date (YYYY-MM-DD)',
      'line 5: renewal_date "2026-02-30" is not a date (YYYY-MM-DD)',
      'line 5: channel_id "bad-channel" is not a Slack channel id (like C0123ABCD)',
      'line 5: priority "P1" is not one of PR1, PR2, PR3',
      'line 6: name is empty; every account needs a name',
      'line 6: csm "alice" is not a Slack user id (like U0123ABCD)',
      'line 6: success_services "maybe" is not true/false (use true, false, yes, no, 1 or 0)',
      'line 6: employee_count "-5" is not a whole number of 0 or more',
      'line 6: health "blue" is not one of green, yellow, red',
    ]);
  });

  it('names unknown columns in the header', () => {
    expect(errorsOf(parseAccountsCsv('name,owner,region\nAcme,x,y\n'))).toEqual([
      expect.stringMatching(/^line 1: unknown columns "owner", "region"; known columns are name, channel_id/),
    ]);
  });

  it('refuses a file without a name column', () => {
    expect(errorsOf(parseAccountsCsv('channel_id,health\nC0123ABCD,green\n'))).toEqual([
      'line 1: the required column "name" is missing',
    ]);
  });

  it('refuses a name used twice in the file, ignoring case and spacing, on the later line', () => {
    expect(errorsOf(parseAccountsCsv('name\nAcme Corp\nGlobex\n  acme   CORP \n'))).toEqual([
      'line 4: name "acme   CORP" is already used on line 2',
    ]);
  });

  it('refuses an empty file, including one that is only a byte order mark and blank lines', () => {
    for (const text of ['', '\uFEFF', '\n\r\n  \n']) {
      expect(errorsOf(parseAccountsCsv(text))).toEqual([
        'line 1: the file is empty; expected a header row with at least a name column',
      ]);
    }
  });

  it('accepts a header with no rows as an import of nothing', () => {
    expect(rowsOf(parseAccountsCsv('name,csm\n'))).toEqual([]);
  });

  it('reports malformed CSV: a wrong field count, a stray quote and a quote that is never closed', () => {
    const csv = 'name,health\nAcme, Inc.,green\nSay "hi",green\n"Open,green\nNever,green\n';
    expect(errorsOf(parseAccountsCsv(csv))).toEqual([
      'line 2: has 3 fields but the header has 2; quote any field that contains a comma',
      'line 3: a field contains " but is not quoted; wrap it in double quotes and write each " as ""',
      'line 4: a quoted field is never closed (a " is missing)',
    ]);
  });
});

describe('ACCOUNT_CSV_COLUMNS', () => {
  it('describes every column the parser accepts, each on one line', () => {
    expect(ACCOUNT_CSV_COLUMNS.map((c) => c.name)).toEqual([
      'name',
      'channel_id',
      'employee_count',
      'sales_segment',
      'csm_segment',
      'priority',
      'health',
      'contract_start',
      'renewal_date',
      'csa_ase_identified_on',
      'success_services',
      'success_plan_active',
      'csm',
      'csa',
      'ase',
      'ae',
      'sa',
    ]);
    for (const column of ACCOUNT_CSV_COLUMNS) expect(column.description).not.toMatch(/\n/);
  });
});
