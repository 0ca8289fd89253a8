import { describe, expect, it } from 'vitest';
import { exactly, routeById } from '../../handlers/route-by-id';

describe('one listener per kind, routed by id', () => {
  it('matches exactly the ids it was given, reading their dots and brackets literally', () => {
    const pattern = exactly(['task_log', 'home.page', 'odd[1]']);
    expect(['task_log', 'home.page', 'odd[1]'].every((id) => pattern.test(id))).toBe(true);
    expect(['task_log_more', 'xtask_log', 'homexpage', 'odd1', ''].some((id) => pattern.test(id))).toBe(false);
  });

  it('calls the listener of the id the request carries, and no other', async () => {
    const calls: string[] = [];
    const route = routeById(
      new Map([
        ['a', async (args: { id: string }) => void calls.push(`a:${args.id}`)],
        ['b', async (args: { id: string }) => void calls.push(`b:${args.id}`)],
      ]),
      (args) => args.id,
    );
    await route({ id: 'b' });
    await route({ id: 'unknown' });
    expect(calls).toEqual(['b:b']);
  });
});
