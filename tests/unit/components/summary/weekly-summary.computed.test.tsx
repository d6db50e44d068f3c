// The popup's view of a summary computed by computeWeeklySummary itself, not of a hand-made one: the two
// must agree on every shape (currencies, disputes, the trend, deals without amounts).
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { WeeklySummaryPopup } from '../../../../components/summary/weekly-summary';
import { computeWeeklySummary } from '../../../../lib/attribution/summary';
import { opportunityId } from '../../../builders';
import { PARTNERS, WEEK, opportunity, summaryInput, tag } from '../../attribution/summary-fixtures';

const [a, b, c, d] = [1, 2, 3, 4].map(opportunityId) as [string, string, string, string];

const computed = computeWeeklySummary(
  summaryInput({
    opportunities: [
      opportunity(a, { name: 'Northwind renewal', amountCents: 5_000_000 }),
      opportunity(b, { name: 'Contoso expansion', amountCents: 2_000_000, currency: 'EUR' }),
      opportunity(c, { name: 'Fabrikam pilot', amountCents: 1_000_000 }),
      opportunity(d, { name: 'Old Litware deal', amountCents: 700_000, createdAt: '2026-09-01T10:00:00.000Z' }),
    ],
    attributions: [
      tag(a, PARTNERS.acme, 'sourced'),
      tag(a, PARTNERS.globex, 'influenced'),
      tag(b, PARTNERS.initech, 'sourced'),
      tag(c, PARTNERS.acme, 'sourced'),
      tag(c, PARTNERS.globex, 'sourced'),
      tag(d, PARTNERS.initech, 'influenced', {
        createdAt: '2026-09-02T10:00:00.000Z',
        touches: [{ type: 'joint_call', date: '2026-09-02' }],
      }),
    ],
    newPipeline: { [WEEK.key]: { USD: 20_000_000, EUR: 8_000_000 } },
  }),
);

describe('WeeklySummaryPopup with a computed summary', () => {
  it('shows the computed figures, partners, disputes and stale deals', () => {
    render(
      <WeeklySummaryPopup
        summary={computed}
        currentWeekKey={WEEK.key}
        onPreviousWeek={vi.fn()}
        onNextWeek={vi.fn()}
        share={{ copyText: vi.fn(), copyMarkdown: vi.fn(), exportCsv: vi.fn() }}
        lightningOrigin="https://acme.lightning.force.com"
        optionsUrl="/options.html"
        onOpenOptions={vi.fn()}
        locale="en-US"
        timeZone="Europe/Berlin"
      />,
    );
    const picker = screen.getByRole('group', { name: 'Currency' });
    expect(
      within(picker)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['EUR', 'USD']);

    // USD: Northwind is sourced by Acme SI; Fabrikam is disputed, so nobody sources it yet.
    fireEvent.click(within(picker).getByRole('button', { name: 'USD' }));
    expect(within(picker).getByRole('button', { name: 'USD' }).getAttribute('aria-pressed')).toBe('true');
    const sourced = screen.getByRole('group', { name: 'Partner-sourced pipeline' });
    expect(within(sourced).getByText('$50,000')).toBeTruthy();
    expect(sourced.textContent).toContain('1 opportunity');
    expect(
      within(screen.getByRole('group', { name: 'Partner-sourced share of new pipeline' })).getByText('25 %'),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: 'By partner' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toContain('Acme SI');

    const review = screen.getByRole('region', { name: 'Needs review' });
    expect(within(review).getByRole('link', { name: /^Fabrikam pilot/ })).toBeTruthy();
    expect(review.textContent).toContain('Disputed');
    const stale = screen.getByRole('region', { name: 'Stale deals' });
    expect(within(stale).getByRole('link', { name: /^Old Litware deal/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Partner pipeline, last 12 weeks' })).toBeTruthy();
  });
});
