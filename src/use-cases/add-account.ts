import { AccountNameTakenError, type AccountRepository } from '../accounts/account-repository';
import { newAccountInputSchema } from '../accounts/new-account-input';
import type { Account } from '../domain/account';
import { type FieldErrors, fieldErrorsOf } from '../domain/field-errors';

export type AddAccountResult = { ok: true; account: Account } | { ok: false; fieldErrors: FieldErrors };

/** Validates and creates one account; a taken name is a field error, not a crash. */
export async function addAccount(deps: { accounts: AccountRepository }, raw: unknown): Promise<AddAccountResult> {
  const parsed = newAccountInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    return { ok: true, account: await deps.accounts.create(parsed.data) };
  } catch (error) {
    if (error instanceof AccountNameTakenError) {
      return { ok: false, fieldErrors: { name: `${error.accountName} already exists; pick another name.` } };
    }
    throw error;
  }
}
