import { exportAccounts } from '../export/account-export';
import type { CliCommand } from './command';
import { deliverExport, OUT_OPTION, outMistake } from './export-output';
import { parseArguments } from './parse-arguments';

export const accountsExportCommand: CliCommand = {
  words: ['accounts', 'export'],
  arguments: '[--out <file>]',
  summary: 'Write the active accounts as CSV in the import columns (so the file imports back), to stdout or --out.',
  prepare(args) {
    const parsed = parseArguments(args, { options: OUT_OPTION });
    if ('error' in parsed) return parsed;
    const { out } = parsed.values;
    const mistake = outMistake(out);
    if (mistake) return { error: mistake };
    return {
      run: async (context) => {
        const { csv, count } = await exportAccounts(context.db);
        return deliverExport(context, csv, out, `Exported ${count} account(s)`);
      },
    };
  },
};
