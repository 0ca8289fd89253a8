import { z } from 'zod';
import type { AppDeps } from '../../src/app-deps';
import type { BlockActionArgs } from '../listener-args';

const offset = z.coerce.number().int().min(0).max(100_000);

/** "More accounts" / "Earlier accounts" on the Home: the Home again, at that page of accounts. */
export function homeAccountsPage(deps: AppDeps) {
  return async ({ ack, body, action }: BlockActionArgs): Promise<void> => {
    await ack();
    const parsed = offset.safeParse(action.type === 'button' ? action.value : undefined);
    await deps.homes.publishNow(body.user.id, { accountsOffset: parsed.success ? parsed.data : 0 });
  };
}
