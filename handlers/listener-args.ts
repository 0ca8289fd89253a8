import type {
  AllMiddlewareArgs,
  BlockAction,
  GlobalShortcut,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

// Bolt's middleware argument types, named once for the listeners.
export type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;
export type ViewSubmissionArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;
export type BlockActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;
export type BlockSuggestionArgs = AllMiddlewareArgs & SlackOptionsMiddlewareArgs<'block_suggestion'>;
export type GlobalShortcutArgs = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<GlobalShortcut>;
export type MessageShortcutArgs = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>;
export type AppHomeOpenedArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;
