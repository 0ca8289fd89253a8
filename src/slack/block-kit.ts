import type { types } from '@slack/bolt';

// Bolt re-exports @slack/types as a namespace; these aliases keep view code readable.
export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type PlainTextOption = types.PlainTextOption;
export type InputBlock = types.InputBlock;
export type ActionsBlock = types.ActionsBlock;
export type Button = types.Button;
