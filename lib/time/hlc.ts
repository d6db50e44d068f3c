/**
 * Hybrid logical clock: versions that sort by time across devices whose clocks disagree a little, and
 * never tie (the device id breaks ties). Format: `<15-digit ms>:<5-digit counter>:<device id>`, so plain
 * string comparison orders versions.
 */

export interface Clock {
  wallMs: number;
  counter: number;
}

const PATTERN = /^(\d{15}):(\d{5}):(.+)$/;

export function formatVersion(clock: Clock, deviceId: string): string {
  return `${String(clock.wallMs).padStart(15, '0')}:${String(clock.counter).padStart(5, '0')}:${deviceId}`;
}

export function parseVersion(version: string): (Clock & { deviceId: string }) | undefined {
  const match = PATTERN.exec(version);
  if (!match) return undefined;
  return { wallMs: Number(match[1]), counter: Number(match[2]), deviceId: match[3]! };
}

/** The clock for a local change: after both the wall clock and everything seen so far. */
export function tick(last: Clock, nowMs: number): Clock {
  return nowMs > last.wallMs ? { wallMs: nowMs, counter: 0 } : { wallMs: last.wallMs, counter: last.counter + 1 };
}

/** The clock after receiving a remote version: never behind what was seen. */
export function receive(last: Clock, remoteVersion: string, nowMs: number): Clock {
  const remote = parseVersion(remoteVersion);
  if (!remote) return tick(last, nowMs);
  const wallMs = Math.max(last.wallMs, remote.wallMs, nowMs);
  if (wallMs === last.wallMs && wallMs === remote.wallMs) {
    return { wallMs, counter: Math.max(last.counter, remote.counter) + 1 };
  }
  if (wallMs === last.wallMs) return { wallMs, counter: last.counter + 1 };
  if (wallMs === remote.wallMs) return { wallMs, counter: remote.counter + 1 };
  return { wallMs, counter: 0 };
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
