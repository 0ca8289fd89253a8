import type { ViewStateValue } from '@slack/bolt';

/** A modal's submitted values, by block id then action id, as Slack sends them. */
export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

/** Reads one element's value from view state, whatever kind of element it is. */
export function readState(values: ViewStateValues, ids: { block: string; action: string }) {
  const state = values[ids.block]?.[ids.action];
  return {
    text: state?.value ?? '',
    option: state?.selected_option
      ? { value: state.selected_option.value, text: state.selected_option.text.text }
      : null,
    date: state?.selected_date ?? null,
    users: state?.selected_users ?? [],
  };
}

/** Turns use-case field errors into `response_action: "errors"` keyed by the modal's block ids. */
export function toBlockErrors(
  fieldErrors: Partial<Record<string, string>>,
  blockForField: Record<string, string>,
  fallbackBlock: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors)) {
    if (!message) continue;
    // A nested path ("team.CSM") may have its own block; otherwise its top field's block serves.
    const block = blockForField[field] ?? blockForField[field.split('.')[0] ?? ''] ?? fallbackBlock;
    errors[block] ??= message;
  }
  return errors;
}
