import { useState } from 'preact/hooks';
import {
  defaultDirection,
  formatCents,
  sortPartnerLines,
  type PartnerSortKey,
  type SortDirection,
} from './summary-view';
import type { PartnerLine } from '../../lib/attribution/summary-types';

export interface PartnerTableProps {
  lines: readonly PartnerLine[];
  currency: string;
  locale?: string;
}

const COLUMNS: { key: PartnerSortKey; label: string; numeric: boolean }[] = [
  { key: 'partner', label: 'Partner', numeric: false },
  { key: 'sourced', label: 'Sourced pipeline', numeric: true },
  { key: 'influenced', label: 'Influenced pipeline', numeric: true },
  { key: 'won', label: 'Won', numeric: true },
];

const CREDIT_NOTE_ID = 'pl-by-partner-credit';

/**
 * Each partner's credit for the week in one currency, sortable by any column (a button in each header;
 * `aria-sort` marks the sorted one). Influenced pipeline is credit-weighted: influencers share an amount.
 */
export function PartnerTable({ lines, currency, locale }: PartnerTableProps) {
  const [sort, setSort] = useState<{ key: PartnerSortKey; direction: SortDirection }>({
    key: 'sourced',
    direction: 'descending',
  });
  const rows = sortPartnerLines(lines, currency, sort.key, sort.direction);
  const money = (cents: number) => (cents ? formatCents(cents, currency, locale) : '—');
  const press = (key: PartnerSortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: defaultDirection(key) },
    );

  return (
    <section class="pl-summary-section" aria-labelledby="pl-by-partner-title">
      <h2 id="pl-by-partner-title" class="pl-section-heading">
        By partner
      </h2>
      {rows.length === 0 ? (
        <p class="pl-empty-state">No partner has credit in {currency} this week.</p>
      ) : (
        <>
          <table class="pl-table pl-partner-table" aria-labelledby="pl-by-partner-title">
            <thead>
              <tr>
                {COLUMNS.map(({ key, label, numeric }) => (
                  <th
                    key={key}
                    scope="col"
                    class={numeric ? 'pl-cell-number' : undefined}
                    aria-sort={sort.key === key ? sort.direction : undefined}
                  >
                    <button
                      type="button"
                      class="pl-sort"
                      aria-describedby={key === 'influenced' ? CREDIT_NOTE_ID : undefined}
                      onClick={() => press(key)}
                    >
                      <span class="pl-sort-label">
                        {label}
                        <span class="pl-sort-mark" aria-hidden="true">
                          {sort.key === key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                        </span>
                      </span>
                      {key === 'influenced' && <span class="pl-sort-note">credit-weighted</span>}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((line) => (
                <tr key={line.partnerId}>
                  <th scope="row" class="pl-cell-name">
                    {line.partnerName}
                  </th>
                  <td class="pl-cell-number">{money(line.sourcedPipelineCents)}</td>
                  <td class="pl-cell-number">{money(line.influencedPipelineCents)}</td>
                  <td class="pl-cell-number">
                    {line.sourcedWonCents || line.influencedWonCents ? (
                      <>
                        {line.sourcedWonCents > 0 && (
                          <span class="pl-won-line">
                            {money(line.sourcedWonCents)} <span class="pl-won-kind">sourced</span>
                          </span>
                        )}
                        {line.influencedWonCents > 0 && (
                          <span class="pl-won-line">
                            {money(line.influencedWonCents)} <span class="pl-won-kind">influenced</span>
                          </span>
                        )}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p id={CREDIT_NOTE_ID} class="pl-help">
            Influenced pipeline is credit-weighted: when several partners influenced a deal, each is credited its share
            of the amount under your team’s influence model. Sourced and influenced are never added.
          </p>
        </>
      )}
    </section>
  );
}
