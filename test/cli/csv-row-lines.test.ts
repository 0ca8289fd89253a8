import { describe, expect, it } from 'vitest';
import { parseAccountsCsv } from '../../src/accounts/account-csv';
import { csvDataRowLines } from '../../src/cli/csv-row-lines';

/** The lines the parser itself reports, for a file in which every data row is wrong on purpose. */
function parserLines(csv: string): number[] {
  const result = parseAccountsCsv(csv);
  if (result.ok) throw new Error('expected every row to be rejected');
  return [...new Set(result.errors.map((error) => error.line))];
}

describe('csvDataRowLines', () => {
  it('numbers rows from line 2 in a plain file', () => {
    expect(csvDataRowLines('name\nAcme\nGlobex\n')).toEqual([2, 3]);
  });

  it('agrees with the parser across blank rows, comma-only rows, CRLF, a BOM and quoted cells spanning lines', () => {
    // health "bad" makes the parser report each row by the line it starts on.
    const csv =
      '\uFEFF\r\nname,health,csm_segment\r\nA,bad,\r\n,,\r\n\r\n"B",bad,"Gro\r\nwth"\r\n" ",bad,\r\n"C ""x""",bad,"\n\nScale"\nD,bad,';
    expect(csvDataRowLines(csv)).toEqual(parserLines(csv));
    expect(csvDataRowLines(csv)).toEqual([3, 6, 8, 9, 12]);
  });

  it('skips a row whose only cells are quoted blanks, as the parser does', () => {
    expect(csvDataRowLines('name,health\n"  ",""\nAcme,green')).toEqual([3]);
  });
});
