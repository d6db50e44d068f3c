import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { WeeklySummaryPopup, type WeeklySummaryPopupProps } from '../../../../components/summary/weekly-summary';
import type { WeeklySummary as Summary } from '../../../../lib/attribution/summary-types';
import { opportunityId } from '../../../builders';
import { CURRENT_WEEK, LIGHTNING, currencyFigures, snapshot, snapshotChanges, summary } from './fixtures';

function renderSummary(props: Partial<WeeklySummaryPopupProps> = {}) {
  const all: WeeklySummaryPopupProps = {
    summary,
    currentWeekKey: CURRENT_WEEK,
    onPreviousWeek: vi.fn(),
    onNextWeek: vi.fn(),
    share: {
      copyText: vi.fn(async () => undefined),
      copyMarkdown: vi.fn(async () => undefined),
      exportCsv: vi.fn(async () => undefined),
    },
    lightningOrigin: LIGHTNING,
    optionsUrl: 'chrome-extension://id/options.html',
    onOpenOptions: vi.fn(),
    locale: 'en-US',
    timeZone: 'UTC',
    ...props,
  };
  render(<WeeklySummaryPopup {...all} />);
  return all;
}

const figure = (name: string) => screen.getByRole('group', { name });
const emptyWeek: Summary = {
  ...summary,
  figures: { weekKey: CURRENT_WEEK, byCurrency: [] },
  previous: { weekKey: '2026-11-09', byCurrency: [] },
  byPartner: [],
  trend: [],
  topDeals: [],
  stale: [],
  staleCount: 0,
  needsReview: [],
  needsReviewCount: 0,
};

describe('WeeklySummaryPopup: the week', () => {
  it('is headed Weekly partner attribution and names the week between Previous week and Next week', () => {
    renderSummary({ locale: 'en-GB' });
    expect(screen.getByRole('heading', { level: 1, name: 'Weekly partner attribution' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Week' });
    expect(nav.textContent).toMatch(/Previous week16\s?–\s?22 Nov 2026This weekNext week/);
  });

  it('calls back for Previous week, and has no Next week after the current week', () => {
    const props = renderSummary();
    fireEvent.click(screen.getByRole('button', { name: 'Previous week' }));
    expect(props.onPreviousWeek).toHaveBeenCalledOnce();
    const next = screen.getByRole('button', { name: 'Next week' }) as HTMLButtonElement;
    expect(next.disabled).toBe(true);
  });

  it('offers Next week on an earlier week and hints at Last week', () => {
    const props = renderSummary({ currentWeekKey: '2026-11-23' });
    expect(screen.getByRole('navigation', { name: 'Week' }).textContent).toContain('Last week');
    const next = screen.getByRole('button', { name: 'Next week' }) as HTMLButtonElement;
    expect(next.disabled).toBe(false);
    fireEvent.click(next);
    expect(props.onNextWeek).toHaveBeenCalledOnce();
  });
});

describe('WeeklySummaryPopup: figures', () => {
  it('shows each figure in the corporate currency with its count and the change from last week in words', () => {
    renderSummary();
    const sourced = figure('Partner-sourced pipeline');
    expect(within(sourced).getByText('$182,500')).toBeTruthy();
    expect(sourced.textContent).toContain('3 opportunities');
    expect(within(sourced).getByText('up $12,000 from last week')).toBeTruthy();
    const influenced = figure('Partner-influenced pipeline');
    expect(within(influenced).getByText('$96,000')).toBeTruthy();
    expect(within(influenced).getByText('down $14,000 from last week')).toBeTruthy();
    const wonSourced = figure('Partner-sourced revenue (closed won)');
    expect(wonSourced.textContent).toContain('$60,000');
    expect(within(wonSourced).getByText('no change from last week')).toBeTruthy();
    expect(
      within(figure('Partner-influenced revenue (closed won)')).getByText('up $24,000 from last week'),
    ).toBeTruthy();
  });

  it('shows the sourced share of all new pipeline as a percentage', () => {
    renderSummary();
    const share = figure('Partner-sourced share of new pipeline');
    expect(within(share).getByText('29 %')).toBeTruthy();
    expect(share.textContent).toContain('of $640,000 new pipeline');
    expect(within(share).getByText('up 5 percentage points from last week')).toBeTruthy();
  });

  it('says why the share is not known when the org’s total could not be read', () => {
    const offline: Summary = {
      ...summary,
      figures: {
        weekKey: CURRENT_WEEK,
        byCurrency: [currencyFigures('USD', { sourcedPipelineCents: 100, sourcedOpportunities: 1 })],
      },
    };
    renderSummary({ summary: offline, newPipelineUnknownReason: 'Salesforce could not be reached' });
    expect(figure('Partner-sourced share of new pipeline').textContent).toContain(
      'Not known — Salesforce could not be reached',
    );
  });

  it('says the amounts are not known when field access hides Amount, rather than showing $0', () => {
    const hidden = 'Amount hidden by your Salesforce field access';
    const noAmounts: Summary = {
      ...summary,
      figures: {
        weekKey: CURRENT_WEEK,
        byCurrency: [currencyFigures('USD', { sourcedPipelineCents: 0, sourcedOpportunities: 2 })],
      },
    };
    renderSummary({ summary: noAmounts, hiddenFields: [hidden], newPipelineUnknownReason: hidden });
    const sourced = figure('Partner-sourced pipeline');
    expect(sourced.textContent).toContain(`Not known — ${hidden}`);
    expect(sourced.textContent).toContain('2 opportunities');
    expect(sourced.textContent).not.toContain('$0');
    expect(figure('Partner-influenced pipeline').textContent).toContain(`Not known — ${hidden}`);
    expect(figure('Partner-sourced revenue (closed won)').textContent).toContain(`Not known — ${hidden}`);
    expect(figure('Partner-sourced share of new pipeline').textContent).toContain(`Not known — ${hidden}`);
  });

  it('shows the amounts when field access hides only other fields', () => {
    renderSummary({ hiddenFields: ['Probability hidden by your Salesforce field access'] });
    expect(within(figure('Partner-sourced pipeline')).getByText('$182,500')).toBeTruthy();
    expect(screen.getByText('Probability hidden by your Salesforce field access')).toBeTruthy();
  });

  it('says the share is not known when the org shows no new pipeline at all', () => {
    const none: Summary = {
      ...summary,
      figures: {
        weekKey: CURRENT_WEEK,
        byCurrency: [
          currencyFigures('USD', { sourcedPipelineCents: 100, sourcedOpportunities: 1, newPipelineCents: 0 }),
        ],
      },
    };
    renderSummary({ summary: none });
    expect(figure('Partner-sourced share of new pipeline').textContent).toContain(
      'Not known — Salesforce shows no new pipeline in USD this week',
    );
  });

  it('switches currency with segmented buttons and never adds currencies', () => {
    renderSummary();
    const picker = screen.getByRole('group', { name: 'Currency' });
    const usd = within(picker).getByRole('button', { name: 'USD' });
    const eur = within(picker).getByRole('button', { name: 'EUR' });
    expect(usd.getAttribute('aria-pressed')).toBe('true');
    expect(eur.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(eur);
    expect(eur.getAttribute('aria-pressed')).toBe('true');
    expect(within(figure('Partner-sourced pipeline')).getByText('€45,000')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'By partner' }).textContent).toContain('Umbrella GmbH');
    expect(screen.getByRole('table', { name: 'By partner' }).textContent).not.toContain('Globex');
    expect(screen.queryByText('€228,250')).toBeNull();
  });

  it('moves between currencies with the arrow keys', () => {
    renderSummary();
    const usd = screen.getByRole('button', { name: 'USD' });
    fireEvent.keyDown(usd, { key: 'ArrowLeft' });
    expect(screen.getByRole('button', { name: 'EUR' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('names amounts without a known currency in words, and says what the converted total leaves out', () => {
    const figures = {
      weekKey: CURRENT_WEEK,
      byCurrency: [
        currencyFigures('USD', { sourcedPipelineCents: 500_000, sourcedOpportunities: 1 }),
        currencyFigures('unknown', { sourcedPipelineCents: 120_000, sourcedOpportunities: 1 }),
      ],
      converted: {
        ...currencyFigures('USD', { sourcedPipelineCents: 500_000 }),
        ratesAsOf: '2026-11-20T08:00:00Z',
        excludedCurrencies: ['unknown'],
      },
    };
    renderSummary({ summary: { ...summary, figures } });
    fireEvent.click(within(screen.getByRole('group', { name: 'Currency' })).getByRole('button', { name: 'Unknown' }));
    expect(within(figure('Partner-sourced pipeline')).getByText('1,200 (currency unknown)')).toBeTruthy();
    expect(screen.getByRole('group', { name: "Converted to USD with the org's rates" }).textContent).toContain(
      'Leaves out (currency unknown): the org has no rate for it.',
    );
  });

  it('offers no picker for a single currency', () => {
    renderSummary({
      summary: { ...summary, figures: { weekKey: CURRENT_WEEK, byCurrency: [summary.figures.byCurrency[1]!] } },
    });
    expect(screen.queryByRole('group', { name: 'Currency' })).toBeNull();
  });

  it('shows the converted total apart, labelled with the org’s rates', () => {
    renderSummary();
    const converted = screen.getByRole('group', { name: "Converted to USD with the org's rates" });
    expect(converted.textContent).toContain('Sourced$231,100');
    expect(converted.textContent).toContain('Rates read from Salesforce on Nov 20, 2026');
  });
});

describe('WeeklySummaryPopup: by partner', () => {
  const partnerNames = () =>
    within(screen.getByRole('table', { name: 'By partner' }))
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent);

  it('is a table sorted by sourced pipeline, with the influenced column described as credit-weighted', () => {
    renderSummary();
    const table = screen.getByRole('table', { name: 'By partner' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual([
      'Partner',
      'Sourced pipeline ▼',
      'Influenced pipelinecredit-weighted',
      'Won',
    ]);
    expect(headers[1]!.getAttribute('aria-sort')).toBe('descending');
    expect(headers.filter((h) => h.hasAttribute('aria-sort'))).toHaveLength(1);
    const influenced = within(headers[2]!).getByRole('button');
    const description = document.getElementById(influenced.getAttribute('aria-describedby')!);
    expect(description?.textContent).toMatch(/^Influenced pipeline is credit-weighted/);
    expect(partnerNames()).toEqual(['Globex Systems Integration', 'Initech Cloud', 'Acme Resellers']);
  });

  it('sorts by a column when its header is pressed, and reverses on a second press', () => {
    renderSummary();
    const table = screen.getByRole('table', { name: 'By partner' });
    fireEvent.click(within(table).getByRole('button', { name: /^Partner/ }));
    expect(partnerNames()).toEqual(['Acme Resellers', 'Globex Systems Integration', 'Initech Cloud']);
    expect(within(table).getAllByRole('columnheader')[0]!.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(table).getByRole('button', { name: /^Partner/ }));
    expect(partnerNames()).toEqual(['Initech Cloud', 'Globex Systems Integration', 'Acme Resellers']);
    fireEvent.click(within(table).getByRole('button', { name: /^Influenced pipeline/ }));
    expect(partnerNames()).toEqual(['Acme Resellers', 'Initech Cloud', 'Globex Systems Integration']);
    expect(within(table).getAllByRole('columnheader')[2]!.getAttribute('aria-sort')).toBe('descending');
  });

  it('shows won revenue sourced and influenced apart', () => {
    renderSummary();
    const rows = within(screen.getByRole('table', { name: 'By partner' })).getAllByRole('row');
    expect(rows[1]!.textContent).toBe('Globex Systems Integration$120,000—$60,000 sourced');
    expect(rows[3]!.textContent).toBe('Acme Resellers—$48,000$24,000 influenced');
  });
});

describe('WeeklySummaryPopup: trend', () => {
  it('is an image named for the last 12 weeks with the amounts as a table', () => {
    renderSummary({ locale: 'en-GB' });
    const chart = screen.getByRole('img', { name: 'Partner pipeline, last 12 weeks' });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart.querySelectorAll('rect')).toHaveLength(24);
    const table = screen.getByRole('table', { name: 'Partner pipeline, last 12 weeks, in USD' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(13);
    expect(rows[12]!.textContent).toMatch(/^16\s?–\s?22 Nov 2026US\$182,500US\$96,000$/);
  });
});

describe('WeeklySummaryPopup: deals', () => {
  it('links top deals to the opportunity in Salesforce, in a new tab, with names as text', () => {
    renderSummary();
    const region = screen.getByRole('region', { name: 'Top deals' });
    const link = within(region).getByRole('link', { name: /^Contoso <b>Expansion<\/b> 2027/ });
    expect(link.getAttribute('href')).toBe(`${LIGHTNING}/lightning/r/Opportunity/${opportunityId(2)}/view`);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
    expect(region.querySelector('b')).toBeNull();
    expect(region.textContent).toContain('€45,000');
    expect(region.textContent).toContain('No amount');
    const disputed = within(region).getAllByRole('listitem')[3]!;
    expect(disputed.textContent).toBe(
      'Adventure Works ERP (opens Salesforce in a new tab)$30,000Disputed Globex Systems Integration, Initech Cloud ' +
        '· Prospecting',
    );
  });

  it('shows names as text when the org is not known', () => {
    renderSummary({ lightningOrigin: undefined });
    expect(within(screen.getByRole('region', { name: 'Top deals' })).queryAllByRole('link')).toHaveLength(0);
  });

  it('lists stale deals and deals that need review with their counts', () => {
    renderSummary();
    const stale = screen.getByRole('region', { name: 'Stale deals' });
    expect(stale.textContent).toContain('2 deals');
    expect(within(stale).getAllByRole('link')).toHaveLength(2);
    expect(stale.textContent).toContain('No touch in 47 days (last Oct 5, 2026)');
    expect(stale.textContent).toContain('No touch recorded');
    const review = screen.getByRole('region', { name: 'Needs review' });
    expect(review.textContent).toContain('3 deals');
    expect(
      within(review)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Adventure Works ERP (opens Salesforce in a new tab)DisputedGlobex Systems Integration and Initech Cloud both ' +
        'claim to have sourced it',
      'Proseware CRM (opens Salesforce in a new tab)No evidenceAcme Resellers is credited as influencing it with no ' +
        'touch recorded',
      'Lucerne Publishing (opens Salesforce in a new tab)Window overrideSourced outside the 30-day window: “Partner ' +
        'intro happened at the summit”',
    ]);
  });

  it('shows five items, then all on request', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      opportunityId: opportunityId(100 + i),
      name: `Stale deal ${i + 1}`,
      partnerNames: ['Acme Resellers'],
      lastTouch: '2026-10-01',
      daysSinceTouch: 51,
    }));
    renderSummary({ summary: { ...summary, stale: many, staleCount: many.length } });
    const stale = screen.getByRole('region', { name: 'Stale deals' });
    expect(within(stale).getAllByRole('listitem')).toHaveLength(5);
    fireEvent.click(within(stale).getByRole('button', { name: 'Show all 7' }));
    expect(within(stale).getAllByRole('listitem')).toHaveLength(7);
    expect(within(stale).getByRole('button', { name: 'Show fewer' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('loads the rest of a long list when asked, and says so when it cannot', async () => {
    const many = Array.from({ length: 9 }, (_, i) => ({
      opportunityId: opportunityId(200 + i),
      name: `Stale deal ${i + 1}`,
      partnerNames: ['Acme Resellers'],
      daysSinceTouch: 60 - i,
    }));
    const onLoadLists = vi.fn(async () => ({ stale: many, needsReview: summary.needsReview }));
    renderSummary({ summary: { ...summary, stale: many.slice(0, 5), staleCount: 9 }, onLoadLists });
    const stale = screen.getByRole('region', { name: 'Stale deals' });
    expect(within(stale).getByText('9')).toBeTruthy();
    fireEvent.click(within(stale).getByRole('button', { name: 'Show all 9' }));
    await waitFor(() => expect(within(stale).getAllByRole('listitem')).toHaveLength(9));
    expect(onLoadLists).toHaveBeenCalledTimes(1);
    // Fewer, then all again: from what was loaded, without asking twice.
    fireEvent.click(within(stale).getByRole('button', { name: 'Show fewer' }));
    fireEvent.click(within(stale).getByRole('button', { name: 'Show all 9' }));
    expect(within(stale).getAllByRole('listitem')).toHaveLength(9);
    expect(onLoadLists).toHaveBeenCalledTimes(1);
  });

  it('keeps the first items and says what went wrong when the rest cannot be loaded', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({
      ...summary.needsReview[0]!,
      opportunityId: opportunityId(300 + i),
      name: `Review ${i}`,
    }));
    const onLoadLists = vi.fn(async () => {
      throw new Error('Partner Ledger did not answer. Reload this page to continue.');
    });
    renderSummary({ summary: { ...summary, needsReview: items, needsReviewCount: 12 }, onLoadLists });
    const review = screen.getByRole('region', { name: 'Needs review' });
    fireEvent.click(within(review).getByRole('button', { name: 'Show all 12' }));
    expect((await within(review).findByRole('alert')).textContent).toContain('did not answer');
    expect(within(review).getAllByRole('listitem')).toHaveLength(5);
    expect(within(review).getByRole('button', { name: 'Show all 12' })).toBeTruthy();
  });

  it('says the figures are being updated while newer ones are made', () => {
    renderSummary({ updating: true, loading: true });
    expect(screen.getByText('Updating with the latest changes…').getAttribute('role')).toBe('status');
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
    expect(figure('Partner-sourced pipeline')).toBeTruthy();
  });

  it('can show the figures first and the sections below them a moment later', async () => {
    renderSummary({ progressive: true });
    expect(figure('Partner-sourced pipeline')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'By partner' })).toBeNull();
    expect(await screen.findByRole('table', { name: 'By partner' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Stale deals' })).toBeTruthy();
  });

  it('says in words when a week is empty and what to do', () => {
    renderSummary({ summary: emptyWeek });
    expect(screen.getByText('No partner deals this week yet.')).toBeTruthy();
    expect(screen.getByText(/Open an opportunity in Salesforce and tag its partner/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Top deals' }).textContent).toContain(
      'No partner deal was created this week.',
    );
    expect(screen.getByRole('region', { name: 'Stale deals' }).textContent).toContain(
      'None: every open partner deal has a touch in the last 30 days.',
    );
    expect(screen.getByRole('region', { name: 'Needs review' }).textContent).toContain('Nothing to review');
    expect(screen.queryByRole('table', { name: 'By partner' })).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
  });
});

describe('WeeklySummaryPopup: deals whose facts are unknown', () => {
  const undated = opportunityId(90);
  const withUnknownFacts: Summary = {
    ...emptyWeek,
    needsReview: [
      {
        opportunityId: undated,
        name: 'Undated deal',
        reason: 'created_unknown',
        detail:
          'Created date unknown: open the opportunity in Salesforce once while Partner Ledger is connected. ' +
          "Until then it is in no week's pipeline.",
      },
      {
        opportunityId: undated,
        name: 'Undated deal',
        reason: 'currency_unknown',
        detail: 'Currency unknown: open the opportunity in Salesforce once while Partner Ledger is connected.',
      },
    ],
    needsReviewCount: 2,
    undatedCount: 1,
    unknownFactsCount: 2,
  };

  it('counts them in the headline and never says there are no partner deals while any exist', () => {
    renderSummary({ summary: withUnknownFacts });
    expect(screen.queryByText('No partner deals this week yet.')).toBeNull();
    expect(screen.getByText('No partner deal with a known created date in this week.')).toBeTruthy();
    expect(document.querySelector('.pl-unknown-facts')?.textContent).toBe(
      '1 partner deal with an unknown created date is in no week’s figures. 2 partner deals have an unknown ' +
        'created date, amount or currency: see Needs review.',
    );
  });

  it('lists each under Needs review, its text starting with what is unknown, linked to the opportunity', () => {
    renderSummary({ summary: withUnknownFacts });
    const review = screen.getByRole('region', { name: 'Needs review' });
    const items = within(review).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.querySelector('.pl-deal-meta')?.textContent).toMatch(/^Created date unknown: /);
    expect(items[0]!.textContent).toContain('No created date');
    expect(items[1]!.querySelector('.pl-deal-meta')?.textContent).toMatch(/^Currency unknown: /);
    expect(
      within(items[0]!)
        .getByRole('link', { name: /Undated deal/ })
        .getAttribute('href'),
    ).toContain(undated);
  });

  it('says nothing of unknown facts when every fact is known', () => {
    renderSummary();
    expect(document.querySelector('.pl-unknown-facts')).toBeNull();
  });
});

describe('WeeklySummaryPopup: reported and now', () => {
  it('shows what was reported beside each figure that moved, and what changed', () => {
    renderSummary({ snapshot, snapshotChanges });
    expect(figure('Partner-sourced pipeline').textContent).toContain('Reported Nov 20, 2026: $117,000 · Now: $182,500');
    expect(figure('Partner-influenced pipeline').textContent).not.toContain('Reported');
    const changes = screen.getByRole('region', { name: 'What changed since it was reported' });
    expect(
      within(changes)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Contoso <b>Expansion</b> 2027AddedTagged partner-sourced (Initech Cloud) after the week was reported',
      'Northwind — Data platform renewalAmount changedAmount $80,000.00, was $77,000.00',
    ]);
  });

  it('only notes the report date when nothing changed', () => {
    renderSummary({ snapshot: { frozenAt: snapshot.frozenAt, figures: summary.figures }, snapshotChanges: [] });
    expect(screen.getByText('Reported on Nov 20, 2026 as the team number')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'What changed since it was reported' })).toBeNull();
    expect(screen.queryByText(/· Now:/)).toBeNull();
  });
});

describe('WeeklySummaryPopup: share', () => {
  it('copies, exports and says so politely', async () => {
    const props = renderSummary();
    const status = () => within(screen.getByRole('region', { name: 'Share' })).getByRole('status');
    fireEvent.click(screen.getByRole('button', { name: 'Copy as text' }));
    await waitFor(() => expect(status().textContent).toBe('Copied as text.'));
    expect(props.share.copyText).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Copy as Markdown' }));
    await waitFor(() => expect(status().textContent).toBe('Copied as Markdown.'));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(status().textContent).toBe('Exported partner-attribution-2026-11-16.csv.'));
    expect(props.share.exportCsv).toHaveBeenCalledOnce();
  });

  it('offers Post to Slack only with a webhook, and reports failures in words', async () => {
    renderSummary();
    expect(screen.queryByRole('button', { name: 'Post to Slack' })).toBeNull();
    screen.getByRole('main').remove();
    renderSummary({
      share: {
        copyText: vi.fn(async () => {
          throw new Error('The browser did not allow access to the clipboard.');
        }),
        copyMarkdown: vi.fn(async () => undefined),
        exportCsv: vi.fn(async () => undefined),
        postToSlack: vi.fn(async () => 'Slack refused the message (the webhook may have been removed).'),
      },
    });
    const status = () => within(screen.getByRole('region', { name: 'Share' })).getByRole('status');
    fireEvent.click(screen.getByRole('button', { name: 'Post to Slack' }));
    await waitFor(() =>
      expect(status().textContent).toBe(
        'Not posted to Slack: Slack refused the message (the webhook may have been removed).',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy as text' }));
    await waitFor(() =>
      expect(status().textContent).toBe('Not copied: The browser did not allow access to the clipboard.'),
    );
  });

  it('forgets a share status when another week is shown', async () => {
    const props: WeeklySummaryPopupProps = {
      summary,
      currentWeekKey: CURRENT_WEEK,
      onPreviousWeek: vi.fn(),
      onNextWeek: vi.fn(),
      share: { copyText: vi.fn(), copyMarkdown: vi.fn(), exportCsv: vi.fn(async () => undefined) },
      optionsUrl: '/options.html',
      onOpenOptions: vi.fn(),
      locale: 'en-US',
    };
    const { rerender } = render(<WeeklySummaryPopup {...props} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Exported partner-attribution-2026-11-16.csv.'),
    );
    const lastWeek: Summary = {
      ...summary,
      week: { key: '2026-11-09', start: '2026-11-08T23:00:00.000Z', end: '2026-11-15T23:00:00.000Z' },
    };
    rerender(<WeeklySummaryPopup {...props} summary={lastWeek} />);
    expect(screen.getByRole('navigation', { name: 'Week' }).textContent).toContain('Last week');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('says Posted when the webhook took it', async () => {
    const postToSlack = vi.fn(async () => undefined);
    renderSummary({ share: { copyText: vi.fn(), copyMarkdown: vi.fn(), exportCsv: vi.fn(), postToSlack } });
    fireEvent.click(screen.getByRole('button', { name: 'Post to Slack' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Posted to Slack.'));
    expect(postToSlack).toHaveBeenCalledOnce();
  });
});

describe('WeeklySummaryPopup: loading and errors', () => {
  it('says it is loading', () => {
    renderSummary({ summary: undefined });
    expect(screen.getByRole('status').textContent).toBe('Loading the summary…');
    expect(screen.getByRole('heading', { name: 'Weekly partner attribution' })).toBeTruthy();
  });

  it('shows an error with Try again', () => {
    const onRetry = vi.fn();
    renderSummary({ summary: undefined, error: 'Partner Ledger did not answer.', onRetry });
    expect(screen.getByRole('alert').textContent).toContain('Partner Ledger did not answer.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('keeps the week shown when another week could not be loaded', () => {
    renderSummary({ error: 'The week before could not be read.' });
    expect(screen.getByRole('alert').textContent).toBe('The week before could not be read.');
    expect(figure('Partner-sourced pipeline')).toBeTruthy();
  });

  it('keeps the week shown while another loads, and opens the options', () => {
    const props = renderSummary({ loading: true });
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
    fireEvent.click(screen.getByRole('link', { name: 'Options' }));
    expect(props.onOpenOptions).toHaveBeenCalledOnce();
  });
});
