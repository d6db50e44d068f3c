import { useId } from 'preact/hooks';
import { formatConfidence, formatN, formatRate, formatRateInterval } from '../../lib/impact/format';
import type { ImpactReport } from '../../lib/impact/report';
import { emptyReason } from '../../lib/impact/view';
import './impact.css';

export interface ImpactChartProps {
  report: Pick<ImpactReport, 'groups' | 'confidence'>;
  locale?: string;
}

/** The chart's name, as screen readers announce it. */
export function impactChartTitle(confidence: number, locale?: string): string {
  return `Win rate by group, with ${formatConfidence(confidence, locale)} intervals`;
}

// Lightning Design System colours: brand blue for sourced, orange for influenced, grey for no partner.
const COLOURS = { sourced: '#0176d3', influenced: '#dd7a01', none: '#706e6b' } as const;

const WIDTH = 600;
const ROW = 40;
const LEFT = 170;
const RIGHT = 24;
const TOP = 8;
const AXIS = 22;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Each group's win rate as a dot, its interval as a bar through it, on a 0–100 % scale: overlapping bars
 * say at a glance that a difference may not be real. Screen readers get the chart's name, a description
 * and a table of the same numbers.
 */
export function ImpactChart({ report, locale }: ImpactChartProps) {
  const titleId = useId();
  const descriptionId = useId();
  const title = impactChartTitle(report.confidence, locale);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const height = TOP + report.groups.length * ROW + AXIS;
  const x = (rate: number) => LEFT + rate * plotWidth;
  const axisY = TOP + report.groups.length * ROW;

  return (
    <figure class="pl-impact-section pl-impact-figure">
      <svg
        class="pl-impact-chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
      >
        <title id={titleId}>{title}</title>
        <desc id={descriptionId}>
          {report.groups
            .map((group) =>
              group.winRate.rate === undefined || !group.winRate.interval
                ? `${group.label}: no closed deals.`
                : `${group.label}: ${formatRate(group.winRate.rate, locale)}, interval ` +
                  `${formatRateInterval(group.winRate.interval, locale)}, ${formatN(group.closed, locale)}.`,
            )
            .join(' ')}
        </desc>
        {TICKS.map((tick) => (
          <g key={tick} class="pl-impact-grid">
            <line x1={x(tick)} x2={x(tick)} y1={TOP} y2={axisY} />
            <text x={x(tick)} y={axisY + 14} text-anchor="middle">
              {formatRate(tick, locale)}
            </text>
          </g>
        ))}
        {report.groups.map((group, index) => {
          const y = TOP + index * ROW + ROW / 2;
          const colour = COLOURS[group.group];
          const { rate, interval } = group.winRate;
          return (
            <g key={group.group} class="pl-impact-row">
              <text class="pl-impact-label" x={LEFT - 8} y={y - 2} text-anchor="end">
                {group.label}
              </text>
              <text class="pl-impact-n" x={LEFT - 8} y={y + 11} text-anchor="end">
                {formatN(group.closed, locale)}
              </text>
              {rate === undefined || !interval ? (
                <text class="pl-impact-n" x={LEFT + 6} y={y + 4}>
                  {emptyReason(group)}
                </text>
              ) : (
                <>
                  <line
                    class="pl-impact-interval"
                    x1={x(interval.lower)}
                    x2={x(interval.upper)}
                    y1={y}
                    y2={y}
                    stroke={colour}
                  />
                  <line x1={x(interval.lower)} x2={x(interval.lower)} y1={y - 6} y2={y + 6} stroke={colour} />
                  <line x1={x(interval.upper)} x2={x(interval.upper)} y1={y - 6} y2={y + 6} stroke={colour} />
                  <circle cx={x(rate)} cy={y} r={5} fill={colour} />
                </>
              )}
            </g>
          );
        })}
      </svg>
      <table class="pl-visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Win rate</th>
            <th scope="col">Interval</th>
            <th scope="col">Closed deals</th>
          </tr>
        </thead>
        <tbody>
          {report.groups.map((group) => (
            <tr key={group.group}>
              <th scope="row">{group.label}</th>
              <td>{group.winRate.rate === undefined ? '—' : formatRate(group.winRate.rate, locale)}</td>
              <td>
                {group.winRate.interval ? formatRateInterval(group.winRate.interval, locale) : emptyReason(group)}
              </td>
              <td>{group.closed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
