import { isIsoDay } from '../domain/calendar-day';
import { type ActivityExportRange, exportActivities } from '../export/activity-export';
import type { CliCommand } from './command';
import { deliverExport, OUT_OPTION, outMistake } from './export-output';
import { parseArguments } from './parse-arguments';

interface ActivitiesExportArgs extends ActivityExportRange {
  out: string | undefined;
}

function dayMistake(option: string, value: string | undefined): string | null {
  if (value === undefined || isIsoDay(value)) return null;
  return `${option} needs a day as YYYY-MM-DD, like 2026-03-01 (got ${JSON.stringify(value)})`;
}

function parseActivitiesExportArgs(args: readonly string[]): ActivitiesExportArgs | { error: string } {
  const parsed = parseArguments(args, {
    options: { since: { type: 'string' }, until: { type: 'string' }, ...OUT_OPTION },
  });
  if ('error' in parsed) return parsed;
  const { since, until, out } = parsed.values;
  const mistake = dayMistake('--since', since) ?? dayMistake('--until', until) ?? outMistake(out);
  if (mistake) return { error: mistake };
  // YYYY-MM-DD days compare as strings in calendar order; an empty range is a typo, not a wish.
  if (since !== undefined && until !== undefined && since > until) {
    return { error: `--since ${since} is after --until ${until}, so no day is in between` };
  }
  return { since: since ?? null, until: until ?? null, out };
}

export const activitiesExportCommand: CliCommand = {
  words: ['activities', 'export'],
  arguments: '[--since <day>] [--until <day>] [--out <file>]',
  summary:
    'Write the activities (deleted ones left out) as CSV, those that happened from --since to --until ' +
    '(both days included), to stdout or --out.',
  prepare(args) {
    const parsed = parseActivitiesExportArgs(args);
    if ('error' in parsed) return parsed;
    return {
      run: async (context) => {
        const { csv, count } = await exportActivities(context.db, parsed, context.timeZone);
        return deliverExport(context, csv, parsed.out, `Exported ${count} activit${count === 1 ? 'y' : 'ies'}`);
      },
    };
  },
};
