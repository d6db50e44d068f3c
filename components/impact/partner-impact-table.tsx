import { useId, useState } from 'preact/hooks';
import { currencyName } from '../../lib/attribution/summary-format';
import { formatConfidence, formatCount, formatPoints, formatPointsInterval } from '../../lib/impact/format';
import type { ImpactReport } from '../../lib/impact/report';
import {
  amountsIn,
  defaultDirection,
  sortPartners,
  type PartnerSortKey,
  type SortDirection,
} from '../../lib/impact/view';
import { AmountCell, CycleCell, Missing, WinRateCell } from './figure-cells';
import './impact.css';

export const PARTNER_IMPACT_TITLE = 'Impact by partner';

export interface PartnerImpactTableProps {
  report: Pick<ImpactReport, 'partners' | 'partnersBelowMinimum' | 'minClosedDeals' | 'confidence'>;
  /** The currency of the deal-size column; undefined when no won deal has an amount. */
  currency?: string;
  locale?: string;
}

interface Column {
  key: PartnerSortKey | 'versus';
  label: string;
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { key: 'partner', label: 'Partner', numeric: false },
  { key: 'closed', label: 'Closed deals', numeric: true },
  { key: 'won', label: 'Won', numeric: true },
  { key: 'winRate', label: 'Win rate', numeric: true },
  { key: 'versus', label: 'vs. no partner', numeric: true },
  { key: 'amount', label: 'Median won amount', numeric: true },
  { key: 'cycle', label: 'Median sales cycle', numeric: true },
];

/**
 * Partners with enough closed deals, each with the figures of its own deals, sortable by any figure
 * (a button in each header; `aria-sort` marks the sorted column). Its win rate against deals without
 * partners is shown as a difference in points and whether it holds.
 */
export function PartnerImpactTable({ report, currency, locale }: PartnerImpactTableProps) {
  const titleId = useId();
  const [sort, setSort] = useState<{ key: PartnerSortKey; direction: SortDirection }>({
    key: 'closed',
    direction: 'descending',
  });
  const level = formatConfidence(report.confidence, locale);
  const rows = sortPartners(report.partners, sort.key, sort.direction, currency ?? '');
  const press = (key: PartnerSortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: defaultDirection(key) },
    );
  const minimum = formatCount(report.minClosedDeals, locale);
  const below = report.partnersBelowMinimum;

  return (
    <section class="pl-impact-section" aria-labelledby={titleId}>
      <h2 id={titleId} class="pl-section-heading">
        {PARTNER_IMPACT_TITLE}
      </h2>
      {rows.length === 0 ? (
        <p class="pl-empty-state">No partner has {minimum} or more closed deals in this period.</p>
      ) : (
        <div class="pl-table-scroll pl-impact-scroll">
          <table class="pl-table pl-impact-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                {COLUMNS.map(({ key, label, numeric }) => (
                  <th
                    key={key}
                    scope="col"
                    class={numeric ? 'pl-cell-number' : undefined}
                    aria-sort={sort.key === key ? sort.direction : undefined}
                  >
                    {key === 'versus' ? (
                      label
                    ) : (
                      <button type="button" class="pl-sort" onClick={() => press(key)}>
                        {label}
                        {key === 'amount' && currency && (
                          <span class="pl-impact-head-note">{currencyName(currency)}</span>
                        )}
                        <span class="pl-sort-mark" aria-hidden="true">
                          {sort.key === key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                        </span>
                      </button>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((partner) => {
                const versus = partner.versusNoPartner;
                return (
                  <tr key={partner.partnerId}>
                    <th scope="row" class="pl-cell-name">
                      {partner.partnerName}
                    </th>
                    <td class="pl-cell-number">{formatCount(partner.closed, locale)}</td>
                    <td class="pl-cell-number">{formatCount(partner.won, locale)}</td>
                    <td class="pl-cell-number">
                      <WinRateCell figures={partner} confidence={report.confidence} locale={locale} />
                    </td>
                    <td class="pl-cell-number">
                      {versus ? (
                        <>
                          <span class="pl-impact-value">{formatPoints(versus.difference, locale)}</span>
                          <span class="pl-impact-detail">interval {formatPointsInterval(versus.interval, locale)}</span>
                          <span class={versus.holds ? 'pl-impact-detail pl-impact-holds' : 'pl-impact-detail'}>
                            {versus.holds ? `holds at ${level}` : `not clear at ${level}`}
                          </span>
                        </>
                      ) : (
                        <Missing reason={`Fewer than ${minimum} closed deals without partners`} />
                      )}
                    </td>
                    <td class="pl-cell-number">
                      <AmountCell
                        figures={partner}
                        amounts={currency === undefined ? undefined : amountsIn(partner, currency)}
                        currency={currency ?? ''}
                        kind="median"
                        locale={locale}
                      />
                    </td>
                    <td class="pl-cell-number">
                      <CycleCell figures={partner} locale={locale} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {below > 0 && (
        <p class="pl-help">
          {below === 1
            ? `1 more partner has fewer than ${minimum} closed deals and is not listed.`
            : `${formatCount(below, locale)} more partners have fewer than ${minimum} closed deals and are not listed.`}
        </p>
      )}
    </section>
  );
}
