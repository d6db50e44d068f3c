/**
 * Versions read from the org are bounded before they are merged. A record's `Version__c` and the versions
 * of its touches are whatever its writer put there; its `SystemModstamp` is set by Salesforce itself when
 * the record is saved (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/system_fields.htm),
 * so no version can honestly be much later than it. Each version more than `MAX_AHEAD_MS` after it is
 * clamped to that limit (lib/time/hlc.ts): the record is still applied, so an honest writer whose clock is
 * a few minutes fast loses nothing, but a forged far-future version no longer wins every merge nor drags
 * this browser's clock along. Without a `SystemModstamp`, this browser's own time is the bound.
 *
 * A record whose version is exactly the one this browser holds is left alone: it is this browser's own
 * change (made with a clock that runs fast) or one it has already taken in, and clamping it would only
 * make the two copies differ and send the same record back and forth. Pure.
 */
import { boundVersion } from '../time/hlc';
import type { RemoteAttribution } from './records';

export function boundRemoteVersions(
  remote: RemoteAttribution,
  nowMs: number,
  localVersion?: string,
): RemoteAttribution {
  if (localVersion !== undefined && localVersion === remote.state.version) return remote;
  const stamped = remote.systemModstamp ? Date.parse(remote.systemModstamp) : Number.NaN;
  const limitMs = Number.isNaN(stamped) ? nowMs : stamped;
  const version = boundVersion(remote.state.version, limitMs);
  let touchesChanged = false;
  const touches = remote.state.touches.map((touch) => {
    const bounded = boundVersion(touch.version, limitMs);
    if (bounded === touch.version) return touch;
    touchesChanged = true;
    return { ...touch, version: bounded };
  });
  if (version === remote.state.version && !touchesChanged) return remote;
  return { ...remote, state: { ...remote.state, version, touches } };
}
