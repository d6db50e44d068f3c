/**
 * Merging one attribution as this browser has it with the same attribution as the org has it. Pure and
 * deterministic; `joinAttributions` is commutative, associative and idempotent (a join-semilattice), so
 * every browser that has seen the same changes holds the same state, whatever order it saw them in.
 *
 * - The attribution's own fields go together, last writer wins by `version` (lib/time/hlc.ts). Versions
 *   never tie between different writers (the device id is part of them), so equal versions mean identical
 *   fields by construction; should they ever differ, a fixed order on the content still picks the same side
 *   everywhere.
 * - Touches are a set by touch id, each touch last writer wins by its own version: two browsers adding
 *   evidence to the same claim at the same time both keep theirs.
 * - A removal is a tombstone (`deleted`) with a version, and wins or loses like any other change.
 * - Two claims are two attributions (two ids): they are never merged into one, so two sourced claims for
 *   one opportunity made in two browsers both stay and the opportunity shows a dispute.
 */
import type { AttributionKind, TouchType } from '../attribution/model';
import { compareClockVersions } from '../time/hlc';
import { compareStrings } from '../intl';

export interface SyncTouch {
  id: string;
  type: TouchType;
  /** `YYYY-MM-DD` */
  date: string;
  note: string;
  link: string | null;
  createdAt: string;
  version: string;
  deleted: boolean;
  /** Who recorded it, carried along for display; not compared. */
  by?: string;
  deviceId?: string;
}

export interface SyncAttribution {
  /** Our UUID, the record's External_Id__c. */
  id: string;
  opportunityId: string;
  /** The partner across browsers: its normalised name (`Partner_Key__c`). */
  partnerKey: string;
  /** The partner's name as the writer spelled it; carried along for creating the partner, not compared. */
  partnerName: string;
  kind: AttributionKind;
  note: string;
  windowOverrideReason: string | null;
  deleted: boolean;
  /** Version of the last change to the claim or any of its touches. */
  version: string;
  /** Every touch, tombstones included, sorted by id. */
  touches: readonly SyncTouch[];
}

export interface MergeResult {
  merged: SyncAttribution;
  /** The org brought something this browser does not have: write the merged state locally. */
  writeLocal: boolean;
  /** The org's record is behind the merged state: queue the attribution for a push. */
  pushRemote: boolean;
}

/** The fields of an attribution without its touches, in a fixed key order. */
function headOf(a: SyncAttribution): Omit<SyncAttribution, 'touches'> {
  return {
    id: a.id,
    opportunityId: a.opportunityId,
    partnerKey: a.partnerKey,
    partnerName: a.partnerName,
    kind: a.kind,
    note: a.note,
    windowOverrideReason: a.windowOverrideReason,
    deleted: a.deleted,
    version: a.version,
  };
}

/** A touch as merges compare it; a tombstone travels without its note and link (touches-field.ts). */
function canonicalTouch(t: SyncTouch): SyncTouch {
  return {
    id: t.id,
    type: t.type,
    date: t.date,
    note: t.deleted ? '' : t.note,
    link: t.deleted ? null : t.link,
    createdAt: t.createdAt,
    version: t.version,
    deleted: t.deleted,
    ...(t.by !== undefined ? { by: t.by } : {}),
    ...(t.deviceId !== undefined ? { deviceId: t.deviceId } : {}),
  };
}

/** The later of two versions of one thing; the content decides only when versions tie (never, by construction). */
function later<T extends { version: string }>(a: T, b: T): T {
  const byVersion = compareClockVersions(a.version, b.version);
  if (byVersion !== 0) return byVersion > 0 ? a : b;
  return compareStrings(JSON.stringify(a), JSON.stringify(b)) >= 0 ? a : b;
}

/** Union by id, the later version of each touch; sorted by id. */
export function mergeTouches(a: readonly SyncTouch[], b: readonly SyncTouch[]): SyncTouch[] {
  const byId = new Map<string, SyncTouch>();
  for (const touch of [...a, ...b]) {
    const candidate = canonicalTouch(touch);
    const seen = byId.get(candidate.id);
    byId.set(candidate.id, seen ? later(seen, candidate) : candidate);
  }
  return [...byId.values()].sort((x, y) => compareStrings(x.id, y.id));
}

/** The least state that contains both: the join of the semilattice. Both must be the same attribution. */
export function joinAttributions(a: SyncAttribution, b: SyncAttribution): SyncAttribution {
  if (a.id !== b.id) throw new RangeError(`Cannot merge two different attributions (${a.id}, ${b.id})`);
  return { ...later(headOf(a), headOf(b)), touches: mergeTouches(a.touches, b.touches) };
}

/** The same in every field that is shared (names spelled differently by two rosters do not count). */
function sameTouch(a: SyncTouch, b: SyncTouch): boolean {
  return (
    a.id === b.id &&
    a.version === b.version &&
    a.deleted === b.deleted &&
    a.type === b.type &&
    a.date === b.date &&
    a.note === b.note &&
    a.link === b.link &&
    a.createdAt === b.createdAt
  );
}

/** True when two states hold the same claim and the same evidence (what the org must agree on). */
export function sameState(a: SyncAttribution, b: SyncAttribution): boolean {
  if (
    a.id !== b.id ||
    a.version !== b.version ||
    a.deleted !== b.deleted ||
    a.opportunityId !== b.opportunityId ||
    a.partnerKey !== b.partnerKey ||
    a.kind !== b.kind ||
    a.note !== b.note ||
    a.windowOverrideReason !== b.windowOverrideReason
  ) {
    return false;
  }
  const x = mergeTouches(a.touches, []);
  const y = mergeTouches(b.touches, []);
  return x.length === y.length && x.every((touch, i) => sameTouch(touch, y[i]!));
}

/**
 * Merges the org's state of an attribution into this browser's (absent when this browser never had it),
 * and says what must happen next.
 */
export function mergeAttribution(local: SyncAttribution | undefined, remote: SyncAttribution): MergeResult {
  const merged = local ? joinAttributions(local, remote) : joinAttributions(remote, remote);
  return {
    merged,
    writeLocal: !local || !sameState(merged, local),
    pushRemote: !sameState(merged, remote),
  };
}
