import type { AppDeps } from '../../src/app-deps';
import { withoutControlCharacters } from '../../src/domain/control-characters';
import { truncate } from '../../src/slack/mrkdwn';
import type { BlockSuggestionArgs } from '../listener-args';

/** Slack shows at most 100 options; the typeahead narrows as the user types. */
const MAX_OPTIONS = 100;

/** The options are the ack itself, so the search runs before it (well within the 3 seconds). */
export function accountOptions(deps: AppDeps) {
  return async ({ ack, options }: BlockSuggestionArgs): Promise<void> => {
    // Typed text only narrows the list: anything PostgreSQL would refuse is dropped, not an error.
    const query = typeof options.value === 'string' ? withoutControlCharacters(options.value) : '';
    const matches = await deps.accounts.searchNames(query, MAX_OPTIONS);
    await ack({
      options: matches.map((account) => ({
        text: { type: 'plain_text', text: truncate(account.name, 75) },
        value: account.id,
      })),
    });
  };
}
