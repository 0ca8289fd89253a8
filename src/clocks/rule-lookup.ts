/** What the Slack side asks of a task's rule: what its buttons preselect and offer. */
import type { AcceleratorPhase } from '../domain/accelerator';
import { ACCELERATOR_STARTED, type ActivityType } from '../domain/activity';
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
