import {
  type AccountCsvError,
  type AccountImportRow,
  formatAccountCsvError,
  parseAccountsCsv,
} from '../accounts/account-csv';
import { AccountNameTakenError, createAccountRepository, type NewAccount } from '../accounts/account-repository';
import { accountNameKey } from '../domain/account';
import type { CliCommand, CommandContext } from './command';
import { parseArguments } from './parse-arguments';

const NOTHING_IMPORTED = 'Nothing was imported.';

/**
 * Spelled out field by field so that a field added to NewAccount is a compile error here.
 * `line` is left out: it only locates the row in the file and is not stored.
 */
export function toNewAccount({ line: _line, ...account }: AccountImportRow): NewAccount {
  return account;
}

function reportErrors(stderr: (line: string) => void, errors: readonly AccountCsvError[]): number {
  for (const error of errors) stderr(formatAccountCsvError(error));
  stderr(NOTHING_IMPORTED);
  return 1;
}

async function importAccounts(file: string, { db, readFile, stdout, stderr }: CommandContext): Promise<number> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    stderr(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    stderr(NOTHING_IMPORTED);
    return 1;
  }

  const parsed = parseAccountsCsv(text);
  if (!parsed.ok) return reportErrors(stderr, parsed.errors);
  if (parsed.rows.length === 0) {
    stderr(`${file} has a header but no accounts. ${NOTHING_IMPORTED}`);
    return 1;
  }

  const repository = createAccountRepository({ db });
  const taken = new Set((await repository.findExistingNames(parsed.rows.map((row) => row.name))).map(accountNameKey));
  if (taken.size > 0) {
    const clashes = parsed.rows.flatMap((row) =>
      taken.has(accountNameKey(row.name))
        ? [{ line: row.line, message: `an account named ${JSON.stringify(row.name)} already exists` }]
        : [],
    );
    return reportErrors(stderr, clashes);
  }

  try {
    const count = await repository.createMany(parsed.rows.map(toNewAccount));
    stdout(`Imported ${count} account(s).`);
    return 0;
  } catch (error) {
    // Someone created one of these names between the check above and the insert.
    if (error instanceof AccountNameTakenError) {
      stderr(error.message);
      stderr(NOTHING_IMPORTED);
      return 1;
    }
    throw error;
  }
}

export const accountsImportCommand: CliCommand = {
  words: ['accounts', 'import'],
  arguments: '<file.csv>',
  summary: 'Create the accounts in a CSV file: all of them, or none if any row is wrong.',
  prepare(args) {
    const parsed = parseArguments(args, { allowPositionals: true });
    if ('error' in parsed) return parsed;
    const [file, ...rest] = parsed.positionals;
    if (file === undefined) return { error: 'the CSV file to read is missing' };
    if (rest.length > 0) return { error: `unexpected argument ${JSON.stringify(rest[0])}` };
    return { run: (context) => importAccounts(file, context) };
  },
};
