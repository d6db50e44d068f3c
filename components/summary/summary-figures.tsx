import {
  MONEY_FIGURES,
  figuresIn,
  formatCents,
  currencyName,
  formatPercent,
  moneyChange,
  opportunityCount,
  reportedDifferences,
  shareChange,
  type Change,
} from './summary-view';
import type { CurrencyFigures, WeekFigures } from '../../lib/attribution/summary-types';

export interface ReportedFigures {
  /** The reported day, in words: "23 Nov 2026". */
  date: string;
  figures: WeekFigures;
}

export interface SummaryFiguresProps {
  figures: WeekFigures;
  previous: WeekFigures;
  currency: string;
  /** The week's frozen snapshot, when it was reported. */
  reported?: ReportedFigures;
  /** Why the total new pipeline is not known (shown after "Not known — "). */
  newPipelineUnknownReason: string;
  /**
   * Said in place of every amount when the user's field access hides Opportunity.Amount ("Amount hidden by your
   * Salesforce field access"): the amounts read are all empty, and $0 would be a wrong figure, not a known one.
   */
  amountHidden?: string;
  locale?: string;
}

function ChangeText({ change }: { change: Change }) {
  return (
    <span class={`pl-change pl-change-${change.direction}`}>
      <span aria-hidden="true">{change.visible}</span>
      <span class="pl-visually-hidden">{change.words}</span>
    </span>
  );
}

/** "Reported 23 Nov 2026: $X · Now: $Y" beside a figure that moved after it was reported. */
function ReportedNote({ date, was, now }: { date: string; was: string; now: string }) {
  return (
    <p class="pl-figure-reported">
      Reported {date}: {was} · Now: {now}
    </p>
  );
}

function idFor(label: string) {
  return `pl-figure-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`;
}

function shareWhyUnknown(figures: CurrencyFigures, reason: string): string {
  if (figures.newPipelineCents === null) return reason;
  return `Salesforce shows no new pipeline in ${figures.currency} this week`;
}

/**
 * The week's figures in one currency: partner-sourced and partner-influenced pipeline, the sourced share of
 * all new pipeline, and closed-won revenue, each with its opportunity count and the change from last week.
 */
export function SummaryFigures({
  figures,
  previous,
  currency,
  reported,
  newPipelineUnknownReason,
  amountHidden,
  locale,
}: SummaryFiguresProps) {
  const now = figuresIn(figures, currency);
  const before = figuresIn(previous, currency);
  const differences = reported ? reportedDifferences(reported.figures, figures, currency) : {};
  const money = (cents: number) => formatCents(cents, currency, locale);
  const [sourced, influenced, ...won] = MONEY_FIGURES;

  const moneyFigure = ({ key, count, label }: (typeof MONEY_FIGURES)[number]) => {
    const id = idFor(label);
    const difference = differences[key];
    return (
      <div key={key} class="pl-stat" role="group" aria-labelledby={id}>
        <p id={id} class="pl-stat-label">
          {label}
        </p>
        {amountHidden ? (
          <>
            <p class="pl-stat-unknown">Not known — {amountHidden}</p>
            <p class="pl-stat-meta">{opportunityCount(now[count], locale)}</p>
          </>
        ) : (
          <>
            <p class="pl-stat-value">{money(now[key])}</p>
            <p class="pl-stat-meta">
              {opportunityCount(now[count], locale)} ·{' '}
              <ChangeText change={moneyChange(now[key], before[key], currency, locale)} />
            </p>
          </>
        )}
        {!amountHidden && difference && reported && (
          <ReportedNote date={reported.date} was={money(difference.reported)} now={money(difference.now)} />
        )}
      </div>
    );
  };

  const shareId = idFor('Partner-sourced share of new pipeline');
  const change = shareChange(now.sourcedShare, before.sourcedShare, locale);
  return (
    <div class="pl-stats">
      {moneyFigure(sourced)}
      {moneyFigure(influenced)}
      <div class="pl-stat pl-stat-wide" role="group" aria-labelledby={shareId}>
        <p id={shareId} class="pl-stat-label">
          Partner-sourced share of new pipeline
        </p>
        {now.sourcedShare === null ? (
          <p class="pl-stat-unknown">Not known — {shareWhyUnknown(now, newPipelineUnknownReason)}</p>
        ) : (
          <>
            <p class="pl-stat-value">{formatPercent(now.sourcedShare, locale)}</p>
            <p class="pl-stat-meta">
              of {money(now.newPipelineCents ?? 0)} new pipeline
              {change && (
                <>
                  {' '}
                  · <ChangeText change={change} />
                </>
              )}
            </p>
          </>
        )}
      </div>
      {won.map(moneyFigure)}
    </div>
  );
}

/** The week's figures converted to the org's corporate currency with its rates: a separate, labelled total. */
export function ConvertedFigures({
  figures,
  ratesDate,
  locale,
}: {
  figures: NonNullable<WeekFigures['converted']>;
  /** When the rates were read, in words. */
  ratesDate: string;
  locale?: string;
}) {
  const money = (cents: number) => formatCents(cents, figures.currency, locale);
  const title = `Converted to ${figures.currency} with the org's rates`;
  return (
    <div class="pl-converted" role="group" aria-label={title}>
      <p class="pl-converted-title">{title}</p>
      <dl class="pl-converted-figures">
        <div>
          <dt>Sourced</dt>
          <dd>{money(figures.sourcedPipelineCents)}</dd>
        </div>
        <div>
          <dt>Influenced</dt>
          <dd>{money(figures.influencedPipelineCents)}</dd>
        </div>
        <div>
          <dt>Won, sourced</dt>
          <dd>{money(figures.sourcedWonCents)}</dd>
        </div>
        <div>
          <dt>Won, influenced</dt>
          <dd>{money(figures.influencedWonCents)}</dd>
        </div>
        {figures.sourcedShare !== null && (
          <div>
            <dt>Sourced share</dt>
            <dd>{formatPercent(figures.sourcedShare, locale)}</dd>
          </div>
        )}
      </dl>
      {figures.excludedCurrencies.length > 0 && (
        <p class="pl-help">
          Leaves out {figures.excludedCurrencies.map(currencyName).join(', ')}: the org has no rate for{' '}
          {figures.excludedCurrencies.length === 1 ? 'it' : 'them'}.
        </p>
      )}
      <p class="pl-help">Rates read from Salesforce on {ratesDate}. The figures per currency above are exact.</p>
    </div>
  );
}
