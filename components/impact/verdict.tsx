import { useId } from 'preact/hooks';
import { formatConfidence, formatPoints, formatPointsInterval } from '../../lib/impact/format';
import type { Comparison, FindingKind, ImpactReport } from '../../lib/impact/report';
import { COMPARISON_LABELS } from '../../lib/impact/view';
import './impact.css';

export const VERDICT_TITLE = 'What the numbers say';

export interface VerdictProps {
  report: Pick<ImpactReport, 'comparisons' | 'confidence'>;
  locale?: string;
}

function badgeText(kind: FindingKind, level: string): string {
  switch (kind) {
    case 'holds':
      return `Holds at ${level}`;
    case 'unclear':
      return `Not clear at ${level}`;
    case 'not_enough':
      return 'Not enough data';
  }
}

function Finding({ comparison, level, locale }: { comparison: Comparison; level: string; locale?: string }) {
  const { difference } = comparison;
  return (
    <li class={`pl-verdict pl-verdict-${comparison.kind.replace('_', '-')}`}>
      <p class="pl-verdict-heading">
        <span class="pl-verdict-label">{COMPARISON_LABELS[comparison.group]}</span>
        <span class="pl-badge pl-verdict-badge">{badgeText(comparison.kind, level)}</span>
      </p>
      <p class="pl-verdict-sentence">{comparison.sentence}</p>
      {difference && (
        <p class="pl-impact-detail">
          Difference {formatPoints(difference.difference, locale)} ({level} interval{' '}
          {formatPointsInterval(difference.interval, locale)})
        </p>
      )}
    </li>
  );
}

/**
 * The comparisons in plain words: a verdict where the interval of the difference excludes 0, and
 * otherwise the sentence that says why there is none. Nothing here claims more than the data supports.
 */
export function Verdict({ report, locale }: VerdictProps) {
  const titleId = useId();
  const level = formatConfidence(report.confidence, locale);
  return (
    <section class="pl-impact-section" aria-labelledby={titleId}>
      <h2 id={titleId} class="pl-section-heading">
        {VERDICT_TITLE}
      </h2>
      <ul class="pl-verdicts">
        {report.comparisons.map((comparison) => (
          <Finding key={comparison.group} comparison={comparison} level={level} locale={locale} />
        ))}
      </ul>
    </section>
  );
}
