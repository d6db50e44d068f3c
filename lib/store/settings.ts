import { DEFAULT_RULES, type AttributionRules } from '../attribution/model';
import type { Actor, PartnerLedgerDb } from './db';

/** Settings kept in IndexedDB, so the extension needs no `storage` permission. */
export interface UiSettings {
  panelCollapsed: boolean;
}

const DEFAULT_UI: UiSettings = { panelCollapsed: false };

export async function getUiSettings(db: PartnerLedgerDb): Promise<UiSettings> {
  const row = await db.settings.get('ui');
  return { ...DEFAULT_UI, ...(row?.value as Partial<UiSettings> | undefined) };
}

export async function updateUiSettings(db: PartnerLedgerDb, patch: Partial<UiSettings>): Promise<UiSettings> {
  return db.transaction('rw', db.settings, async () => {
    const next = { ...(await getUiSettings(db)), ...patch };
    await db.settings.put({ key: 'ui', value: next });
    return next;
  });
}

/** This browser's stable id, made on first use; it names the author of changes until a Salesforce user is known. */
export async function getLocalActor(db: PartnerLedgerDb, newId: () => string): Promise<Actor> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get('deviceId');
    if (typeof row?.value === 'string') return { deviceId: row.value };
    const deviceId = newId();
    await db.settings.put({ key: 'deviceId', value: deviceId });
    return { deviceId };
  });
}

/** The team's attribution rules (influence model, window, lock), with defaults for anything never set. */
export async function getRules(db: PartnerLedgerDb): Promise<AttributionRules> {
  const stored = (await db.settings.get('rules'))?.value as Partial<AttributionRules> | undefined;
  return {
    ...DEFAULT_RULES,
    ...stored,
    touchWeights: { ...DEFAULT_RULES.touchWeights, ...stored?.touchWeights },
  };
}

export async function saveRules(db: PartnerLedgerDb, rules: AttributionRules): Promise<AttributionRules> {
  await db.settings.put({ key: 'rules', value: rules });
  return rules;
}
