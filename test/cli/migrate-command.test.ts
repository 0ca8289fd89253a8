import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases';
import { createUnmigratedDatabase, runAgainst } from './cli-harness';

describe.each(testDatabases())('npm run cs -- migrate on $name', (engine) => {
  it('applies the migrations to a fresh database and then reports it is up to date', async () => {
    const handle = await createUnmigratedDatabase(engine);
    try {
      const first = await runAgainst(handle, ['migrate']);
      expect(first.code).toBe(0);
      expect(first.stdout).toEqual([expect.stringMatching(/^Applied [1-9]\d* migration\(s\)\.$/)]);
      expect(first.stderr).toEqual([]);

      const second = await runAgainst(handle, ['migrate']);
      expect(second).toEqual({ code: 0, stdout: ['Database is up to date.'], stderr: [] });
    } finally {
      await handle.close();
    }
  });

  it('migrates a fresh database silently before any other command', async () => {
    const handle = await createUnmigratedDatabase(engine);
    try {
      const list = await runAgainst(handle, ['accounts', 'list']);
      expect(list.code).toBe(0);
      expect(list.stdout).toEqual([expect.stringMatching(/^No accounts yet\./)]);
      expect((await runAgainst(handle, ['migrate'])).stdout).toEqual(['Database is up to date.']);
    } finally {
      await handle.close();
    }
  });
});
