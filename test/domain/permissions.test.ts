import { describe, expect, it } from 'vitest';
import type { AccountTeamMember } from '../../src/domain/account';
import {
  everyoneIsAdmin,
  isAdmin,
  isOnTeam,
  mayAddAccounts,
  mayChangeAccount,
  whoMayAddAccounts,
  whoMayChangeAccount,
} from '../../src/domain/permissions';
import { refusalText } from '../../src/views/permission-messages';

const CSM = 'U0CSM00001';
const AE = 'U0AE000001';
const ADMIN = 'U0ADMIN001';
const OUTSIDER = 'U0OUTSIDE1';
const ADMINS = [ADMIN];

const acme = {
  name: 'Acme',
  team: [
    { role: 'CSM', slackUserId: CSM },
    { role: 'AE', slackUserId: AE },
  ] satisfies AccountTeamMember[],
};

describe('who may change an account', () => {
  it('lets anyone on the account team change it, whatever their role', () => {
    expect(mayChangeAccount(CSM, acme, ADMINS)).toBe(true);
    expect(mayChangeAccount(AE, acme, ADMINS)).toBe(true);
    expect(isOnTeam(AE, acme)).toBe(true);
  });

  it('lets a CS admin change an account they are not on the team of', () => {
    expect(isOnTeam(ADMIN, acme)).toBe(false);
    expect(mayChangeAccount(ADMIN, acme, ADMINS)).toBe(true);
  });

  it('refuses someone who is neither on the team nor a CS admin', () => {
    expect(mayChangeAccount(OUTSIDER, acme, ADMINS)).toBe(false);
  });

  it('refuses everyone but the CS admins on an account with no team', () => {
    const orphan = { name: 'Orphan', team: [] };
    expect(mayChangeAccount(CSM, orphan, ADMINS)).toBe(false);
    expect(mayChangeAccount(ADMIN, orphan, ADMINS)).toBe(true);
  });

  it('never matches a forged id that only contains a team member id', () => {
    expect(mayChangeAccount(`${CSM}>|<!channel`, acme, ADMINS)).toBe(false);
    expect(mayChangeAccount(CSM.toLowerCase(), acme, ADMINS)).toBe(false);
  });
});

describe('who may add accounts', () => {
  it('lets only the CS admins add accounts, not an account team member', () => {
    expect(mayAddAccounts(ADMIN, ADMINS)).toBe(true);
    expect(mayAddAccounts(CSM, ADMINS)).toBe(false);
    expect(mayAddAccounts(OUTSIDER, ADMINS)).toBe(false);
  });
});

describe('with no CS admins configured', () => {
  it('counts everyone as an admin, so anyone may add accounts and change any account', () => {
    expect(everyoneIsAdmin([])).toBe(true);
    expect(isAdmin(OUTSIDER, [])).toBe(true);
    expect(mayAddAccounts(OUTSIDER, [])).toBe(true);
    expect(mayChangeAccount(OUTSIDER, acme, [])).toBe(true);
    expect(mayChangeAccount(OUTSIDER, { team: [] }, [])).toBe(true);
  });

  it('stops counting everyone as an admin once one admin is configured', () => {
    expect(everyoneIsAdmin(ADMINS)).toBe(false);
    expect(isAdmin(OUTSIDER, ADMINS)).toBe(false);
  });
});

describe('describing who may', () => {
  it('names the account, its team once each and the admins, with what they may do', () => {
    const doubled = { name: 'Acme', team: [...acme.team, { role: 'SA' as const, slackUserId: CSM }] };
    expect(whoMayChangeAccount(doubled, ADMINS, 'snooze')).toEqual({
      account: { name: 'Acme', team: [CSM, AE] },
      admins: [ADMIN],
      action: 'snooze its tasks',
    });
    expect(whoMayChangeAccount(acme, ADMINS, 'notNeeded').action).toBe('mark its tasks not needed');
    expect(whoMayChangeAccount(acme, ADMINS, 'renewal').action).toBe('record its renewal');
  });

  it('names only the admins for adding accounts', () => {
    expect(whoMayAddAccounts(ADMINS)).toEqual({ account: null, admins: [ADMIN], action: 'add accounts' });
  });
});

describe('the refusal sentence', () => {
  it('mentions the team and the admins and names the account, in mrkdwn', () => {
    expect(refusalText(whoMayChangeAccount(acme, ADMINS, 'snooze'))).toBe(
      `Only Acme's team (<@${CSM}>, <@${AE}>) and the CS admins (<@${ADMIN}>) can snooze its tasks.`,
    );
  });

  it('says who may add accounts', () => {
    expect(refusalText(whoMayAddAccounts(ADMINS))).toBe(`Only the CS admins (<@${ADMIN}>) can add accounts.`);
  });

  it('escapes the account name and never turns it into a ping', () => {
    const text = refusalText(whoMayChangeAccount({ name: '<!channel> & Co', team: acme.team }, ADMINS, 'renewal'));
    expect(text).toContain('&lt;!channel&gt; &amp; Co');
    expect(text).not.toContain('<!channel>');
  });

  it('says when the account has no team, so only the admins may', () => {
    expect(refusalText(whoMayChangeAccount({ name: 'Orphan', team: [] }, ADMINS, 'notNeeded'))).toBe(
      `Orphan has no team yet, so only the CS admins (<@${ADMIN}>) can mark its tasks not needed.`,
    );
  });

  it('writes plain ids and the raw name for a modal field error, which Slack does not format', () => {
    expect(refusalText(whoMayChangeAccount(acme, ADMINS, 'notNeeded'), 'plain')).toBe(
      `Only Acme's team (${CSM}, ${AE}) and the CS admins (${ADMIN}) can mark its tasks not needed.`,
    );
  });

  it('renders a malformed id in the team as escaped text rather than a mention', () => {
    const forged = { name: 'Acme', team: [{ role: 'CSM' as const, slackUserId: 'U1>|<!channel' }] };
    const text = refusalText(whoMayChangeAccount(forged, ADMINS, 'snooze'));
    expect(text).toContain('U1&gt;|&lt;!channel');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U1');
  });
});
