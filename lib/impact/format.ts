/**
 * Numbers of "Partner impact" in words: rates, intervals, days and counts, in the user's locale. Percent
 * signs stand after a space ("41 %"), as everywhere in Partner Ledger. Pure.
 */
import { numberFormat } from '../intl';
import type { Interval } from './stats';

/** A count with the locale's grouping: 1340 → "1,340" (en-US). */
export function formatCount(n: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

function percentNumber(rate: number, digits: number, locale?: string): string {
  return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(rate * 100);
}

/** A rate (0..1) as a percentage: 0.4123 → "41 %"; with `digits`, "41.2 %". */
export function formatRate(rate: number, locale?: string, digits = 0): string {
  return `${percentNumber(rate, digits, locale)} %`;
}

/**
 * Two rates to be read side by side: whole percentages, unless they would look the same ("27 %" against
 * "27 %") while differing, when one decimal tells them apart.
 */
export function formatRatePair(first: number, second: number, locale?: string): [string, string] {
  const digits = first !== second && percentNumber(first, 0, locale) === percentNumber(second, 0, locale) ? 1 : 0;
  return [formatRate(first, locale, digits), formatRate(second, locale, digits)];
}

/** A rate's interval: "36–46 %". */
export function formatRateInterval(interval: Interval, locale?: string): string {
  return `${percentNumber(interval.lower, 0, locale)}–${percentNumber(interval.upper, 0, locale)} %`;
}

/** A confidence level: 0.95 → "95 %". */
export function formatConfidence(confidence: number, locale?: string): string {
  return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(confidence * 100)} %`;
}

/** A difference of two rates in percentage points, signed: 0.14 → "+14 pts", −0.032 → "−3 pts". */
export function formatPoints(difference: number, locale?: string): string {
  const points = numberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(difference * 100);
  return `${points} pts`;
}

/** The interval of a difference: "+5 to +23 pts". */
export function formatPointsInterval(interval: Interval, locale?: string): string {
  const format = numberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  return `${format.format(interval.lower * 100)} to ${format.format(interval.upper * 100)} pts`;
}

/** Days, whole or a half (a median of an even count): "1 day", "34 days", "34.5 days". */
export function formatDays(days: number, locale?: string): string {
  const text = numberFormat(locale, { maximumFractionDigits: 1 }).format(days);
  return `${text} ${days === 1 ? 'day' : 'days'}`;
}

/** An interval of days: "28–41 days". */
export function formatDayInterval(interval: Interval, locale?: string): string {
  const format = numberFormat(locale, { maximumFractionDigits: 1 });
  return `${format.format(interval.lower)}–${format.format(interval.upper)} days`;
}

/** "n = 1,340". */
export function formatN(n: number, locale?: string): string {
  return `n = ${formatCount(n, locale)}`;
}
