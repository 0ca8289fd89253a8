/**
 * Parses the accounts CSV that an admin imports with `npm run cs -- accounts import <file.csv>`.
 * Pure: it reads text and returns rows or every problem found, so the caller writes all or nothing.
 */
import { z } from 'zod';
import {
  accountNameKey,
  CSM_SEGMENTS,
  effectivePriority,
  HEALTHS,
  type Health,
  PRIORITIES,
  type Priority,
  SALES_SEGMENTS,
  salesSegmentForEmployees,
  TEAM_ROLES,
  type TeamRole,
} from '../domain/account';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '../domain/control-characters';
import type { NewAccount } from './account-repository';

export const ACCOUNT_CSV_COLUMNS = [
  { name: 'name', description: 'Account name (required, unique ignoring case, at most 200 characters).' },
  {
    name: 'channel_id',
    description: "The account's internal Slack channel id, like C0123ABCD (G… for older private channels).",
  },
  { name: 'employee_count', description: 'Number of employees; sets sales_segment when that column is empty.' },
  { name: 'sales_segment', description: `One of ${SALES_SEGMENTS.join(', ')}.` },
  { name: 'csm_segment', description: `One of ${CSM_SEGMENTS.join(', ')}.` },
  { name: 'priority', description: `One of ${PRIORITIES.join(', ')} (default PR3; a red account is always PR1).` },
  { name: 'health', description: `One of ${HEALTHS.join(', ')} (default green).` },
  { name: 'contract_start', description: 'Date the order form was received (YYYY-MM-DD).' },
  { name: 'renewal_date', description: 'Next renewal date (YYYY-MM-DD).' },
  { name: 'csa_ase_identified_on', description: 'Date both CSA and ASE were identified (YYYY-MM-DD).' },
  { name: 'success_services', description: 'Bought Success Services: true/false, yes/no or 1/0 (default false).' },
  {
    name: 'success_plan_active',
    description: 'Has an active success plan: true/false, yes/no or 1/0 (default false).',
  },
  { name: 'csm', description: 'Customer Success Manager, as a Slack user id like U0123ABCD.' },
  { name: 'csa', description: 'Customer Success Architect (Slack user id).' },
  { name: 'ase', description: 'Assigned Support Engineer (Slack user id).' },
  { name: 'ae', description: 'Account Executive (Slack user id).' },
  { name: 'sa', description: 'Solutions Architect (Slack user id).' },
] as const satisfies readonly { name: string; description: string }[];

export type AccountCsvColumn = (typeof ACCOUNT_CSV_COLUMNS)[number]['name'];

/** One account from the file, ready for the repository, and where it stood in the file. */
export type AccountImportRow = NewAccount & {
  /**
   * The 1-based physical line the row starts on (the header is line 1), so a later check, such as
   * a name already in the database, reports the row exactly as a parse error would.
   */
  line: number;
};

/** `line` is the 1-based physical line where the offending row starts (the header is line 1). */
export interface AccountCsvError {
  line: number;
  message: string;
}

/** `columns`: those the header names, so an update changes only what the file carries. */
export type AccountCsvResult =
  | { ok: true; rows: AccountImportRow[]; columns: AccountCsvColumn[] }
  | { ok: false; errors: AccountCsvError[] };

export function formatAccountCsvError(error: AccountCsvError): string {
  return `line ${error.line}: ${error.message}`;
}

const NAME_MAX = 200;
// accounts.employee_count is a PostgreSQL integer.
const EMPLOYEE_COUNT_MAX = 2_147_483_647;

export function parseAccountsCsv(text: string): AccountCsvResult {
  const { records, errors } = readCsv(text);
  const [header, ...body] = records.filter((record) => !isBlank(record.fields));
  if (!header) {
    return {
      ok: false,
      errors: [...errors, { line: 1, message: 'the file is empty; expected a header row with at least a name column' }],
    };
  }
  const columns = readHeader(header, errors);
  const rows: AccountImportRow[] = [];
  const firstLineByName = new Map<string, number>();
  for (const record of body) {
    if (record.problem) {
      errors.push({ line: record.line, message: record.problem });
      continue;
    }
    // Without a usable header, a row's cells cannot be matched to columns; the header errors say why.
    if (!columns) continue;
    if (record.fields.some(hasControlCharacters)) {
      errors.push({ line: record.line, message: CONTROL_CHARACTERS_MESSAGE });
      continue;
    }
    if (record.fields.length !== columns.length) {
      errors.push({
        line: record.line,
        message: `has ${record.fields.length} fields but the header has ${columns.length}; quote any field that contains a comma`,
      });
      continue;
    }
    const cells = Object.fromEntries(ACCOUNT_CSV_COLUMNS.map((c) => [c.name, ''])) as Record<AccountCsvColumn, string>;
    for (const [i, column] of columns.entries()) cells[column] = record.fields[i] ?? '';

    const nameKey = accountNameKey(cells.name);
    if (nameKey !== '') {
      const firstLine = firstLineByName.get(nameKey);
      if (firstLine === undefined) firstLineByName.set(nameKey, record.line);
      else
        errors.push({
          line: record.line,
          message: `name ${quote(cells.name.trim())} is already used on line ${firstLine}`,
        });
    }
    const parsed = rowSchema.safeParse(cells);
    if (parsed.success) rows.push({ line: record.line, ...parsed.data });
    else {
      // Report a row's problems left to right, as the person fixing the file reads them.
      const position = (issue: z.core.$ZodIssue) => columns.indexOf(issue.path[0] as AccountCsvColumn);
      const issues = [...parsed.error.issues].sort((a, b) => position(a) - position(b));
      for (const issue of issues) errors.push({ line: record.line, message: issue.message });
    }
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, rows, columns: columns ?? [] };
}

// --- Header ---------------------------------------------------------------------------------

function readHeader(header: CsvRecord, errors: AccountCsvError[]): AccountCsvColumn[] | null {
  if (header.problem) {
    errors.push({ line: header.line, message: `header: ${header.problem}` });
    return null;
  }
  const known = new Set<string>(ACCOUNT_CSV_COLUMNS.map((c) => c.name));
  // Spreadsheet users write "Channel ID" as readily as channel_id; both mean the same column.
  const names = header.fields.map((field) =>
    field
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const problems: string[] = [];
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    problems.push(
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => quote(n)).join(', ')}; ` +
        `known columns are ${ACCOUNT_CSV_COLUMNS.map((c) => c.name).join(', ')}`,
    );
  }
  const repeated = [...new Set(names.filter((name, i) => name !== '' && names.indexOf(name) !== i))];
  if (repeated.length > 0) problems.push(`column ${repeated.map((n) => quote(n)).join(', ')} appears more than once`);
  if (!names.includes('name')) problems.push('the required column "name" is missing');
  for (const message of problems) errors.push({ line: header.line, message });
  return problems.length > 0 ? null : (names as AccountCsvColumn[]);
}

// --- Cells ----------------------------------------------------------------------------------

class Invalid {
  constructor(readonly message: string) {}
}

/** A zod schema for one cell: `read` gets the trimmed text and returns a value or why it is wrong. */
function cell<T>(read: (value: string) => T | Invalid) {
  return z.string().transform((raw, ctx) => {
    const result = read(raw.trim());
    if (result instanceof Invalid) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result;
  });
}

/** An empty cell means "not given". */
function optional<T>(read: (value: string) => T | Invalid) {
  return cell((value) => (value === '' ? null : read(value)));
}

function withDefault<T>(fallback: T, read: (value: string) => T | Invalid) {
  return cell((value) => (value === '' ? fallback : read(value)));
}

function oneOf<T extends string>(column: string, allowed: readonly T[]) {
  // "mid market", "MID-MARKET" and "Mid-Market" are the same segment to whoever typed them.
  const loose = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (value: string): T | Invalid =>
    allowed.find((option) => loose(option) === loose(value)) ??
    new Invalid(`${column} ${quote(value)} is not one of ${allowed.join(', ')}`);
}

function slackId(column: string, pattern: RegExp, what: string) {
  return (value: string): string | Invalid =>
    pattern.test(value) ? value : new Invalid(`${column} ${quote(value)} is not ${what}`);
}

function calendarDate(column: string) {
  return (value: string): string | Invalid => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (match) {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip unchanged.
      if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return value;
    }
    return new Invalid(`${column} ${quote(value)} is not a date (YYYY-MM-DD)`);
  };
}

function yesNo(column: string) {
  return (value: string): boolean | Invalid => {
    const v = value.toLowerCase();
    if (v === 'true' || v === 'yes' || v === '1') return true;
    if (v === 'false' || v === 'no' || v === '0') return false;
    return new Invalid(`${column} ${quote(value)} is not true/false (use true, false, yes, no, 1 or 0)`);
  };
}

function employeeCount(value: string): number | Invalid {
  // Spreadsheets often export 1200 as "1,200".
  const digits = /^\d{1,3}(,\d{3})+$/.test(value) ? value.replace(/,/g, '') : value;
  if (!/^\d+$/.test(digits)) return new Invalid(`employee_count ${quote(value)} is not a whole number of 0 or more`);
  const count = Number(digits);
  if (count > EMPLOYEE_COUNT_MAX) return new Invalid(`employee_count ${quote(value)} is too large`);
  return count;
}

function accountName(value: string): string | Invalid {
  if (value === '') return new Invalid('name is empty; every account needs a name');
  if (/[\r\n]/.test(value)) return new Invalid(`name ${quote(value)} spans several lines; a name must be one line`);
  if (value.length > NAME_MAX) return new Invalid(`name is ${value.length} characters long; the limit is ${NAME_MAX}`);
  return value;
}

const channelId = slackId('channel_id', /^[CG][A-Z0-9]{8,}$/, 'a Slack channel id (like C0123ABCD)');
const userId = (column: string) => optional(slackId(column, /^[UW][A-Z0-9]{8,}$/, 'a Slack user id (like U0123ABCD)'));

const rowSchema = z
  .object({
    name: cell(accountName),
    channel_id: optional(channelId),
    employee_count: optional(employeeCount),
    sales_segment: optional(oneOf('sales_segment', SALES_SEGMENTS)),
    csm_segment: optional(oneOf('csm_segment', CSM_SEGMENTS)),
    priority: withDefault<Priority>('PR3', oneOf('priority', PRIORITIES)),
    health: withDefault<Health>('green', oneOf('health', HEALTHS)),
    contract_start: optional(calendarDate('contract_start')),
    renewal_date: optional(calendarDate('renewal_date')),
    csa_ase_identified_on: optional(calendarDate('csa_ase_identified_on')),
    success_services: withDefault(false, yesNo('success_services')),
    success_plan_active: withDefault(false, yesNo('success_plan_active')),
    csm: userId('csm'),
    csa: userId('csa'),
    ase: userId('ase'),
    ae: userId('ae'),
    sa: userId('sa'),
  })
  // The cells alone do not know where the row sits in the file; parseAccountsCsv adds the line.
  .transform((row): Omit<AccountImportRow, 'line'> => {
    const members: Record<TeamRole, string | null> = {
      CSM: row.csm,
      CSA: row.csa,
      ASE: row.ase,
      AE: row.ae,
      SA: row.sa,
    };
    return {
      name: row.name,
      channelId: row.channel_id,
      employeeCount: row.employee_count,
      salesSegment:
        row.sales_segment ?? (row.employee_count === null ? null : salesSegmentForEmployees(row.employee_count)),
      csmSegment: row.csm_segment,
      priority: effectivePriority(row.health, row.priority),
      health: row.health,
      contractStart: row.contract_start,
      renewalDate: row.renewal_date,
      csaAseIdentifiedOn: row.csa_ase_identified_on,
      successServices: row.success_services,
      successPlanActive: row.success_plan_active,
      team: TEAM_ROLES.flatMap((role) => {
        const slackUserId = members[role];
        return slackUserId === null ? [] : [{ role, slackUserId }];
      }),
    };
  });

function quote(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(short);
}

// --- RFC 4180 reader ------------------------------------------------------------------------

interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the row is malformed CSV; its fields are then not to be trusted. */
  problem?: string;
}

/**
 * Splits CSV text into records, remembering the physical line each one starts on. A quote that
 * is never closed swallows the rest of the file, so it is reported and reading stops there.
 */
function readCsv(input: string): { records: CsvRecord[]; errors: AccountCsvError[] } {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  const errors: AccountCsvError[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        const quoteLine = line;
        let closed = false;
        i++;
        while (i < text.length) {
          const ch = text[i] as string;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\n') line++;
          value += ch;
          i++;
        }
        if (!closed) {
          errors.push({ line: quoteLine, message: 'a quoted field is never closed (a " is missing)' });
          return { records, errors };
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\n') {
          record.problem ??= 'text follows a closing " in the same field; write a " inside a quoted field as ""';
        }
      }
      while (i < text.length && text[i] !== ',' && text[i] !== '\n') {
        if (text[i] === '"') {
          record.problem ??= 'a field contains " but is not quoted; wrap it in double quotes and write each " as ""';
        }
        value += text[i];
        i++;
      }
      record.fields.push(value);
      if (text[i] !== ',') break;
      i++;
    }
    if (text[i] === '\n') {
      i++;
      line++;
    }
    records.push(record);
  }
  return { records, errors };
}

/** Blank lines, and rows a spreadsheet exported as nothing but commas, carry no account. */
function isBlank(fields: string[]): boolean {
  return fields.every((field) => field.trim() === '');
}
