import { QUICK_LOG_TYPE_WORDS, type QuickLogReading, readQuickLog } from '../activities/quick-log-parser';
import type { Account } from '../domain/account';
import { dayIn } from '../domain/calendar-day';
import { noSingleAccountMessage } from './find-typed-account';
import { type LogActivityDeps, logActivity } from './log-activity';

const USAGE =
  'Usage: `/cs log <account> <type> <notes…>`, e.g. `/cs log Acme cadence call Talked about the rollout`. ' +
  `Types: ${QUICK_LOG_TYPE_WORDS.join(', ')}. Quote names that contain a type word: \`/cs log "Call Center Co" email …\`.`;

const FIELD_HINTS: Record<string, string> = {
  renewalOutcome: 'Put the answer after "renewal": likely, at-risk, churn or undecided.',
  acceleratorType:
    'Put the accelerator type after "csa": Agile Planning, CI, CD, Security, AI, Compliance or System Administration.',
};

/**
 * Picks the reading whose account part names an account: an exact name first, then the first
 * reading whose text matches just one account; otherwise explains what was not found.
 */
async function resolveReading(
  deps: LogActivityDeps,
  readings: QuickLogReading[],
): Promise<{ reading: QuickLogReading; account: Account } | { problem: string }> {
  const matches = [];
  for (const reading of readings) {
    const match = await deps.accounts.matchByName(reading.accountText);
    if (match.exact) return { reading, account: match.exact };
    matches.push({ reading, candidates: match.candidates });
  }
  const unique = matches.find(({ candidates }) => candidates.length === 1);
  if (unique?.candidates[0]) return { reading: unique.reading, account: unique.candidates[0] };

  return { problem: noSingleAccountMessage(readings[0]?.accountText ?? '', matches[0]?.candidates ?? []) };
}

/**
 * `/cs log <account> <type> <notes…>`: logs without a modal and answers with one line for the
 * caller; null when the request was a replay, already answered.
 */
export async function quickLog(
  deps: LogActivityDeps,
  request: { text: string; userId: string; requestKey?: string },
  now: Date,
): Promise<{ ok: boolean; message: string | null }> {
  const readings = readQuickLog(request.text);
  if (readings.length === 0) return { ok: false, message: `I could not find an activity type in that. ${USAGE}` };
  const resolved = await resolveReading(deps, readings);
  if ('problem' in resolved) return { ok: false, message: resolved.problem };

  const { reading, account } = resolved;
  const result = await logActivity(
    deps,
    {
      accountId: account.id,
      type: reading.type,
      occurredOn: dayIn(now, deps.timeZone),
      loggedBy: request.userId,
      participants: [],
      notes: reading.notes,
      renewalOutcome: reading.renewalOutcome,
      acceleratorType: reading.acceleratorType,
      contentModule: null,
    },
    now,
    request.requestKey,
  );
  // The same command again (a replay): it was answered the first time.
  if (result.ok === 'replayed') return { ok: true, message: null };
  if (!result.ok) {
    const problems = Object.entries(result.fieldErrors).map(([field, message]) =>
      [message, FIELD_HINTS[field]].filter(Boolean).join(' '),
    );
    return { ok: false, message: `Nothing was logged. ${problems.join(' ')}` };
  }
  // The command was acked before the row was written, so both phases run here.
  return { ok: true, message: await result.announce(now) };
}
