import { createAccountRepository } from '../accounts/account-repository';
import { createPlannerDeps, replanAccount } from '../reminders/run-planner';
import type { CliCommand } from './command';
import { parseArguments } from './parse-arguments';

/** Closing an account stops its clocks; its open tasks close at once (SPEC.md: "the account being closed"). */
export const accountsCloseCommand: CliCommand = {
  words: ['accounts', 'close'],
  arguments: '<name>',
  summary: 'Close an account (churned or merged): its clocks stop and its open tasks close.',
  prepare(args) {
    const parsed = parseArguments(args, { allowPositionals: true });
    if ('error' in parsed) return parsed;
    // Unquoted, a name with spaces arrives as several words.
    const name = parsed.positionals.join(' ').trim();
    if (!name) return { error: 'name the account to close' };
    return {
      async run(context) {
        const accounts = createAccountRepository({ db: context.db });
        const { exact } = await accounts.matchByName(name);
        if (!exact) {
          context.stderr(`No account is named "${name}" (the full name is needed to close one).`);
          return 1;
        }
        await accounts.close(exact.id);
        const planner = createPlannerDeps({ db: context.db, slack: null, timeZone: context.timeZone });
        const sync = await replanAccount(planner, { ...exact, status: 'closed' }, context.now());
        context.stdout(`Closed ${exact.name}; ${sync.closed.length} open task(s) closed with it.`);
        return 0;
      },
    };
  },
};
