import type { ComponentChildren } from 'preact';
import { formatCents } from '../../lib/attribution/summary-format';
import {
  formatConfidence,
  formatDayInterval,
  formatDays,
  formatN,
  formatRate,
  formatRateInterval,
} from '../../lib/impact/format';
import type { AmountFigures, ImpactFigures } from '../../lib/impact/report';
import { emptyReason, noAmountReason, noCycleReason, noIntervalReason } from '../../lib/impact/view';

/** The cells the group table and the partner table share: a figure, its interval and its n, or why not. */

/** "—" and the reason in words, so nobody has to guess what an empty cell means. */
export function Missing({ reason }: { reason: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span class="pl-impact-reason">{reason}</span>
    </>
  );
}

function Detail({ children }: { children: ComponentChildren }) {
  return <span class="pl-impact-detail">{children}</span>;
}

interface WinRateCellProps {
  figures: ImpactFigures;
  confidence: number;
  locale?: string;
}

export function WinRateCell({ figures, confidence, locale }: WinRateCellProps) {
  const { winRate } = figures;
  if (winRate.rate === undefined || !winRate.interval) {
    return <Missing reason={emptyReason(figures) ?? 'No closed deals in this period'} />;
  }
  return (
    <>
      <span class="pl-impact-value">{formatRate(winRate.rate, locale)}</span>
      <Detail>
        {formatConfidence(confidence, locale)} interval {formatRateInterval(winRate.interval, locale)}
      </Detail>
      <Detail>{formatN(winRate.n, locale)}</Detail>
    </>
  );
}

interface AmountCellProps {
  figures: ImpactFigures;
  /** The figures in the currency shown; undefined when there are none. */
  amounts: AmountFigures | undefined;
  currency: string;
  kind: 'median' | 'mean';
  locale?: string;
}

export function AmountCell({ figures, amounts, currency, kind, locale }: AmountCellProps) {
  if (!amounts) return <Missing reason={noAmountReason(figures, currency)} />;
  const money = (cents: number) => formatCents(cents, amounts.currency, locale);
  return (
    <>
      <span class="pl-impact-value">{money(kind === 'median' ? amounts.medianCents : amounts.meanCents)}</span>
      {kind === 'median' &&
        (amounts.interval ? (
          <Detail>
            interval {money(amounts.interval.lower)}–{money(amounts.interval.upper)}
          </Detail>
        ) : (
          <Detail>{noIntervalReason(amounts.n, locale)}</Detail>
        ))}
      <Detail>{formatN(amounts.n, locale)}</Detail>
    </>
  );
}

export function CycleCell({ figures, locale }: { figures: ImpactFigures; locale?: string }) {
  const { cycle } = figures;
  if (cycle.medianDays === undefined) return <Missing reason={noCycleReason(figures)} />;
  return (
    <>
      <span class="pl-impact-value">{formatDays(cycle.medianDays, locale)}</span>
      <Detail>
        {cycle.interval ? `interval ${formatDayInterval(cycle.interval, locale)}` : noIntervalReason(cycle.n, locale)}
      </Detail>
      <Detail>{formatN(cycle.n, locale)}</Detail>
    </>
  );
}
