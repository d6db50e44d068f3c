import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ImpactPage } from '../../../../components/impact/impact-page';
import type { DealPartner } from '../../../../lib/impact/groups';
import { buildImpactReport } from '../../../../lib/impact/report';
import type { ImpactAnswer } from '../../../../lib/messaging/protocol';
import { deals } from '../../impact/fixtures';

const EN = 'en-US';
const formula: DealPartner = { partnerId: 'p-f', partnerName: '=HYPERLINK("x")', kinds: ['sourced'] };

function answer(quarterKey: string, withVerdict: boolean, source: 'org' | 'local' = 'org'): ImpactAnswer {
  const report = buildImpactReport(
    [
      ...deals('sourced', withVerdict ? 18 : 6, withVerdict ? 2 : 14, { partners: [formula], amountCents: 10_000 }),
      ...deals('none', 6, 34, { amountCents: 10_000, cycleDays: 30 }),
    ],
    { locale: EN, periodLabel: 'Q3 2026' },
  );
  const choices = [
    { key: '2026-Q4', label: 'Q4 2026', range: '1 Oct – 31 Dec 2026' },
    { key: '2026-Q3', label: 'Q3 2026', range: '1 Jul – 30 Sep 2026' },
  ];
  return {
    quarter: choices.find((choice) => choice.key === quarterKey)!,
    choices,
    inProgress: quarterKey === '2026-Q4',
    source,
    ...(source === 'local' ? { localReason: 'Open Salesforce in a tab to connect.' } : {}),
    fetchedAt: '2026-11-18T10:00:00.000Z',
    cached: false,
    calls: 4,
    fetched: 40,
    leftOut: 0,
    report,
  };
}

describe('ImpactPage', () => {
  it('opens on the current quarter, and a Period choice loads another quarter', async () => {
    const load = vi.fn(async ({ quarterKey }: { quarterKey?: string }) =>
      answer(quarterKey ?? '2026-Q4', quarterKey === '2026-Q3'),
    );
    render(<ImpactPage load={load} copyText={async () => {}} download={() => {}} locale={EN} />);
    expect(screen.getByRole('heading', { name: 'Partner impact', level: 1 })).toBeTruthy();
    await screen.findByRole('table', { name: 'Impact by group' });
    const period = screen.getByRole('combobox', { name: 'Period' }) as HTMLSelectElement;
    expect(period.value).toBe('2026-Q4');
    expect(screen.queryByText(/holds at 95/)).toBeNull();
    fireEvent.change(period, { target: { value: '2026-Q3' } });
    await screen.findByText(/the difference holds at 95/);
    expect(load).toHaveBeenLastCalledWith({ quarterKey: '2026-Q3' });
  });

  it('says when the figures are this computer’s own, and why', async () => {
    render(
      <ImpactPage
        load={async () => answer('2026-Q4', false, 'local')}
        copyText={async () => {}}
        download={() => {}}
        locale={EN}
      />,
    );
    await screen.findByText(/From the data on this computer only.*Open Salesforce in a tab to connect\./);
  });

  it('exports formula-safe CSV and copies text', async () => {
    const download = vi.fn();
    const copyText = vi.fn(async () => {});
    render(<ImpactPage load={async () => answer('2026-Q3', true)} copyText={copyText} download={download} />);
    await screen.findByRole('table', { name: 'Impact by group' });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const [fileName, csv] = download.mock.calls[0] as [string, string];
    expect(fileName).toBe('partner-impact-2026-Q3.csv');
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    fireEvent.click(screen.getByRole('button', { name: 'Copy as text' }));
    await waitFor(() => expect(copyText).toHaveBeenCalledOnce());
    expect(String((copyText.mock.calls[0] as unknown[])[0])).toContain('Partner impact, Q3 2026');
    await screen.findByText('Copied as text.');
  });
});
