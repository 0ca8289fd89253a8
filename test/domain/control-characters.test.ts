import { describe, expect, it } from 'vitest';
import { parseAccountsCsv } from '../../src/accounts/account-csv';
import { newAccountInputSchema } from '../../src/accounts/new-account-input';
import { logActivityInputSchema } from '../../src/activities/log-activity-input';
import { hasControlCharacters, withoutControlCharacters } from '../../src/domain/control-characters';

const activity = {
  accountId: '00000000-0000-4000-8000-000000000001',
  type: 'call',
  occurredOn: '2026-03-02',
  loggedBy: 'U0ALICE001',
};

describe('control characters at the edge', () => {
  it('finds NUL, other C0 controls and DEL, but treats tabs and line breaks as text', () => {
    expect(['a\u0000b', 'a\u0007', '\u001Fx', 'x\u007F'].map(hasControlCharacters)).toEqual([true, true, true, true]);
    expect(['a\tb', 'line\nline', 'crlf\r\n', 'émoji ✅'].map(hasControlCharacters)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(withoutControlCharacters('Ac\u0000me\u0007')).toBe('Acme');
  });

  it('refuses a note or a content module holding NUL with a field error, before anything reaches the database', () => {
    const schema = logActivityInputSchema('2026-03-02');
    const note = schema.safeParse({ ...activity, notes: 'talked\u0000' });
    expect(note.success).toBe(false);
    expect(note.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['notes', 'Notes contain a control character (such as NUL); remove it.'],
    ]);
    expect(schema.safeParse({ ...activity, contentModule: 'mod\u0001' }).success).toBe(false);
    expect(schema.safeParse({ ...activity, notes: 'two\nlines\tand a tab' }).success).toBe(true);
  });

  it('refuses an account name holding a control character', () => {
    const parsed = newAccountInputSchema.safeParse({ name: 'Acme\u0000' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Names cannot contain control characters (such as NUL).');
  });

  it('names the CSV line whose cell holds a control character and imports nothing', () => {
    const result = parseAccountsCsv('name,csm_segment\nAcme,Scale\n"Glo\u0000bex",Digital\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ line: 3, message: expect.stringContaining('control character') }]);
  });
});
