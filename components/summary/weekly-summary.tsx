import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currenciesOf, figuresDiffer, formatReportedDate, pickCurrency, summaryCsvFileName } from './summary-view';
import type { SnapshotChange, SummarySnapshot, SummaryView as Summary } from '../../lib/attribution/summary-types';
import { hiddenFieldNotice } from '../../lib/crm/salesforce/field-access';
import { CurrencyPicker } from './currency-picker';
import { NeedsReview, StaleDeals, TopDeals } from './deal-lists';
import { PartnerTable } from './partner-table';
import { SharePanel, type ShareActions } from './share-panel';
import { ConvertedFigures, SummaryFigures } from './summary-figures';
import { TrendChart } from './trend-chart';
import { WeekNav } from './week-nav';
import { ScopeSwitch } from './scope-switch';
import type { SummaryScope } from '../../lib/attribution/summary-scope';
import './summary.css';

export type { ShareActions };

export interface WeeklySummaryPopupProps {
  /** Undefined while the first summary loads. */
  summary?: Summary;
  /** Why the summary could not be made, in words. */
  error?: string;
  /** True while another week is being fetched (the shown one stays until it arrives). */
  loading?: boolean;
  /** The figures shown were made before the latest changes; new ones are on their way. */
  updating?: boolean;
  /**
   * Render the figures first and the sections below them (partners, trend, deal lists, share) one task
   * later: the popup's figures then show without waiting for the rest of a large week.
   */
  progressive?: boolean;
  /** The key (first day, `YYYY-MM-DD`) of the week that contains today: there is no Next week after it. */
  currentWeekKey: string;
  onPreviousWeek: () => void;
  onNextWeek: () => void;
  onRetry?: () => void;
  /** `https://acme.lightning.force.com`: deal names link there; without it they are plain text. */
  lightningOrigin?: string;
  /** Why the org's total new pipeline is unknown, e.g. "Salesforce could not be reached". */
  newPipelineUnknownReason?: string;
  /** What the user's Salesforce field access hides, in words ("Amount hidden by your Salesforce field access"). */
  hiddenFields?: readonly string[];
  /** Whose number the summary is: the team's (the default) or the user's own. */
  scope?: SummaryScope;
  /** The Mine switch was flipped: fetch the summary of that scope. Without it, no switch is shown. */
  onScopeChange?: (scope: SummaryScope) => void;
  /** The week's frozen snapshot, when it was reported (the team's number unless it says), and what changed since. */
  snapshot?: Pick<SummarySnapshot, 'frozenAt' | 'figures'> & { scope?: SummaryScope };
  snapshotChanges?: readonly SnapshotChange[];
  share: ShareActions;
  /** Brings a list in full when the summary holds only its first items (see `SummaryOptions.listLimit`). */
  onLoadLists?: () => Promise<Pick<Summary, 'stale' | 'needsReview'>>;
  /** Days without a touch that make a deal stale (the summary's setting; 30 by default). */
  staleDays?: number;
  optionsUrl: string;
  onOpenOptions: () => void;
  /** For formatting only; the browser's own by default. */
  locale?: string;
  timeZone?: string;
}

export const SUMMARY_TITLE = 'Weekly partner attribution';

const CHANGE_LABELS: Record<SnapshotChange['change'], string> = {
  added: 'Added',
  removed: 'Removed',
  amount: 'Amount changed',
  kind: 'Attribution changed',
};

const REPORTED_AS: Record<SummaryScope, string> = { team: 'the team number', mine: 'your own number' };

/** A week frozen in the other scope: said, and not compared, since the two numbers count different claims. */
function ReportedOtherScope({ date, reported }: { date: string; reported: SummaryScope }) {
  return (
    <p class="pl-reported-quiet pl-reported-scope">
      Reported on {date} as {REPORTED_AS[reported]}. Switch {reported === 'team' ? 'off' : 'on'} Mine to compare with
      what was reported.
    </p>
  );
}

function ReportedNotes({
  date,
  differ,
  changes,
  scope,
}: {
  date: string;
  differ: boolean;
  changes: readonly SnapshotChange[];
  scope: SummaryScope;
}) {
  if (!differ && changes.length === 0)
    return (
      <p class="pl-reported-quiet">
        Reported on {date} as {REPORTED_AS[scope]}
      </p>
    );
  return (
    <section class="pl-summary-section pl-reported-changes" aria-labelledby="pl-changes-title">
      <h2 id="pl-changes-title" class="pl-section-heading">
        What changed since it was reported
      </h2>
      <p class="pl-help">
        Reported on {date} as {REPORTED_AS[scope]}. The figures above are today’s; each one that moved shows what was
        reported.
      </p>
      {changes.length === 0 ? (
        <p class="pl-empty-line">
          The figures moved, but no single deal explains it (for example, a new influence split).
        </p>
      ) : (
        <ul class="pl-deal-list">
          {changes.map((change) => (
            <li key={`${change.opportunityId}-${change.change}`} class="pl-deal">
              <div class="pl-deal-main">
                <span class="pl-deal-name">{change.name}</span>
                <span class={`pl-badge pl-badge-change-${change.change}`}>{CHANGE_LABELS[change.change]}</span>
              </div>
              <p class="pl-deal-meta">{change.detail}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EmptyWeek() {
  return (
    <div class="pl-empty-state pl-summary-empty">
      <p class="pl-empty-title">No partner deals this week yet.</p>
      <p>
        Open an opportunity in Salesforce and tag its partner in the Partner attribution panel. A deal counts in the
        week it was created; won deals count in the week they closed.
      </p>
    </div>
  );
}

/** "1 partner deal" / "3 partner deals". */
const partnerDeals = (n: number) => `${n} partner ${n === 1 ? 'deal' : 'deals'}`;

/**
 * The headline's count of the deals the summary lacks a fact of: an unknown created date keeps a deal out
 * of every week's figures, so it is said here, above them, and each deal is listed under Needs review.
 */
export function UnknownFactsNote({ summary }: { summary: Pick<Summary, 'undatedCount' | 'unknownFactsCount'> }) {
  const { undatedCount, unknownFactsCount } = summary;
  if (!unknownFactsCount) return null;
  return (
    <p class="pl-unknown-facts" id="pl-unknown-facts">
      {undatedCount > 0 &&
        `${partnerDeals(undatedCount)} with an unknown created date ${undatedCount === 1 ? 'is' : 'are'} in no ` +
          'week’s figures. '}
      {`${partnerDeals(unknownFactsCount)} ${unknownFactsCount === 1 ? 'has' : 'have'} an unknown created date, ` +
        'amount or currency: see Needs review.'}
    </p>
  );
}

/** A week without partner deals while some deals lack a fact: never "no partner deals", since there are some. */
function EmptyDatedWeek() {
  return (
    <div class="pl-empty-state pl-summary-empty">
      <p class="pl-empty-title">No partner deal with a known created date in this week.</p>
      <p>A deal counts in the week it was created; won deals count in the week they closed.</p>
    </div>
  );
}

/**
 * The popup: one week's partner attribution. Props in, callbacks out — the popup entry fetches the week,
 * moves between weeks and performs the share actions; this only renders and reports what was pressed.
 */
export function WeeklySummaryPopup(props: WeeklySummaryPopupProps) {
  const { summary, error, loading, locale, timeZone, onLoadLists } = props;
  const [chosenCurrency, setChosenCurrency] = useState<string>();
  const [belowFigures, setBelowFigures] = useState(!props.progressive);
  const hasSummary = summary !== undefined;
  useEffect(() => {
    if (belowFigures || !hasSummary) return;
    const timer = setTimeout(() => setBelowFigures(true), 0);
    return () => clearTimeout(timer);
  }, [belowFigures, hasSummary]);

  const frame = (content: ComponentChildren) => (
    <main class="pl-popup pl-summary" aria-busy={loading ? 'true' : undefined}>
      <h1 class="pl-popup-title">{SUMMARY_TITLE}</h1>
      {content}
      <p class="pl-summary-footer">
        <a
          class="pl-link"
          href={props.optionsUrl}
          target="_blank"
          rel="noreferrer"
          onClick={(event) => {
            event.preventDefault();
            props.onOpenOptions();
          }}
        >
          Options
        </a>
      </p>
    </main>
  );

  if (error && !summary) {
    return frame(
      <div role="alert" class="pl-alert">
        <p class="pl-alert-message">{error}</p>
        {props.onRetry && (
          <button type="button" class="pl-button pl-button-small" onClick={props.onRetry}>
            Try again
          </button>
        )}
      </div>,
    );
  }
  if (!summary)
    return frame(
      <p role="status" class="pl-muted">
        Loading the summary…
      </p>,
    );

  const { figures, previous } = summary;
  const choices = currenciesOf([figures]);
  const currency = pickCurrency(figures, choices, chosenCurrency);
  const isEmpty = figures.byCurrency.length === 0 && summary.topDeals.length === 0;
  const scope = props.scope ?? 'team';
  const reportedDate = props.snapshot && formatReportedDate(props.snapshot.frozenAt, locale, timeZone);
  const reportedScope = props.snapshot?.scope ?? 'team';
  // A snapshot of the other scope is another number: its figures are not "what was reported" for these.
  const sameScope = reportedScope === scope;
  const differ = props.snapshot && sameScope ? figuresDiffer(props.snapshot.figures, figures) : false;
  const converted = figures.converted;
  const showConverted =
    converted && (choices.length > 1 || (currency !== undefined && converted.currency !== currency));
  // The trend may show a currency that this week lacks: fall back to the trend's own currencies.
  const trendCurrency = currency ?? pickCurrency(summary.trend.at(-1) ?? figures, currenciesOf(summary.trend));

  return frame(
    <>
      <WeekNav
        weekKey={summary.week.key}
        currentWeekKey={props.currentWeekKey}
        onPreviousWeek={props.onPreviousWeek}
        onNextWeek={props.onNextWeek}
        locale={locale}
      />
      {props.onScopeChange && <ScopeSwitch scope={scope} onChange={props.onScopeChange} />}
      {error && (
        <p role="alert" class="pl-alert">
          {error}
        </p>
      )}
      {props.hiddenFields?.map((notice) => (
        <p key={notice} class="pl-muted pl-field-access">
          {notice}
        </p>
      ))}
      {props.updating && !error && (
        <p role="status" class="pl-updating">
          Updating with the latest changes…
        </p>
      )}
      <UnknownFactsNote summary={summary} />
      {isEmpty || !currency ? (
        summary.unknownFactsCount ? (
          <EmptyDatedWeek />
        ) : (
          <EmptyWeek />
        )
      ) : (
        <>
          {choices.length > 1 && (
            <div class="pl-currency-row">
              <span class="pl-muted">Amounts in</span>
              <CurrencyPicker currencies={choices} selected={currency} onSelect={setChosenCurrency} />
            </div>
          )}
          <SummaryFigures
            figures={figures}
            previous={previous}
            currency={currency}
            reported={reportedDate && differ ? { date: reportedDate, figures: props.snapshot!.figures } : undefined}
            newPipelineUnknownReason={
              props.newPipelineUnknownReason ?? 'the total new pipeline could not be read from Salesforce'
            }
            amountHidden={props.hiddenFields?.find((notice) => notice === hiddenFieldNotice('Amount'))}
            locale={locale}
          />
          {showConverted && (
            <ConvertedFigures
              figures={converted}
              ratesDate={formatReportedDate(converted.ratesAsOf, locale, timeZone)}
              locale={locale}
            />
          )}
        </>
      )}
      {reportedDate &&
        (sameScope ? (
          <ReportedNotes date={reportedDate} differ={differ} changes={props.snapshotChanges ?? []} scope={scope} />
        ) : (
          <ReportedOtherScope date={reportedDate} reported={reportedScope} />
        ))}
      {belowFigures && (
        <>
          {currency && <PartnerTable lines={summary.byPartner} currency={currency} locale={locale} />}
          {trendCurrency && <TrendChart weeks={summary.trend} currency={trendCurrency} locale={locale} />}
          <TopDeals deals={summary.topDeals} lightningOrigin={props.lightningOrigin} locale={locale} />
          {/* Keyed by week: a list loaded in full belongs to its week. */}
          <StaleDeals
            key={`stale-${summary.week.key}`}
            deals={summary.stale}
            total={summary.staleCount}
            loadAll={onLoadLists && (async () => (await onLoadLists()).stale)}
            staleDays={props.staleDays ?? 30}
            lightningOrigin={props.lightningOrigin}
            locale={locale}
          />
          <NeedsReview
            key={`review-${summary.week.key}`}
            items={summary.needsReview}
            total={summary.needsReviewCount}
            loadAll={onLoadLists && (async () => (await onLoadLists()).needsReview)}
            lightningOrigin={props.lightningOrigin}
          />
          {/* Keyed by week: a status such as "Exported …" speaks of the week it was done for. */}
          <SharePanel key={summary.week.key} actions={props.share} csvFileName={summaryCsvFileName(summary.week.key)} />
        </>
      )}
    </>,
  );
}
