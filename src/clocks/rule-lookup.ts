/** What the Slack side asks of a task's rule: what its buttons preselect and offer. */
import type { AcceleratorPhase } from '../domain/accelerator';
import type { Account } from '../domain/account';
import { ACCELERATOR_STARTED, type ActivityType } from '../domain/activity';
import { matchesAccount } from './applies';
import { CLOCK_RULES } from './rules';

/** The activity type the "Log it" button preselects: the first one that completes the task's rule. */
export function activityTypeForRule(ruleId: string): ActivityType | undefined {
  return CLOCK_RULES.find((rule) => rule.id === ruleId)?.completedBy.find(
    (type): type is ActivityType => type !== ACCELERATOR_STARTED,
  );
}

/** The accelerator phase the "Log it" button preselects, for a running accelerator's expectations. */
export function acceleratorPhaseForRule(ruleId: string): AcceleratorPhase | undefined {
  return CLOCK_RULES.find((rule) => rule.id === ruleId)?.acceleratorPhase;
}

/** Whether starting an accelerator is what completes the rule: its reminder offers "Start accelerator", not "Log it". */
export function isCompletedByAcceleratorStart(ruleId: string): boolean {
  return CLOCK_RULES.find((rule) => rule.id === ruleId)?.completedBy.includes(ACCELERATOR_STARTED) ?? false;
}

/** Every cadence-call rule's id starts so (`cadenceRule` in rules.ts); their tasks are found by it. */
export const CADENCE_RULE_PREFIX = 'cadence.';

const CADENCE_RULES = CLOCK_RULES.filter((rule) => rule.id.startsWith(CADENCE_RULE_PREFIX));

/** Whether a cadence-call rule applies to the account: Strategic or Growth at PR1 or PR2, red counting as PR1. */
export function cadenceRuleApplies(
  account: Pick<Account, 'successServices' | 'successPlanActive' | 'csmSegment' | 'health' | 'priority'>,
): boolean {
  return CADENCE_RULES.some((rule) => matchesAccount(rule.appliesTo, account));
}
