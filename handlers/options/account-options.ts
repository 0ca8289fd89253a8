import type { AppDeps } from '../../src/app-deps';
import { withoutControlCharacters } from '../../src/domain/control-characters';
import { optionText, SLACK_LIMITS } from '../../src/slack/block-kit-limits';
import type { BlockSuggestionArgs } from '../listener-args';

/** The options are the ack itself, so the search runs before it (well within the 3 seconds). */
export function accountOptions(deps: AppDeps) {
  return async ({ ack, options }: BlockSuggestionArgs): Promise<void> => {
    // Typed text only narrows the list: anything PostgreSQL would refuse is dropped, not an error.
    const query = typeof options.value === 'string' ? withoutControlCharacters(options.value) : '';
    // Slack shows at most 100 options; the typeahead narrows as the user types.
    const matches = await deps.accounts.searchNames(query, SLACK_LIMITS.selectOptions);
    await ack({
      options: matches.map((account) => ({
        text: { type: 'plain_text', text: optionText(account.name) },
        value: account.id,
      })),
    });
  };
}
