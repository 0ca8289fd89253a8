import type { KnownBlock } from './block-kit';

export interface ChannelMessage {
  text: string;
  blocks?: KnownBlock[];
  /** False for posts that carry what people typed: a customer URL in notes must not unfurl in the channel. */
  unfurl?: boolean;
}

export type PostResult = { ok: true; channel: string; ts: string } | { ok: false; error: string };

/** The one Slack capability use-cases need to tell a channel something; errors come back as data. */
export interface SlackPoster {
  postMessage(message: ChannelMessage & { channel: string }): Promise<PostResult>;
}

/** Replacing a message the bot posted (a corrected activity's summary); errors come back as data. */
export interface SlackUpdater {
  updateMessage(
    message: ChannelMessage & { channel: string; ts: string },
  ): Promise<{ ok: true } | { ok: false; error: string }>;
}

interface WebClientLike {
  chat: {
    update(args: { channel: string; ts: string; text: string; blocks?: KnownBlock[] }): Promise<unknown>;
    postMessage(args: {
      channel: string;
      text: string;
      blocks?: KnownBlock[];
      unfurl_links?: boolean;
      unfurl_media?: boolean;
    }): Promise<{
      ok?: boolean;
      channel?: string;
      ts?: string;
      error?: string;
    }>;
  };
}

const slackErrorOf = (error: unknown) =>
  (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;

export function createSlackPoster(client: WebClientLike): SlackPoster & SlackUpdater {
  return {
    async updateMessage({ channel, ts, text, blocks }) {
      try {
        // Blocks always go, even empty: left out, Slack would keep the old ones.
        await client.chat.update({ channel, ts, text, blocks: blocks ?? [] });
        return { ok: true };
      } catch (error) {
        return { ok: false, error: slackErrorOf(error) };
      }
    },
    async postMessage({ channel, text, blocks, unfurl }) {
      try {
        const response = await client.chat.postMessage({
          channel,
          text,
          ...(blocks ? { blocks } : {}),
          ...(unfurl === false ? { unfurl_links: false, unfurl_media: false } : {}),
        });
        return { ok: true, channel: response.channel ?? channel, ts: response.ts ?? '' };
      } catch (error) {
        return { ok: false, error: slackErrorOf(error) };
      }
    },
  };
}
