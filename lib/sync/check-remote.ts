/**
 * Checks a record from the org as strictly as local input and backups: the rows it would become are parsed
 * with the store's own schemas (lib/store/rows.ts) before anything is written. Any user with the permission
 * set, any integration and any sandbox copy can write Partner_Attribution__c records, so a record that would
 * not pass as a local row (a 30,000-character note, a touch dated "not-a-date", an 800-character author) is
 * refused here, kept out of the store, and reported with the org field it came from. Rows that pass here are
 * rows a backup of this browser restores.
 */
import type { z } from '../zod';
import { LIMITS } from '../attribution/model';
import type { AttributionRow, PartnerRow, TouchRow } from '../store/db';
import { actorSchema, attributionRowSchema, partnerRowSchema, touchRowSchema } from '../store/rows';
import { parseVersion } from '../time/hlc';
import type { RemoteAttribution } from './records';

/** Why a record from the org was refused: the org field (`Note__c`, `Touches__c[2].createdAt`) and the reason. */
export interface Refusal {
  field: string;
  reason: string;
}

/** Stands for the local partner id, which the record does not carry; any valid id checks the same. */
const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** Shown for a teammate whose name the org did not give. */
export const UNNAMED = 'A teammate';

/** Where each attribution row field comes from in the record. */
const ATTRIBUTION_FIELDS: Record<string, string> = {
  id: 'External_Id__c',
  opportunityId: 'Opportunity__c',
  kind: 'Kind__c',
  note: 'Note__c',
  windowOverrideReason: 'Window_Override_Reason__c',
  'createdBy.userName': 'CreatedBy.Name',
  'createdBy.deviceId': 'Device_Id__c',
  createdAt: 'Attributed_At__c',
  updatedAt: 'Version__c',
  version: 'Version__c',
  deleted: 'Deleted__c',
  remoteId: 'Id',
  lastModifiedByName: 'LastModifiedBy.Name',
};

/** Where each touch row field comes from in its entry of Touches__c. */
const TOUCH_FIELDS: Record<string, string> = {
  'createdBy.userName': 'by',
  'createdBy.deviceId': 'deviceId',
  updatedAt: 'version',
};

const PARTNER_FIELDS: Record<string, string> = {
  name: 'Partner_Name__c',
  normalizedName: 'Partner_Key__c',
  type: 'Partner_Type__c',
  accountId: 'Partner_Account__c',
};

/** When a version was made, as a timestamp (the writer's clock); an impossible one gives an invalid text. */
export function versionTime(version: string): string | undefined {
  const parsed = parseVersion(version);
  if (!parsed) return undefined;
  const date = new Date(parsed.wallMs);
  return Number.isNaN(date.getTime()) ? 'invalid' : date.toISOString();
}

/** The name shown for the teammate behind a record: the org's own CreatedBy first, which no teammate can forge. */
export function teammateName(remote: RemoteAttribution): string {
  return remote.createdByName ?? remote.attributedBy ?? remote.lastModifiedByName ?? UNNAMED;
}

function firstIssue(error: z.ZodError, fields: Record<string, string>, prefix: string): Refusal {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const field = fields[path] ?? path;
  return { field: `${prefix}${field}`, reason: issue.message };
}

/** The rows a record would become, checked with the store's schemas; undefined when they all pass. */
export function checkRemote(remote: RemoteAttribution, orgKey: string, nowIso: string): Refusal | undefined {
  const { state } = remote;
  if (remote.attributedBy !== null && !actorSchema.shape.userName.safeParse(remote.attributedBy).success) {
    return {
      field: 'Attributed_By__c',
      reason: `must be a name of at most ${LIMITS.userName.toLocaleString('en-US')} characters`,
    };
  }
  const changedAt = versionTime(state.version) ?? nowIso;
  const attribution: AttributionRow = {
    id: state.id,
    orgKey,
    opportunityId: state.opportunityId,
    partnerId: SOME_ID,
    kind: state.kind,
    note: state.note,
    createdBy: { deviceId: remote.deviceId, userName: teammateName(remote) },
    createdAt: remote.attributedAt ?? changedAt,
    updatedAt: changedAt,
    deleted: state.deleted ? 1 : 0,
    version: state.version,
    ...(state.windowOverrideReason ? { windowOverrideReason: state.windowOverrideReason } : {}),
    ...(remote.remoteId ? { remoteId: remote.remoteId } : {}),
    ...(remote.lastModifiedByName ? { lastModifiedByName: remote.lastModifiedByName } : {}),
  };
  const checked = attributionRowSchema.safeParse(attribution);
  if (!checked.success) {
    // Without Attributed_At__c, the claim's creation time is its version's.
    const createdAt = remote.attributedAt ? 'Attributed_At__c' : 'Version__c';
    return firstIssue(checked.error, { ...ATTRIBUTION_FIELDS, createdAt }, '');
  }

  for (const [i, touch] of state.touches.entries()) {
    const row: TouchRow = {
      id: touch.id,
      attributionId: state.id,
      opportunityId: state.opportunityId,
      type: touch.type,
      date: touch.date,
      note: touch.note,
      link: touch.link,
      createdBy: { deviceId: touch.deviceId ?? remote.deviceId, userName: touch.by ?? teammateName(remote) },
      createdAt: touch.createdAt,
      updatedAt: versionTime(touch.version) ?? nowIso,
      deleted: touch.deleted ? 1 : 0,
      version: touch.version,
    };
    const result = touchRowSchema.safeParse(row);
    if (!result.success) return firstIssue(result.error, TOUCH_FIELDS, `Touches__c[${i}].`);
  }

  const partner: PartnerRow = {
    id: SOME_ID,
    name: state.partnerName || state.partnerKey,
    normalizedName: state.partnerKey,
    type: remote.partnerType,
    tier: null,
    accountId: remote.partnerAccountId,
    active: true,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  const result = partnerRowSchema.safeParse(partner);
  if (!result.success) return firstIssue(result.error, PARTNER_FIELDS, '');
  return undefined;
}
