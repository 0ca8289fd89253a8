import { createClockRuntime } from '../reminders/clock-runtime';
import { previewSweep } from '../reminders/preview-sweep';
import type { CliCommand, CommandRun } from './command';

interface SweepArgs {
  at: Date;
  dryRun: boolean;
  json: boolean;
}

function parseSweepArgs(args: readonly string[]): SweepArgs | { error: string } {
  let at: Date | null = null;
  let dryRun = false;
  let json = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--json') json = true;
    else if (arg === '--at') {
      const value = args[i + 1];
      i += 1;
      // An instant needs a zone: "2026-12-01T09:00" alone would be read in this machine's zone.
      if (!value || !/(Z|[+-]\d{2}:?\d{2})$/.test(value) || Number.isNaN(new Date(value).getTime())) {
        return {
          error: `--at needs an ISO instant with a zone, like 2026-12-01T09:00:00Z (got ${JSON.stringify(value ?? '')})`,
        };
      }
      at = new Date(value);
    } else return { error: `unexpected argument ${JSON.stringify(arg)}` };
  }
  return { at: at ?? new Date(Number.NaN), dryRun, json };
}

function run({ at, dryRun, json }: SweepArgs): CommandRun {
  return async (context) => {
    if (Number.isNaN(at.getTime())) at = context.now();
    if (dryRun) {
      const lines = await previewSweep(context, at);
      if (json) {
        for (const line of lines) context.stdout(JSON.stringify(line));
      } else if (lines.length === 0) context.stdout(`Nothing would happen at ${at.toISOString()}.`);
      else {
        for (const line of lines) {
          const what = line.rule
            ? `task ${line.rule}, due ${line.due_at}`
            : `message ${line.message}, due ${line.due_at}`;
          const message = line.rule && line.message ? ` → ${line.message} message` : '';
          context.stdout(`${line.account ?? '-'}: ${what}, for ${line.for ?? 'nobody'}${message}`);
        }
        context.stdout(`Dry run: nothing was written or sent.`);
      }
      return 0;
    }
    if (!context.slack) {
      context.stderr(
        'sweep sends reminders, so it needs SLACK_BOT_TOKEN (and SLACK_API_URL for a non-default Slack). Use --dry-run to preview without Slack.',
      );
      return 1;
    }
    const report = await createClockRuntime({
      db: context.db,
      slack: context.slack,
      timeZone: context.timeZone,
      admins: context.admins,
    }).runPass(at);
    if (json) context.stdout(JSON.stringify(report));
    else {
      const { planner, dispatch } = report;
      context.stdout(
        `Sweep at ${report.at}: ${planner.tasksCreated} task(s) opened, ${planner.tasksCompleted} completed, ${planner.tasksClosed} closed, ` +
          `${planner.digestsQueued} overdue DM(s) queued; ${dispatch?.sent ?? 0} message(s) sent (${dispatch?.late ?? 0} late), ` +
          `${dispatch?.failed ?? 0} failed.`,
      );
    }
    return 0;
  };
}

export const sweepCommand: CliCommand = {
  words: ['sweep'],
  arguments: '[--at <ISO instant>] [--dry-run] [--json]',
  summary:
    'Run one planner and dispatcher pass as if at that instant (default: now). --dry-run writes and sends nothing.',
  prepare(args) {
    const parsed = parseSweepArgs(args);
    return 'error' in parsed ? parsed : { run: run(parsed) };
  },
};
