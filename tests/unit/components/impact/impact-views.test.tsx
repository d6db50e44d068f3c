import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { ImpactChart } from '../../../../components/impact/impact-chart';
import { ImpactTable } from '../../../../components/impact/impact-table';
import { PartnerImpactTable } from '../../../../components/impact/partner-impact-table';
import { Verdict } from '../../../../components/impact/verdict';
import type { CurrencyRates } from '../../../../lib/attribution/summary-types';
import type { DealPartner } from '../../../../lib/impact/groups';
import { buildImpactReport } from '../../../../lib/impact/report';
import { deal, deals } from '../../impact/fixtures';

const EN = 'en-US';
const GROUP_NAMES = ['Partner-sourced', 'Partner-influenced only', 'No partner'];

const acme: DealPartner = { partnerId: 'p-acme', partnerName: 'Acme SI', kinds: ['sourced'] };
const beta: DealPartner = { partnerId: 'p-beta', partnerName: 'Beta Cloud', kinds: ['influenced'] };
const script: DealPartner = { partnerId: 'p-x', partnerName: '<img src=x onerror=alert(1)>', kinds: ['influenced'] };

/** Sourced deals win more than deals without partners; no influenced-only deals at all. */
function sampleReport() {
  return buildImpactReport(
    [
      ...Array.from({ length: 12 }, (_, i) =>
        deal('sourced', { won: true, amountCents: (i + 1) * 100_000, cycleDays: 20 + i, partners: [acme] }),
      ),
      ...deals('sourced', 0, 8, { partners: [acme] }),
      ...deals('none', 10, 30, { amountCents: 50_000, cycleDays: 40 }),
      deal('none', { won: true, amountCents: null, cycleDays: 40 }),
    ],
    { locale: EN },
  );
}

describe('ImpactTable', () => {
  it('is a table named "Impact by group" with one row per group, named exactly', () => {
    render(<ImpactTable report={sampleReport()} currency="USD" locale={EN} />);
    const table = screen.getByRole('table', { name: 'Impact by group' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(GROUP_NAMES);
    for (const name of GROUP_NAMES) expect(within(table).getByRole('rowheader', { name })).toBeTruthy();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual([
      'Group',
      'Closed deals',
      'Won',
      'Win rate with 95 % interval',
      'Median won amountUSD',
      'Mean won amountUSD',
      'Median sales cycle won deals',
    ]);
  });

  it('shows each figure with its interval and its n', () => {
    render(<ImpactTable report={sampleReport()} currency="USD" locale={EN} />);
    const row = screen.getByRole('rowheader', { name: 'Partner-sourced' }).closest('tr')!;
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual([
      '20',
      '12',
      '60 %95 % interval 39–78 %n = 20',
      '$6,500interval $3,000–$10,000n = 12',
      '$6,500n = 12',
      '25.5 daysinterval 22–29 daysn = 12',
    ]);
  });

  it('shows "—" with a reason for an empty group, and notes won deals without an amount', () => {
    render(<ImpactTable report={sampleReport()} currency="USD" locale={EN} />);
    const empty = screen.getByRole('rowheader', { name: 'Partner-influenced only' }).closest('tr')!;
    expect(
      within(empty)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['0', '0', '—No closed deals in this period']);
    const none = screen.getByRole('rowheader', { name: 'No partner' }).closest('tr')!;
    expect(within(none).getAllByRole('cell')[1]!.textContent).toBe('111 without amount');
  });

  it('says why there is no amount in the currency shown', () => {
    render(<ImpactTable report={sampleReport()} currency="EUR" locale={EN} />);
    const row = screen.getByRole('rowheader', { name: 'Partner-sourced' }).closest('tr')!;
    expect(within(row).getAllByRole('cell')[3]!.textContent).toBe('—No won deal with an amount in EUR');
  });

  it('shows converted amounts, labelled, when asked and available', () => {
    const rates: CurrencyRates = { corporateCurrency: 'USD', rates: { USD: 1 }, asOf: '2026-09-01T00:00:00.000Z' };
    const report = buildImpactReport(
      [deal('none', { won: true, amountCents: 2000, currency: 'EUR', convertedCents: 4000 })],
      { rates },
    );
    render(<ImpactTable report={report} currency="EUR" converted locale={EN} />);
    const table = screen.getByRole('table', { name: 'Impact by group' });
    expect(within(table).getAllByRole('columnheader')[4]!.textContent).toBe('Median won amountUSD, converted');
    const row = screen.getByRole('rowheader', { name: 'No partner' }).closest('tr')!;
    expect(within(row).getAllByRole('cell')[3]!.textContent).toBe('$40Too few deals for an interval (n = 1)n = 1');
  });
});

describe('ImpactChart', () => {
  it('is an image with an accessible name, a description and a hidden table of the same numbers', () => {
    render(<ImpactChart report={sampleReport()} locale={EN} />);
    const chart = screen.getByRole('img', { name: 'Win rate by group, with 95 % intervals' });
    const description = document.getElementById(chart.getAttribute('aria-describedby')!)!;
    expect(description.textContent).toBe(
      'Partner-sourced: 60 %, interval 39–78 %, n = 20. Partner-influenced only: no closed deals. ' +
        'No partner: 27 %, interval 16–42 %, n = 41.',
    );
    const table = screen.getByRole('table', { name: 'Win rate by group, with 95 % intervals' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(GROUP_NAMES);
    expect(within(table).getAllByRole('row')[1]!.textContent).toBe('Partner-sourced60 %39–78 %20');
  });

  it('draws a dot and an interval only for groups with closed deals', () => {
    render(<ImpactChart report={sampleReport()} locale={EN} />);
    const chart = screen.getByRole('img');
    expect(chart.querySelectorAll('circle')).toHaveLength(2);
    expect(chart.querySelectorAll('line.pl-impact-interval')).toHaveLength(2);
    expect(chart.textContent).toContain('No closed deals in this period');
  });
});

describe('PartnerImpactTable', () => {
  function partnerReport() {
    return buildImpactReport(
      [
        ...deals('sourced', 8, 4, { partners: [acme], amountCents: 200_000 }),
        ...deals('influenced', 3, 17, { partners: [beta], amountCents: 100_000 }),
        ...deals('influenced', 1, 9, { partners: [script], amountCents: null }),
        ...deals('influenced', 1, 2, { partners: [{ ...beta, partnerId: 'p-small', partnerName: 'Small' }] }),
        ...deals('none', 5, 15),
      ],
      { locale: EN },
    );
  }

  const names = () =>
    within(screen.getByRole('table', { name: 'Impact by partner' }))
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent);

  it('lists partners with enough deals, most closed deals first, and says how many are left out', () => {
    render(<PartnerImpactTable report={partnerReport()} currency="USD" locale={EN} />);
    expect(names()).toEqual(['Beta Cloud', 'Acme SI', '<img src=x onerror=alert(1)>']);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('1 more partner has fewer than 10 closed deals and is not listed.')).toBeTruthy();
  });

  it('shows each partner’s difference with no partner and whether it holds', () => {
    render(<PartnerImpactTable report={partnerReport()} currency="USD" locale={EN} />);
    const row = screen.getByRole('rowheader', { name: 'Acme SI' }).closest('tr')!;
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells[3]).toBe('+42 ptsinterval +6 to +66 ptsholds at 95 %');
    expect(cells[4]).toBe('$2,000interval $2,000–$2,000n = 8');
    const noAmount = screen.getByRole('rowheader', { name: '<img src=x onerror=alert(1)>' }).closest('tr')!;
    expect(within(noAmount).getAllByRole('cell')[4]!.textContent).toBe('—No won deal with an amount in USD');
  });

  it('sorts by a column when its header button is pressed, and marks it with aria-sort', () => {
    render(<PartnerImpactTable report={partnerReport()} currency="USD" locale={EN} />);
    const table = screen.getByRole('table', { name: 'Impact by partner' });
    const header = (name: string) =>
      within(table)
        .getAllByRole('columnheader')
        .find((h) => h.textContent!.startsWith(name))!;
    expect(header('Closed deals').getAttribute('aria-sort')).toBe('descending');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .filter((h) => h.hasAttribute('aria-sort')),
    ).toHaveLength(1);

    fireEvent.click(within(header('Partner')).getByRole('button'));
    expect(header('Partner').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Closed deals').hasAttribute('aria-sort')).toBe(false);
    expect(names()).toEqual(['<img src=x onerror=alert(1)>', 'Acme SI', 'Beta Cloud']);

    fireEvent.click(within(header('Partner')).getByRole('button'));
    expect(header('Partner').getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['Beta Cloud', 'Acme SI', '<img src=x onerror=alert(1)>']);

    fireEvent.click(within(header('Win rate')).getByRole('button'));
    expect(header('Win rate').getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['Acme SI', 'Beta Cloud', '<img src=x onerror=alert(1)>']);
  });

  it('has no sort button on the difference column', () => {
    render(<PartnerImpactTable report={partnerReport()} currency="USD" locale={EN} />);
    const table = screen.getByRole('table', { name: 'Impact by partner' });
    expect(
      within(table)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Partner', 'Closed deals ▼', 'Won', 'Win rate', 'Median won amountUSD', 'Median sales cycle']);
  });

  it('says so when no partner has enough closed deals', () => {
    render(<PartnerImpactTable report={buildImpactReport(deals('sourced', 2, 2, { partners: [acme] }))} locale={EN} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No partner has 10 or more closed deals in this period.')).toBeTruthy();
  });
});

describe('Verdict', () => {
  it('states the verdict that holds, and says why there is none for the other comparison', () => {
    render(<Verdict report={sampleReport()} locale={EN} />);
    const section = screen.getByRole('region', { name: 'What the numbers say' });
    const items = within(section).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.pl-verdict-label')!.textContent)).toEqual([
      'Partner-sourced vs. no partner',
      'Partner-influenced only vs. no partner',
    ]);
    expect(items[0]!.textContent).toContain('Holds at 95 %');
    expect(items[0]!.textContent).toContain(
      'Deals with a sourcing partner were won 60 % of the time, against 27 % without partners (n = 20 and 41); ' +
        'the difference holds at 95 %.',
    );
    expect(items[0]!.textContent).toContain('Difference +33 pts (95 % interval +7 to +54 pts)');
    expect(items[1]!.textContent).toBe(
      'Partner-influenced only vs. no partnerNot enough dataNot enough closed deals to compare (n < 10)',
    );
  });

  it('marks an unclear difference as not clear, without a verdict', () => {
    const report = buildImpactReport([...deals('influenced', 5, 7), ...deals('none', 11, 29)], { locale: EN });
    render(<Verdict report={report} locale={EN} />);
    const item = screen.getAllByRole('listitem')[1]!;
    expect(item.classList.contains('pl-verdict-unclear')).toBe(true);
    expect(item.textContent).toContain('Not clear at 95 %');
    expect(item.textContent).toContain('but the difference is not clear at 95 %.');
    expect(item.textContent).not.toContain('holds');
  });
});
