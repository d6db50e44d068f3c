// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dateLiteralRange } from '../../../../fake-org/rest/soql/dates';
import { records, setupOrg, useOpportunities } from '../helpers';

describe('quarter date literals', () => {
  it('reads quarter date literals in the org time zone', async () => {
    const now = new Date('2026-08-18T10:00:00.000Z');
    expect(dateLiteralRange('THIS_QUARTER', undefined, now, 'UTC')).toEqual({ start: '2026-07-01', end: '2026-10-01' });
    expect(dateLiteralRange('LAST_QUARTER', undefined, now, 'UTC')).toEqual({ start: '2026-04-01', end: '2026-07-01' });
    expect(dateLiteralRange('NEXT_QUARTER', undefined, now, 'UTC')).toEqual({ start: '2026-10-01', end: '2027-01-01' });
    expect(dateLiteralRange('LAST_N_QUARTERS', 2, now, 'UTC')).toEqual({ start: '2026-01-01', end: '2026-07-01' });
    // 30 September 23:30 in UTC is already 1 October in Berlin.
    const late = new Date('2026-09-30T23:30:00.000Z');
    expect(dateLiteralRange('THIS_QUARTER', undefined, late, 'Europe/Berlin').start).toBe('2026-10-01');
    const org = setupOrg({ now });
    useOpportunities(org.state, [
      { StageName: 'Closed Won', IsClosed: true, IsWon: true, CloseDate: '2026-07-01' },
      { StageName: 'Closed Lost', IsClosed: true, IsWon: false, CloseDate: '2026-09-30' },
      { StageName: 'Closed Won', IsClosed: true, IsWon: true, CloseDate: '2026-06-30' },
      { StageName: 'Closed Won', IsClosed: true, IsWon: true, CloseDate: '2026-10-01' },
    ]);
    const rows = await records<{ n: number }>(
      org,
      'SELECT COUNT(Id) n FROM Opportunity WHERE IsClosed = true AND CloseDate = THIS_QUARTER',
    );
    expect(rows[0]!.n).toBe(2);
  });
});
