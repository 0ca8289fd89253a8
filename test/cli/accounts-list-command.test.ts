import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/cli/accounts-list-command';
import { testDatabases } from '../support/test-databases';
import { runAgainst } from './cli-harness';

describe('formatTable', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(
      formatTable([
        ['NAME', 'HEALTH', 'CHANNEL'],
        ['Acme Corp', 'red', '-'],
      ]),
    ).toEqual(['NAME       HEALTH  CHANNEL', 'Acme Corp  red     -']);
  });
});

describe.each(testDatabases())('npm run cs -- accounts list on $name', (engine) => {
  it('prints one line per account with its segment, priority, health, renewal and channel', async () => {
    const handle = await engine.create();
    try {
      const csv =
        'name,csm_segment,priority,health,renewal_date,channel_id\nGlobex,Growth,PR2,yellow,2026-09-01,C0GLOBEX01\nAcme,,,,,\n';
      await runAgainst(handle, ['accounts', 'import', 'a.csv'], { files: { 'a.csv': csv } });
      const run = await runAgainst(handle, ['accounts', 'list']);
      expect(run.code).toBe(0);
      expect(run.stdout).toEqual([
        'NAME    SEGMENT  PRIORITY  HEALTH  RENEWAL     CHANNEL',
        'Acme    -        PR3       green   -           -',
        'Globex  Growth   PR2       yellow  2026-09-01  C0GLOBEX01',
      ]);
    } finally {
      await handle.close();
    }
  });
});
