import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { AttributionSummary } from '../../../components/AttributionSummary';

describe('AttributionSummary', () => {
  it('shows opportunities, sourced and influenced separately', () => {
    render(<AttributionSummary counts={{ opportunities: 3, sourced: 2, influenced: 1 }} optionsUrl="/options.html" onOpenOptions={vi.fn()} />);
    const terms = screen.getAllByRole('term').map((t) => t.textContent);
    const values = screen.getAllByRole('definition').map((d) => d.textContent);
    expect(Object.fromEntries(terms.map((t, i) => [t, values[i]]))).toEqual({
      'Opportunities with partner attributions': '3',
      'Partner-sourced': '2',
      'Partner-influenced': '1',
    });
  });

  it('links to the options page', () => {
    const onOpenOptions = vi.fn();
    render(<AttributionSummary counts={{ opportunities: 0, sourced: 0, influenced: 0 }} optionsUrl="/options.html" onOpenOptions={onOpenOptions} />);
    const link = screen.getByRole('link', { name: 'Options' });
    expect(link.getAttribute('href')).toBe('/options.html');
    fireEvent.click(link);
    expect(onOpenOptions).toHaveBeenCalledOnce();
    expect(screen.getByText(/Open an opportunity in Salesforce/)).toBeTruthy();
  });

  it('shows a failure as an alert', () => {
    render(<AttributionSummary error="Partner Ledger did not answer." optionsUrl="/options.html" onOpenOptions={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toBe('Partner Ledger did not answer.');
  });
});
