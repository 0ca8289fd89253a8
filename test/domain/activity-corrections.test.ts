import { describe, expect, it } from 'vitest';
import { mayCorrectActivity } from '../../src/domain/activity-corrections';

const AUTHOR = 'U0AUTHOR01';
const ADMIN = 'U0ADMIN001';
const OTHER = 'U0OTHER001';
const LOGGED_AT = new Date('2026-11-01T10:00:00Z');
const logged = { loggedBy: AUTHOR, createdAt: LOGGED_AT, deletedAt: null };

describe('who may correct an activity, and until when', () => {
  it('lets the author correct it up to exactly 14 days after logging it, and not a minute later', () => {
    expect(mayCorrectActivity(AUTHOR, logged, [ADMIN], new Date('2026-11-01T10:01:00Z'))).toBe('allowed');
    expect(mayCorrectActivity(AUTHOR, logged, [ADMIN], new Date('2026-11-15T10:00:00Z'))).toBe('allowed');
    expect(mayCorrectActivity(AUTHOR, logged, [ADMIN], new Date('2026-11-15T10:01:00Z'))).toBe('too_old');
  });

  it('lets a CS admin correct anyone’s activity, within the same 14 days', () => {
    expect(mayCorrectActivity(ADMIN, logged, [ADMIN], new Date('2026-11-10T00:00:00Z'))).toBe('allowed');
    expect(mayCorrectActivity(ADMIN, logged, [ADMIN], new Date('2026-11-20T00:00:00Z'))).toBe('too_old');
  });

  it('refuses anyone else, before looking at the date', () => {
    expect(mayCorrectActivity(OTHER, logged, [ADMIN], new Date('2026-11-02T00:00:00Z'))).toBe('not_author');
    expect(mayCorrectActivity(OTHER, logged, [ADMIN], new Date('2026-12-30T00:00:00Z'))).toBe('not_author');
  });

  it('counts everyone as an admin while no CS admins are configured', () => {
    expect(mayCorrectActivity(OTHER, logged, [], new Date('2026-11-02T00:00:00Z'))).toBe('allowed');
  });

  it('refuses to correct an activity that was deleted, whoever asks', () => {
    const deleted = { ...logged, deletedAt: new Date('2026-11-02T00:00:00Z') };
    expect(mayCorrectActivity(AUTHOR, deleted, [ADMIN], new Date('2026-11-03T00:00:00Z'))).toBe('deleted');
  });
});
