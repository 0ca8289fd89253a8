import { describe, expect, it } from 'vitest';
import { renewalQuestionOpensOn, upcomingRenewals } from '../../src/reports/upcoming-renewals';
import { reportAccount, reportActivity } from './fixtures';

const TODAY = '2026-12-02';

describe('upcoming renewals', () => {
  it('opens the renewal question window 4 months before the renewal date, clamped to the month end', () => {
    expect(renewalQuestionOpensOn('2027-03-01')).toBe('2026-11-01');
    expect(renewalQuestionOpensOn('2027-06-30')).toBe('2027-02-28');
  });

  it('lists renewals from today to today + 120 days, soonest first, with the latest answer since the window opened', () => {
    const today = reportAccount({ name: 'Today', renewalDate: TODAY });
    const asked = reportAccount({ name: 'Asked', renewalDate: '2027-03-01' });
    const tooEarly = reportAccount({ name: 'Too Early', renewalDate: '2027-02-01' });
    const lastDay = reportAccount({ name: 'Last Day', renewalDate: '2027-04-01' });
    const beyond = reportAccount({ name: 'Beyond', renewalDate: '2027-04-02' });
    const past = reportAccount({ name: 'Past', renewalDate: '2026-12-01' });
    const none = reportAccount({ name: 'No Date' });
    const activities = [
      // Asked: window opened 1 Nov 2026; of the two calls in it the later one gives the answer.
      reportActivity({
        accountId: asked.id,
        type: 'renewal_call',
        occurredOn: '2026-11-01',
        renewalOutcome: 'likely_to_renew',
      }),
      reportActivity({
        accountId: asked.id,
        type: 'renewal_call',
        occurredOn: '2026-11-20',
        renewalOutcome: 'at_risk',
      }),
      // Too Early: window opened 1 Oct 2026, the call was on 30 Sep; an EBR is no renewal call.
      reportActivity({
        accountId: tooEarly.id,
        type: 'renewal_call',
        occurredOn: '2026-09-30',
        renewalOutcome: 'will_churn',
      }),
      reportActivity({ accountId: tooEarly.id, type: 'ebr', occurredOn: '2026-11-15' }),
    ];
    const renewals = upcomingRenewals([today, asked, tooEarly, lastDay, beyond, past, none], activities, TODAY);
    expect(
      renewals.map(({ account, renewalDate, daysLeft, askedOn, outcome }) => [
        account.name,
        renewalDate,
        daysLeft,
        askedOn,
        outcome,
      ]),
    ).toEqual([
      ['Today', '2026-12-02', 0, null, null],
      ['Too Early', '2027-02-01', 61, null, null],
      ['Asked', '2027-03-01', 89, '2026-11-20', 'at_risk'],
      ['Last Day', '2027-04-01', 120, null, null],
    ]);
  });

  it('takes the call logged last when two are dated the same day', () => {
    const account = reportAccount({ name: 'Same Day', renewalDate: '2027-01-15' });
    const calls = [
      reportActivity({
        accountId: account.id,
        type: 'renewal_call',
        occurredOn: '2026-11-30',
        renewalOutcome: 'undecided',
        createdAt: new Date('2026-11-30T09:00:00Z'),
      }),
      reportActivity({
        accountId: account.id,
        type: 'renewal_call',
        occurredOn: '2026-11-30',
        renewalOutcome: 'likely_to_renew',
        createdAt: new Date('2026-11-30T10:00:00Z'),
      }),
    ];
    expect(upcomingRenewals([account], calls, TODAY)[0]?.outcome).toBe('likely_to_renew');
  });
});
