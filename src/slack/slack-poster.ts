import type { KnownBlock } from './block-kit';

export interface ChannelMessage {
  text: string;
  blocks?: KnownBlock[];
}

export type PostResult = { ok: true; channel: string; ts: string } | { ok: false; error: string };

/** The one Slack capability use-cases need to tell a channel something; errors come back as data. */
export interface SlackPoster {
  postMessage(message: ChannelMessage & { channel: string }): Promise<PostResult>;
}

interface WebClientLike {
  chat: {
    postMessage(args: { channel: string; text: string; blocks?: KnownBlock[] }): Promise<{
      ok?: boolean;
      channel?: string;
      ts?: string;
      error?: string;
    }>;
  };
}

export function createSlackPoster(client: WebClientLike): SlackPoster {
  return {
    async postMessage({ channel, text, blocks }) {
      try {
        const response = await client.chat.postMessage({ channel, text, ...(blocks ? { blocks } : {}) });
        return { ok: true, channel: response.channel ?? channel, ts: response.ts ?? '' };
      } catch (error) {
        const slackError = (error as { data?: { error?: string } }).data?.error;
        return { ok: false, error: slackError ?? (error as Error).message };
      }
    },
  };
}
