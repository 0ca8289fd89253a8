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

interface WebClientLike {
  chat: {
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

export function createSlackPoster(client: WebClientLike): SlackPoster {
  return {
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
        const slackError = (error as { data?: { error?: string } }).data?.error;
        return { ok: false, error: slackError ?? (error as Error).message };
      }
    },
  };
}
