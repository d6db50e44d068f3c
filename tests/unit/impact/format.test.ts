import { describe, expect, it } from 'vitest';
import {
  formatConfidence,
  formatCount,
  formatDayInterval,
  formatDays,
  formatN,
  formatPoints,
  formatPointsInterval,
  formatRate,
  formatRateInterval,
  formatRatePair,
} from '../../../lib/impact/format';

describe('impact numbers in words', () => {
  it('writes rates as whole percentages with a space before the sign', () => {
    expect(formatRate(0.4123, 'en-US')).toBe('41 %');
    expect(formatRate(0.4123, 'en-US', 1)).toBe('41.2 %');
    expect(formatRate(0.4123, 'de-DE', 1)).toBe('41,2 %');
    expect(formatRateInterval({ lower: 0.3611, upper: 0.4649 }, 'en-US')).toBe('36–46 %');
  });

  it('adds a decimal to a pair only when whole percentages would hide a difference', () => {
    expect(formatRatePair(0.41, 0.27, 'en-US')).toEqual(['41 %', '27 %']);
    expect(formatRatePair(0.274, 0.268, 'en-US')).toEqual(['27.4 %', '26.8 %']);
    expect(formatRatePair(0.3, 0.3, 'en-US')).toEqual(['30 %', '30 %']);
  });

  it('writes counts, n, confidence and points', () => {
    expect(formatCount(1340, 'en-US')).toBe('1,340');
    expect(formatN(1340, 'en-US')).toBe('n = 1,340');
    expect(formatConfidence(0.95, 'en-US')).toBe('95 %');
    expect(formatConfidence(0.999, 'en-US')).toBe('99.9 %');
    expect(formatPoints(0.14, 'en-US')).toBe('+14 pts');
    expect(formatPoints(-0.032, 'en-US')).toBe('-3 pts');
    expect(formatPoints(0, 'en-US')).toBe('0 pts');
    expect(formatPointsInterval({ lower: -0.05, upper: 0.23 }, 'en-US')).toBe('-5 to +23 pts');
  });

  it('writes days, with a half for the median of an even count', () => {
    expect(formatDays(1, 'en-US')).toBe('1 day');
    expect(formatDays(34, 'en-US')).toBe('34 days');
    expect(formatDays(34.5, 'en-US')).toBe('34.5 days');
    expect(formatDayInterval({ lower: 28, upper: 41 }, 'en-US')).toBe('28–41 days');
  });
});
