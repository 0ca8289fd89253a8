import type { AppDeps } from '../../src/app-deps';
import { truncate } from '../../src/slack/mrkdwn';
import type { BlockSuggestionArgs } from '../listener-args';

/** Slack shows at most 100 options; the typeahead narrows as the user types. */
const MAX_OPTIONS = 100;

/** The options are the ack itself, so the search runs before it (well within the 3 seconds). */
export function accountOptions(deps: AppDeps) {
  return async ({ ack, options }: BlockSuggestionArgs): Promise<void> => {
    const matches = await deps.accounts.searchNames(options.value ?? '', MAX_OPTIONS);
    await ack({
      options: matches.map((account) => ({
        text: { type: 'plain_text', text: truncate(account.name, 75) },
        value: account.id,
      })),
    });
  };
}
