/** How the reports name an account: enough to list it and say whose it is. */
import type { ReportAccount } from '../accounts/account-repository';

export interface AccountRef {
  id: string;
  name: string;
  /** The account's CSM; null when nobody holds the role. */
  csm: string | null;
}

export const refOf = (account: Pick<ReportAccount, 'id' | 'name' | 'csm'>): AccountRef => ({
  id: account.id,
  name: account.name,
  csm: account.csm,
});

/** "Strategic" in the reports is the CSM segment, as in the clocks (the sales segment only splits its call minimum). */
export const isStrategic = (account: Pick<ReportAccount, 'csmSegment'>): boolean => account.csmSegment === 'Strategic';
