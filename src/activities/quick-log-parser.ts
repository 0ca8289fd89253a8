import { ACCELERATOR_TYPES, type AcceleratorType, type ActivityType, type RenewalOutcome } from '../domain/activity';

/** Words people type for each activity type in `/cs log <account> <type> <notes…>`. */
const TYPE_ALIASES: ReadonlyArray<[string, ActivityType]> = [
  ['cadence call', 'cadence_call'],
  ['cadence', 'cadence_call'],
  ['executive business review', 'ebr'],
  ['ebr', 'ebr'],
  ['renewal call', 'renewal_call'],
  ['renewal', 'renewal_call'],
  ['onboarding milestone', 'onboarding_milestone'],
  ['onboarding', 'onboarding_milestone'],
  ['milestone', 'onboarding_milestone'],
  ['csa engagement', 'csa_engagement'],
  ['csa', 'csa_engagement'],
  ['accelerator', 'csa_engagement'],
  ['success plan update', 'success_plan_update'],
  ['success plan', 'success_plan_update'],
  ['escalation', 'escalation'],
  ['call', 'call'],
  ['email', 'email'],
  ['meeting', 'meeting'],
  ['other', 'other'],
];

const OUTCOME_ALIASES: ReadonlyArray<[string, RenewalOutcome]> = [
  ['likely to renew', 'likely_to_renew'],
  ['likely', 'likely_to_renew'],
  ['at risk', 'at_risk'],
  ['risk', 'at_risk'],
  ['will churn', 'will_churn'],
  ['churn', 'will_churn'],
  ['undecided', 'undecided'],
];

const ACCELERATOR_ALIASES: ReadonlyArray<[string, AcceleratorType]> = [
  ...ACCELERATOR_TYPES.map((type): [string, AcceleratorType] => [type.toLowerCase(), type]),
  ['agile', 'Agile Planning'],
  ['sysadmin', 'System Administration'],
  ['admin', 'System Administration'],
];

/** The words people may use for a type, for the help text. */
export const QUICK_LOG_TYPE_WORDS = [...new Set(TYPE_ALIASES.map(([alias]) => alias))];

const normalise = (word: string) => word.toLowerCase().replace(/[-_]/g, ' ');

/** Matches the longest alias at the start of `words`; returns the value and how many words it used. */
function matchAlias<T>(words: string[], aliases: ReadonlyArray<[string, T]>): { value: T; used: number } | null {
  let best: { value: T; used: number; length: number } | null = null;
  for (const [alias, value] of aliases) {
    // "at-risk" is one typed word but two alias words, so try every typed-word count up to the alias's.
    for (let used = 1; used <= alias.split(' ').length; used += 1) {
      const candidate = words.slice(0, used).map(normalise).join(' ');
      if (candidate === alias && (!best || alias.length > best.length)) best = { value, used, length: alias.length };
    }
  }
  return best && { value: best.value, used: best.used };
}

export interface QuickLogReading {
  accountText: string;
  type: ActivityType;
  renewalOutcome: RenewalOutcome | null;
  acceleratorType: AcceleratorType | null;
  notes: string;
}

/**
 * The ways `<account> <type> <notes…>` can be read. Account names have spaces, so every place a
 * type word appears gives one reading, leftmost first; the caller keeps the first whose account
 * exists. `"Quoted Name"` pins the account part. After "renewal" an outcome word may follow, after
 * "csa" an accelerator type.
 */
export function readQuickLog(text: string): QuickLogReading[] {
  const trimmed = text.trim();
  const quoted = /^["“”']([^"“”']+)["“”']\s*(.*)$/s.exec(trimmed);
  const readings: QuickLogReading[] = [];
  const readRest = (accountText: string, rest: string): QuickLogReading | null => {
    const words = rest.split(/\s+/).filter(Boolean);
    const type = matchAlias(words, TYPE_ALIASES);
    if (!type) return null;
    let used = type.used;
    let renewalOutcome: RenewalOutcome | null = null;
    let acceleratorType: AcceleratorType | null = null;
    if (type.value === 'renewal_call') {
      const outcome = matchAlias(words.slice(used), OUTCOME_ALIASES);
      if (outcome) {
        renewalOutcome = outcome.value;
        used += outcome.used;
      }
    }
    if (type.value === 'csa_engagement') {
      const accelerator = matchAlias(words.slice(used), ACCELERATOR_ALIASES);
      if (accelerator) {
        acceleratorType = accelerator.value;
        used += accelerator.used;
      }
    }
    const notes = stripLeadingWords(rest, used);
    return { accountText, type: type.value, renewalOutcome, acceleratorType, notes };
  };

  if (quoted) {
    const reading = readRest((quoted[1] ?? '').trim(), quoted[2] ?? '');
    return reading ? [reading] : [];
  }
  const tokens = trimmed.split(/\s+/).filter(Boolean);
  for (let split = 1; split < tokens.length; split += 1) {
    const reading = readRest(tokens.slice(0, split).join(' '), stripLeadingWords(trimmed, split));
    if (reading) readings.push(reading);
  }
  return readings;
}

/** Drops the first `count` words but keeps the rest exactly as typed, line breaks included. */
function stripLeadingWords(text: string, count: number): string {
  let rest = text.trimStart();
  for (let i = 0; i < count; i += 1) rest = rest.replace(/^\S+\s*/, '');
  return rest.trim();
}
