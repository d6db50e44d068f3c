import { useId } from 'preact/hooks';
import { currencyName } from '../../lib/attribution/summary-format';
import { formatConfidence, formatCount } from '../../lib/impact/format';
import type { GroupFigures, ImpactReport } from '../../lib/impact/report';
import { amountsIn, emptyReason } from '../../lib/impact/view';
import { AmountCell, CycleCell, Missing, WinRateCell } from './figure-cells';
import './impact.css';

export const IMPACT_TABLE_TITLE = 'Impact by group';

export interface ImpactTableProps {
  report: Pick<ImpactReport, 'groups' | 'confidence'>;
  /** The currency of the deal-size columns; undefined when no won deal has an amount. */
  currency?: string;
  /** Show the deal sizes converted to the corporate currency instead (when the report has them). */
  converted?: boolean;
  locale?: string;
}

function amountsOf(group: GroupFigures, currency: string | undefined, converted: boolean) {
  if (converted) return group.converted;
  return currency === undefined ? undefined : amountsIn(group, currency);
}

/**
 * The three groups side by side: closed and won deals, the win rate with its interval, won deal sizes in
 * one currency and the sales cycle of won deals. Every figure shows its n; an empty cell says why.
 */
export function ImpactTable({ report, currency, converted = false, locale }: ImpactTableProps) {
  const titleId = useId();
  const level = formatConfidence(report.confidence, locale);
  const corporate = report.groups.find((group) => group.converted)?.converted?.currency;
  const showConverted = converted && corporate !== undefined;
  const amountLabel = showConverted ? `${corporate}, converted` : currency ? currencyName(currency) : undefined;
  const shownCurrency = showConverted ? corporate : (currency ?? '');

  return (
    <section class="pl-impact-section" aria-labelledby={titleId}>
      <h2 id={titleId} class="pl-section-heading">
        {IMPACT_TABLE_TITLE}
      </h2>
      <div class="pl-table-scroll pl-impact-scroll">
        <table class="pl-table pl-impact-table" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" class="pl-cell-number">
                Closed deals
              </th>
              <th scope="col" class="pl-cell-number">
                Won
              </th>
              <th scope="col" class="pl-cell-number">
                Win rate <span class="pl-impact-head-note">with {level} interval</span>
              </th>
              <th scope="col" class="pl-cell-number">
                Median won amount
                {amountLabel && <span class="pl-impact-head-note">{amountLabel}</span>}
              </th>
              <th scope="col" class="pl-cell-number">
                Mean won amount
                {amountLabel && <span class="pl-impact-head-note">{amountLabel}</span>}
              </th>
              <th scope="col" class="pl-cell-number">
                Median sales cycle <span class="pl-impact-head-note">won deals</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {report.groups.map((group) => {
              const empty = emptyReason(group);
              const amounts = amountsOf(group, currency, showConverted);
              return (
                <tr key={group.group} class={empty ? 'pl-impact-empty-row' : undefined}>
                  <th scope="row" class="pl-cell-name">
                    {group.label}
                  </th>
                  <td class="pl-cell-number">
                    <span class="pl-impact-value">{formatCount(group.closed, locale)}</span>
                    {group.disputed > 0 && (
                      <span class="pl-impact-detail">incl. {formatCount(group.disputed, locale)} disputed</span>
                    )}
                  </td>
                  <td class="pl-cell-number">
                    <span class="pl-impact-value">{formatCount(group.won, locale)}</span>
                    {group.wonWithoutAmount > 0 && (
                      <span class="pl-impact-detail">{formatCount(group.wonWithoutAmount, locale)} without amount</span>
                    )}
                  </td>
                  {empty ? (
                    <td class="pl-cell-number" colSpan={4}>
                      <Missing reason={empty} />
                    </td>
                  ) : (
                    <>
                      <td class="pl-cell-number">
                        <WinRateCell figures={group} confidence={report.confidence} locale={locale} />
                      </td>
                      <td class="pl-cell-number">
                        <AmountCell
                          figures={group}
                          amounts={amounts}
                          currency={shownCurrency}
                          kind="median"
                          locale={locale}
                        />
                      </td>
                      <td class="pl-cell-number">
                        <AmountCell
                          figures={group}
                          amounts={amounts}
                          currency={shownCurrency}
                          kind="mean"
                          locale={locale}
                        />
                      </td>
                      <td class="pl-cell-number">
                        <CycleCell figures={group} locale={locale} />
                      </td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
