import { createClockRuntime } from '../reminders/clock-runtime';
import { previewSweep } from '../reminders/preview-sweep';
import type { PlannerReport } from '../reminders/run-planner';
import type { CliCommand, CommandRun } from './command';
import { parseArguments } from './parse-arguments';

interface SweepArgs {
  /** Null for "now", which is read when the command runs rather than when it is parsed. */
  at: Date | null;
  dryRun: boolean;
  json: boolean;
  /** Replan every account with the reference planner, not only those whose replan instant has come. */
  full: boolean;
}

/** The last line of `--json`: what the pass did, for scripts and dashboards. */
function summaryLine(planner: PlannerReport, sent: number, ms: number): string {
  return JSON.stringify({
    summary: {
      accounts_planned: planner.accounts,
      tasks_created: planner.tasksCreated,
      messages_queued: planner.messagesQueued + planner.digestsQueued,
      messages_sent: sent,
      ms: Math.round(ms),
    },
  });
}

// The zone is required: "2026-12-01T09:00" alone would be read in this machine's zone.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function parseInstant(value: string): Date | null {
  const match = ISO_INSTANT.exec(value);
  const at = new Date(value);
  if (!match || Number.isNaN(at.getTime())) return null;
  // Date rolls 30 February over to 2 March; an operator who typed it meant something else.
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  const written = new Date(Date.UTC(year, month - 1, day));
  return written.getUTCMonth() === month - 1 && written.getUTCDate() === day ? at : null;
}

function parseSweepArgs(args: readonly string[]): SweepArgs | { error: string } {
  const parsed = parseArguments(args, {
    options: {
      at: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      full: { type: 'boolean' },
    },
  });
  if ('error' in parsed) return parsed;
  const { at, 'dry-run': dryRun = false, json = false, full = false } = parsed.values;
  if (at === undefined) return { at: null, dryRun, json, full };
  const instant = parseInstant(at);
  if (!instant) {
    return { error: `--at needs an ISO instant with a zone, like 2026-12-01T09:00:00Z (got ${JSON.stringify(at)})` };
  }
  return { at: instant, dryRun, json, full };
}

function run(args: SweepArgs): CommandRun {
  return async (context) => {
    const { dryRun, json, full } = args;
    const at = args.at ?? context.now();
    const started = performance.now();
    if (dryRun) {
      const { lines, planner } = await previewSweep(context, at, { full });
      if (json) {
        for (const line of lines) context.stdout(JSON.stringify(line));
        context.stdout(summaryLine(planner, 0, performance.now() - started));
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
    const clocks = createClockRuntime({
      db: context.db,
      slack: context.slack,
      timeZone: context.timeZone,
      admins: context.admins,
      reportChannel: context.reportChannel,
    });
    // Stopping also closes the session its claims named (on PostgreSQL a connection of its own).
    const report = await clocks.runPass(at, { full }).finally(() => clocks.stopDispatching());
    if (json) context.stdout(summaryLine(report.planner, report.dispatch?.sent ?? 0, performance.now() - started));
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
  arguments: '[--at <ISO instant>] [--full] [--dry-run] [--json]',
  summary:
    'Run one pass as the minute job does, as if at that instant (default: now). --full replans every account; ' +
    '--dry-run writes and sends nothing; --json ends with a summary line.',
  prepare(args) {
    const parsed = parseSweepArgs(args);
    return 'error' in parsed ? parsed : { run: run(parsed) };
  },
};
