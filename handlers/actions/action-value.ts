import type { BlockActionArgs } from '../listener-args';

/** The value an action carries: a button's value or the chosen option's; undefined for anything else. */
export function actionValue(action: BlockActionArgs['action']): string | undefined {
  if (action.type === 'button') return action.value;
  if (action.type === 'static_select') return action.selected_option?.value;
  return undefined;
}
