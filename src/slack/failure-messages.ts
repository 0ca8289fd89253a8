import { isDatabaseUnreachable } from '../db/database-unreachable';

/** The issue's own words: what a person sees when the database cannot be reached. */
export const DATABASE_DOWN_MESSAGE = "cs-bot can't reach its database; nothing was saved, try again in a minute";

export const SOMETHING_WENT_WRONG_MESSAGE =
  'Something went wrong in cs-bot, so nothing was saved; try again, and if it keeps happening tell whoever runs cs-bot.';

/** After a write went through: retrying blindly would do it twice. */
export const PART_WAY_MESSAGE =
  'cs-bot saved what you sent, but something went wrong right after (a summary or a reminder may be missing); ' +
  'check before trying again.';

/** What to tell the person about a failed request, from the error and whether the request had already written. */
export function failureMessage(error: unknown, wrote: boolean): string {
  if (wrote) return PART_WAY_MESSAGE;
  return isDatabaseUnreachable(error) ? DATABASE_DOWN_MESSAGE : SOMETHING_WENT_WRONG_MESSAGE;
}
