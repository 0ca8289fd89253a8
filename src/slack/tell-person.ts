import type { HomeView } from './block-kit';

/**
 * Ways to tell one person something when a request cannot be answered the usual way (a failure,
 * a payload that could not be read). Every text here is the bot's own, never what anyone typed.
 */
export interface PersonTeller {
  chat: {
    postEphemeral(args: { channel: string; user: string; text: string }): Promise<unknown>;
    postMessage(args: { channel: string; text: string }): Promise<unknown>;
  };
  views: { publish(args: { user_id: string; view: HomeView }): Promise<unknown> };
}

/** Where the person is: a conversation for an ephemeral message, else only their DM. */
export async function tellPerson(
  client: PersonTeller,
  where: { userId: string; channelId?: string | undefined },
  text: string,
): Promise<void> {
  if (where.channelId) {
    try {
      await client.chat.postEphemeral({ channel: where.channelId, user: where.userId, text });
      return;
    } catch {
      // Not in that conversation (a channel the bot was never invited to): the DM still reaches them.
    }
  }
  await client.chat.postMessage({ channel: where.userId, text });
}

/** The Home tab when it cannot be built: just the notice, so it never shows stale or missing tasks as true. */
export function noticeHome(text: string): HomeView {
  return { type: 'home', blocks: [{ type: 'section', text: { type: 'plain_text', text } }] };
}
