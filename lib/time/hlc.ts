/**
 * Hybrid logical clock: versions that sort by time across devices whose clocks disagree a little, and
 * never tie (the device id breaks ties). Format: `<15-digit ms>:<5-digit counter>:<device id>`, so plain
 * string comparison orders versions.
 *
 * Versions also arrive from the org, where anyone who can write the records can write any version. So the
 * clock is bounded: it never moves further than `MAX_AHEAD_MS` past this browser's own time, whatever it
 * receives, and its counter never leaves its five digits (it carries into the milliseconds instead). A
 * version from the org is bounded by the record's own `SystemModstamp` before it is merged: see
 * `boundVersion`, and the README's security section for why a
 * version is clamped rather than refused.
 */

export interface Clock {
  wallMs: number;
  counter: number;
}

const PATTERN = /^(\d{15}):(\d{5}):(.+)$/;

/** The largest counter the format holds. */
export const MAX_COUNTER = 99_999;

/** The largest time the format holds (15 digits). */
const MAX_WALL_MS = 999_999_999_999_999;

/**
 * How far ahead of its evidence a version may be: of this browser's time for its own clock, of the
 * org's `SystemModstamp` for a version read from a record. Five minutes covers clocks that are a little off
 * without letting one version win every merge for long.
 */
export const MAX_AHEAD_MS = 5 * 60_000;

/** A clock whose counter has run past the format carries into the milliseconds. */
function normalize(clock: Clock): Clock {
  if (clock.counter <= MAX_COUNTER) return clock;
  return { wallMs: clock.wallMs + 1, counter: 0 };
}

export function formatVersion(clock: Clock, deviceId: string): string {
  const { wallMs, counter } = normalize(clock);
  const ms = Math.min(Math.max(0, Math.trunc(wallMs)), MAX_WALL_MS);
  return `${String(ms).padStart(15, '0')}:${String(counter).padStart(5, '0')}:${deviceId}`;
}

export function parseVersion(version: string): (Clock & { deviceId: string }) | undefined {
  const match = PATTERN.exec(version);
  if (!match) return undefined;
  return { wallMs: Number(match[1]), counter: Number(match[2]), deviceId: match[3]! };
}

/**
 * How far ahead of this browser's time a stored clock may be before it is not believed. Within it, local
 * versions keep rising even when the wall clock is set back (or after a restore from a browser whose clock
 * ran ahead), so a later local change always wins over an earlier one. Beyond it, the clock can only have
 * been dragged there by a forged version before versions were bounded: it starts again from now.
 */
export const MAX_STORED_AHEAD_MS = 24 * 60 * 60_000;

function bounded(last: Clock, nowMs: number): Clock {
  return last.wallMs > nowMs + MAX_STORED_AHEAD_MS ? { wallMs: nowMs, counter: 0 } : last;
}

/** The clock for a local change: after both the wall clock and everything seen so far. */
export function tick(last: Clock, nowMs: number): Clock {
  const from = bounded(last, nowMs);
  return normalize(
    nowMs > from.wallMs ? { wallMs: nowMs, counter: 0 } : { wallMs: from.wallMs, counter: from.counter + 1 },
  );
}

/**
 * The clock after receiving a remote version: never behind what was seen, unless what was seen is further
 * ahead of this browser's time than `MAX_AHEAD_MS`; such a version counts as a local tick.
 */
export function receive(last: Clock, remoteVersion: string, nowMs: number): Clock {
  const remote = parseVersion(remoteVersion);
  if (!remote || remote.wallMs > nowMs + MAX_AHEAD_MS) return tick(last, nowMs);
  const from = bounded(last, nowMs);
  const wallMs = Math.max(from.wallMs, remote.wallMs, nowMs);
  if (wallMs === from.wallMs && wallMs === remote.wallMs) {
    return normalize({ wallMs, counter: Math.max(from.counter, remote.counter) + 1 });
  }
  if (wallMs === from.wallMs) return normalize({ wallMs, counter: from.counter + 1 });
  if (wallMs === remote.wallMs) return normalize({ wallMs, counter: remote.counter + 1 });
  return { wallMs, counter: 0 };
}

/**
 * A version read from the org, bounded by the time the org says it last wrote the record: a version more
 * than `MAX_AHEAD_MS` after `modstampMs` is clamped to that limit, keeping its counter and device id. A
 * version within the limit, or one that cannot be read, is returned as it is.
 */
export function boundVersion(version: string, modstampMs: number): string {
  const parsed = parseVersion(version);
  const limit = modstampMs + MAX_AHEAD_MS;
  if (!parsed || !Number.isFinite(limit) || parsed.wallMs <= limit) return version;
  return formatVersion({ wallMs: limit, counter: parsed.counter }, parsed.deviceId);
}

/** Positive when `a` is newer than `b`. */
export function compareClockVersions(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The newest of some versions, or undefined when there are none. */
export function newestClockVersion(versions: Iterable<string>): string | undefined {
  let newest: string | undefined;
  for (const version of versions) {
    if (newest === undefined || compareClockVersions(version, newest) > 0) newest = version;
  }
  return newest;
}
