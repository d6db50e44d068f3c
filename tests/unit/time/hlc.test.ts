import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boundVersion,
  compareClockVersions,
  formatVersion,
  MAX_AHEAD_MS,
  MAX_COUNTER,
  parseVersion,
  receive,
  tick,
  type Clock,
} from '../../../lib/time/hlc';

const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);

/** Versions as anyone who can write the org's records might write them: well-formed or not, any time. */
const adversarialVersion = fc.oneof(
  fc
    .record({
      wallMs: fc.oneof(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.constant(999_999_999_999_999)),
      counter: fc.integer({ min: 0, max: MAX_COUNTER }),
      device: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
    })
    .map(
      ({ wallMs, counter, device }) =>
        `${String(wallMs).padStart(15, '0')}:${String(counter).padStart(5, '0')}:${device}`,
    ),
  fc.constantFrom('999999999999999:99999:zzz', '000000000000000:00000:a', '', ':::', '1:2:3'),
  fc.string(),
);

const clockArb = fc.record({
  wallMs: fc.integer({ min: 0, max: NOW + MAX_AHEAD_MS }),
  counter: fc.integer({ min: 0, max: MAX_COUNTER }),
});

function expectWellFormed(clock: Clock, nowMs: number) {
  expect(clock.counter).toBeGreaterThanOrEqual(0);
  expect(clock.counter).toBeLessThanOrEqual(MAX_COUNTER);
  expect(clock.wallMs).toBeLessThanOrEqual(nowMs + MAX_AHEAD_MS + 1);
  expect(parseVersion(formatVersion(clock, 'device'))).toEqual({ ...clock, deviceId: 'device' });
}

describe('the hybrid logical clock', () => {
  it('does not follow a forged far-future version, and its next version can still be read', () => {
    const after = receive({ wallMs: NOW, counter: 0 }, '999999999999999:99999:zzz', NOW);
    expect(after.wallMs).toBeLessThanOrEqual(NOW + MAX_AHEAD_MS);
    const next = formatVersion(tick(after, NOW), 'mine');
    expect(parseVersion(next)).toBeDefined();
  });

  it('carries a full counter into the milliseconds instead of writing six digits', () => {
    const clock = tick({ wallMs: NOW, counter: MAX_COUNTER }, NOW);
    expect(clock).toEqual({ wallMs: NOW + 1, counter: 0 });
    const received = receive(
      { wallMs: NOW, counter: 3 },
      formatVersion({ wallMs: NOW, counter: MAX_COUNTER }, 'x'),
      NOW,
    );
    expect(received).toEqual({ wallMs: NOW + 1, counter: 0 });
  });

  it('starts again from now when its stored clock was pushed far ahead', () => {
    expect(tick({ wallMs: 999_999_999_999_999, counter: 99_999 }, NOW)).toEqual({ wallMs: NOW, counter: 1 });
  });

  it('keeps rising when the wall clock is set back an hour', () => {
    expect(tick({ wallMs: NOW, counter: 4 }, NOW - 3_600_000)).toEqual({ wallMs: NOW, counter: 5 });
  });

  it('still follows a remote version that is a little ahead, so later changes sort after it', () => {
    const remote = formatVersion({ wallMs: NOW + 60_000, counter: 7 }, 'other');
    const after = receive({ wallMs: NOW, counter: 0 }, remote, NOW);
    expect(compareClockVersions(formatVersion(after, 'mine'), remote)).toBeGreaterThan(0);
  });

  it('property: whatever it receives, the clock stays in its format and within a few minutes of now', () => {
    fc.assert(
      fc.property(
        clockArb,
        fc.array(adversarialVersion, { maxLength: 20 }),
        fc.integer({ min: 0, max: 10 }),
        (start, versions, ticks) => {
          let clock: Clock = start;
          let nowMs = NOW;
          for (const version of versions) {
            clock = receive(clock, version, nowMs);
            expectWellFormed(clock, nowMs);
            for (let i = 0; i < ticks; i++) clock = tick(clock, nowMs);
            expectWellFormed(clock, nowMs);
            nowMs += 1;
          }
        },
      ),
    );
  });

  it('property: every local version sorts after the previous one and after every bounded version received', () => {
    fc.assert(
      fc.property(clockArb, fc.array(adversarialVersion, { maxLength: 20 }), (start, versions) => {
        let clock = start;
        let previous = formatVersion(clock, 'mine');
        for (const version of versions) {
          const parsed = parseVersion(version);
          clock = receive(clock, version, NOW);
          const ours = formatVersion(tick(clock, NOW), 'mine');
          expect(compareClockVersions(ours, previous)).toBeGreaterThan(0);
          if (parsed && parsed.wallMs <= NOW + MAX_AHEAD_MS && parsed.wallMs >= start.wallMs) {
            expect(parseVersion(ours)!.wallMs * 1e5 + parseVersion(ours)!.counter).toBeGreaterThan(
              parsed.wallMs * 1e5 + parsed.counter,
            );
          }
          previous = ours;
        }
      }),
    );
  });
});

describe('boundVersion', () => {
  it('clamps a version far after the record was saved to a few minutes after it, keeping counter and device', () => {
    expect(boundVersion('999999999999999:99999:zzz', NOW)).toBe(
      formatVersion({ wallMs: NOW + MAX_AHEAD_MS, counter: 99_999 }, 'zzz'),
    );
  });

  it('leaves versions within a few minutes of the record, and unreadable ones, as they are', () => {
    const honest = formatVersion({ wallMs: NOW + MAX_AHEAD_MS - 1, counter: 2 }, 'fast-clock');
    expect(boundVersion(honest, NOW)).toBe(honest);
    expect(boundVersion('nonsense', NOW)).toBe('nonsense');
  });

  it('property: a bounded version is readable and never after the limit', () => {
    fc.assert(
      fc.property(adversarialVersion, fc.integer({ min: 0, max: NOW }), (version, modstamp) => {
        const bounded = boundVersion(version, modstamp);
        const parsed = parseVersion(bounded);
        if (!parseVersion(version)) {
          expect(bounded).toBe(version);
        } else {
          expect(parsed).toBeDefined();
          expect(parsed!.wallMs).toBeLessThanOrEqual(modstamp + MAX_AHEAD_MS);
        }
      }),
    );
  });
});
