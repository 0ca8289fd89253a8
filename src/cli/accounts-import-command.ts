import { DATE_FIELDS } from '../accounts/account-changes';
import {
  type AccountCsvError,
  type AccountImportRow,
  formatAccountCsvError,
  parseAccountsCsv,
} from '../accounts/account-csv';
import { mergeCsvRow } from '../accounts/account-csv-update';
import { AccountNameTakenError, createAccountRepository, type NewAccount } from '../accounts/account-repository';
import { accountNameKey } from '../domain/account';
import { createRemindersService } from '../reminders/reminders-service';
import { createPlannerDeps, replanAccount } from '../reminders/run-planner';
import { createSlackPoster } from '../slack/slack-poster';
import { announceAccountChanges, DATES_CHANGED } from '../use-cases/edit-account';
import type { CliCommand, CommandContext } from './command';
import { parseArguments } from './parse-arguments';

const NOTHING_IMPORTED = 'Nothing was imported.';
const NOTHING_UPDATED = 'Nothing was updated.';
/** Who an import's changes are recorded as made by (account_changes.changed_by). */
const CLI_AUTHOR = 'cli';
/** How an import is named in the channel when it changed an account's health or team. */
const IMPORT_AUTHOR = 'An accounts import';

/**
 * Spelled out field by field so that a field added to NewAccount is a compile error here.
 * `line` is left out: it only locates the row in the file and is not stored.
 */
export function toNewAccount({ line: _line, ...account }: AccountImportRow): NewAccount {
  return account;
}

function reportErrors(
  stderr: (line: string) => void,
  errors: readonly AccountCsvError[],
  outcome = NOTHING_IMPORTED,
): number {
  for (const error of errors) stderr(formatAccountCsvError(error));
  stderr(outcome);
  return 1;
}

async function readAccountsFile(
  file: string,
  { readFile, stderr }: Pick<CommandContext, 'readFile' | 'stderr'>,
  outcome: string,
): Promise<Extract<ReturnType<typeof parseAccountsCsv>, { ok: true }> | number> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    stderr(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    stderr(outcome);
    return 1;
  }
  const parsed = parseAccountsCsv(text);
  if (!parsed.ok) return reportErrors(stderr, parsed.errors, outcome);
  if (parsed.rows.length === 0) {
    stderr(`${file} has a header but no accounts. ${outcome}`);
    return 1;
  }
  return parsed;
}

async function importAccounts(file: string, context: CommandContext): Promise<number> {
  const { db, stdout, stderr } = context;
  const parsed = await readAccountsFile(file, context, NOTHING_IMPORTED);
  if (typeof parsed === 'number') return parsed;

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

/**
 * `--update`: the file's rows are existing accounts by name; the columns it has overwrite theirs,
 * all accounts or none, with each changed field recorded (by "cli") and each account replanned.
 */
async function updateAccounts(file: string, context: CommandContext): Promise<number> {
  const { db, stdout, stderr } = context;
  const parsed = await readAccountsFile(file, context, NOTHING_UPDATED);
  if (typeof parsed === 'number') return parsed;
  const repository = createAccountRepository({ db });
  const errors: AccountCsvError[] = [];
  const updates: Array<{ id: string; input: NewAccount }> = [];
  for (const row of parsed.rows) {
    const { exact } = await repository.matchByName(row.name);
    const current = exact ? await repository.findEditable(exact.id) : null;
    if (!current) {
      errors.push({
        line: row.line,
        message: `no account is named ${JSON.stringify(row.name)}; import it without --update to create it`,
      });
      continue;
    }
    const merged = mergeCsvRow(current, row, parsed.columns);
    if (merged.ok) updates.push({ id: current.id, input: merged.account });
    else errors.push(...merged.errors);
  }
  if (errors.length > 0) return reportErrors(stderr, errors, NOTHING_UPDATED);

  const now = context.now();
  const saved = await repository.updateMany(updates, CLI_AUTHOR, now);
  // Replanned now rather than at the next pass, so tasks whose dates moved close with the reason.
  // With a Slack token the team hears of it as from the modal: messages of moved or closed tasks
  // are updated and health and role changes announced.
  const planner = createPlannerDeps({ db, slack: context.slack, timeZone: context.timeZone });
  const slack = context.slack;
  const reminders = slack ? createRemindersService({ ...planner, slack, logger: { warn: stderr } }) : null;
  for (const { after, changes } of saved) {
    if (changes.length === 0) continue;
    const datesChanged = changes.some((change) => DATE_FIELDS.includes(change.field));
    const options = datesChanged ? { closeReason: DATES_CHANGED } : {};
    if (!slack || !reminders) {
      await replanAccount(planner, after, now, options);
      continue;
    }
    await reminders.accountEdited(after, now, options);
    await announceAccountChanges(createSlackPoster(slack), after, changes, IMPORT_AUTHOR, '');
  }
  const changed = saved.filter((update) => update.changes.length > 0).length;
  const fields = saved.reduce((sum, update) => sum + update.changes.length, 0);
  stdout(`Updated ${changed} of ${saved.length} account(s) (${fields} field(s) changed).`);
  return 0;
}

export const accountsImportCommand: CliCommand = {
  words: ['accounts', 'import'],
  arguments: '<file.csv>',
  summary:
    'Create the accounts in a CSV file (with --update: change existing ones, by name): all of them, or none if any row is wrong.',
  prepare(args) {
    const parsed = parseArguments(args, { allowPositionals: true, options: { update: { type: 'boolean' } } });
    if ('error' in parsed) return parsed;
    const [file, ...rest] = parsed.positionals;
    if (file === undefined) return { error: 'the CSV file to read is missing' };
    if (rest.length > 0) return { error: `unexpected argument ${JSON.stringify(rest[0])}` };
    const run = parsed.values.update ? updateAccounts : importAccounts;
    return { run: (context) => run(file, context) };
  },
};
