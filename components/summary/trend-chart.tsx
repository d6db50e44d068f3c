import { figuresIn, formatCents, formatCentsCompact, formatWeekStart, niceCeiling } from './summary-view';
import type { WeekFigures } from '../../lib/attribution/summary-types';
import { formatWeekLabel } from '../../lib/time/format';

export interface TrendChartProps {
  /** Oldest first, ending with the week shown. */
  weeks: readonly WeekFigures[];
  currency: string;
  locale?: string;
}

export const TREND_TITLE = 'Partner pipeline, last 12 weeks';

// Lightning Design System colours: brand blue for sourced, orange for influenced (apart for colour-blind eyes too).
const COLOURS = { sourced: '#0176d3', influenced: '#dd7a01' } as const;

const WIDTH = 400;
const HEIGHT = 150;
const LEFT = 44;
const RIGHT = 4;
const TOP = 8;
const BOTTOM = 20;

/**
 * Partner-sourced and partner-influenced pipeline per week in one currency, as pairs of bars in an inline
 * SVG that scales to the popup's width. Screen readers get its name and a table of the same numbers.
 */
export function TrendChart({ weeks, currency, locale }: TrendChartProps) {
  const points = weeks.map((week) => {
    const figures = figuresIn(week, currency);
    return { key: week.weekKey, sourced: figures.sourcedPipelineCents, influenced: figures.influencedPipelineCents };
  });
  const hasAny = points.some((p) => p.sourced > 0 || p.influenced > 0);
  const top = niceCeiling(Math.max(0, ...points.flatMap((p) => [p.sourced, p.influenced])));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(points.length, 1);
  const bar = Math.max(2, Math.min(10, (slot - 6) / 2));
  const y = (cents: number) => TOP + plotHeight - (cents / top) * plotHeight;
  const money = (cents: number) => formatCents(cents, currency, locale);
  const last = points.length - 1;

  return (
    <section class="pl-summary-section" aria-labelledby="pl-trend-title">
      <h2 id="pl-trend-title" class="pl-section-heading">
        Trend <span class="pl-heading-note">({currency})</span>
      </h2>
      {!hasAny ? (
        <p class="pl-empty-state">No partner pipeline in {currency} in the last 12 weeks.</p>
      ) : (
        <>
          <ul class="pl-legend" aria-hidden="true">
            <li>
              <span class="pl-swatch" style={{ background: COLOURS.sourced }} />
              Partner-sourced
            </li>
            <li>
              <span class="pl-swatch" style={{ background: COLOURS.influenced }} />
              Partner-influenced
            </li>
          </ul>
          <svg
            class="pl-trend"
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            role="img"
            aria-label={TREND_TITLE}
            aria-describedby="pl-trend-desc"
          >
            <title>{TREND_TITLE}</title>
            <desc id="pl-trend-desc">
              Partner-sourced and partner-influenced pipeline created each week in {currency}, from{' '}
              {points[0] && formatWeekLabel(points[0], locale)} to{' '}
              {points[last] && formatWeekLabel(points[last], locale)}. The table after the chart lists the amounts.
            </desc>
            {[0, top / 2, top].map((value) => (
              <g key={value} class="pl-trend-grid">
                <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(value)} y2={y(value)} />
                <text x={LEFT - 4} y={y(value) + 3} text-anchor="end">
                  {formatCentsCompact(value, currency, locale)}
                </text>
              </g>
            ))}
            {points.map((point, index) => {
              const x = LEFT + index * slot + (slot - 2 * bar - 2) / 2;
              const labelled = (last - index) % 2 === 0;
              return (
                <g key={point.key}>
                  <rect
                    x={x}
                    y={y(point.sourced)}
                    width={bar}
                    height={TOP + plotHeight - y(point.sourced)}
                    fill={COLOURS.sourced}
                  >
                    <title>{`${formatWeekLabel(point, locale)}: sourced ${money(point.sourced)}`}</title>
                  </rect>
                  <rect
                    x={x + bar + 2}
                    y={y(point.influenced)}
                    width={bar}
                    height={TOP + plotHeight - y(point.influenced)}
                    fill={COLOURS.influenced}
                  >
                    <title>{`${formatWeekLabel(point, locale)}: influenced ${money(point.influenced)}`}</title>
                  </rect>
                  {labelled && (
                    <text
                      class={index === last ? 'pl-trend-axis pl-trend-current' : 'pl-trend-axis'}
                      x={LEFT + index * slot + slot / 2}
                      y={HEIGHT - 6}
                      text-anchor="middle"
                    >
                      {formatWeekStart(point.key, locale)}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
          <table class="pl-visually-hidden">
            <caption>
              {TREND_TITLE}, in {currency}
            </caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Partner-sourced</th>
                <th scope="col">Partner-influenced</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.key}>
                  <th scope="row">{formatWeekLabel(point, locale)}</th>
                  <td>{money(point.sourced)}</td>
                  <td>{money(point.influenced)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
