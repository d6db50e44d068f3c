import { z } from '../zod';
import { DEFAULT_RULES, type AttributionRules } from '../attribution/model';
import { DEFAULT_SUMMARY_SETTINGS, summarySettingsSchema, type SummarySettings } from '../attribution/summary-settings';
import { DEFAULT_WARMTH_RULES, type WarmthRules } from '../attribution/warmth';
import type { Actor, PartnerLedgerDb } from './db';

/** What the user mainly does: it decides what Partner Ledger shows by default. */
export type Role = 'partner_manager' | 'account_executive';

/** Settings kept in IndexedDB, so the extension needs no `storage` permission. */
export interface UiSettings {
  /** The attribution panel opens collapsed (the last state the user chose, or the role's default). */
  panelCollapsed: boolean;
  role?: Role;
  /** Each on-page feature can be switched off. */
  showPanel: boolean;
  /** The warmth badge next to an opportunity's name on its own page (Lightning and Classic). */
  recordBadge: boolean;
  /** Badges on the rows of opportunity list views and related lists. */
  listBadges: boolean;
  /** Badges on the cards of the pipeline board (Kanban). */
  boardBadges: boolean;
  /** When a badge says Hot, Warm or Cool. */
  warmth: WarmthRules;
}

export const DEFAULT_UI: UiSettings = {
  panelCollapsed: false,
  showPanel: true,
  recordBadge: true,
  listBadges: true,
  boardBadges: true,
  warmth: DEFAULT_WARMTH_RULES,
};

/**
 * What choosing a role sets (each switch can still be changed afterwards). Account executives get the panel
 * collapsed and badges everywhere; partner managers the reverse: the panel open, badges only on the record.
 */
export const ROLE_PRESETS: Record<Role, Pick<UiSettings, 'panelCollapsed' | 'showPanel' | 'recordBadge' | 'listBadges' | 'boardBadges'>> = {
  account_executive: { panelCollapsed: true, showPanel: true, recordBadge: true, listBadges: true, boardBadges: true },
  partner_manager: { panelCollapsed: false, showPanel: true, recordBadge: true, listBadges: false, boardBadges: false },
};

export async function getUiSettings(db: PartnerLedgerDb): Promise<UiSettings> {
  const stored = (await db.settings.get('ui'))?.value as Partial<UiSettings> | undefined;
  return { ...DEFAULT_UI, ...stored, warmth: { ...DEFAULT_WARMTH_RULES, ...stored?.warmth } };
}

/** Applies a role's defaults and remembers the role. */
export async function chooseRole(db: PartnerLedgerDb, role: Role): Promise<UiSettings> {
  return updateUiSettings(db, { ...ROLE_PRESETS[role], role });
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

/** The weekly summary's settings as stored: what options saves, plus the last week notified about. */
export type StoredSummarySettings = SummarySettings & {
  /** The week (key) whose notification was shown: a week is never announced twice. */
  lastNotifiedWeekKey?: string;
};

const storedSummarySettingsSchema = summarySettingsSchema.extend({
  lastNotifiedWeekKey: z.iso.date().optional(),
});

/**
 * The weekly summary's settings. A stored value that no longer passes the schema (an older or damaged
 * row) gives the defaults rather than a broken popup; what did pass is kept field by field.
 */
export async function getSummarySettings(db: PartnerLedgerDb): Promise<StoredSummarySettings> {
  const stored = (await db.settings.get('summary'))?.value;
  const parsed = storedSummarySettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const partial = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const pick = <K extends keyof StoredSummarySettings>(key: K, fallback: StoredSummarySettings[K]) => {
    const field = storedSummarySettingsSchema.shape[key].safeParse(partial[key]);
    return field.success ? (field.data as StoredSummarySettings[K]) : fallback;
  };
  const webhookUrl = pick('webhookUrl', undefined);
  const lastNotifiedWeekKey = pick('lastNotifiedWeekKey', undefined);
  return {
    firstDayOfWeek: pick('firstDayOfWeek', DEFAULT_SUMMARY_SETTINGS.firstDayOfWeek),
    notifications: pick('notifications', DEFAULT_SUMMARY_SETTINGS.notifications),
    ...(webhookUrl ? { webhookUrl } : {}),
    ...(lastNotifiedWeekKey ? { lastNotifiedWeekKey } : {}),
  };
}

/** Saves what options chose (already validated), keeping the last week notified about. */
export async function saveSummarySettings(db: PartnerLedgerDb, settings: SummarySettings): Promise<StoredSummarySettings> {
  return db.transaction('rw', db.settings, async () => {
    const { lastNotifiedWeekKey } = await getSummarySettings(db);
    const next: StoredSummarySettings = {
      firstDayOfWeek: settings.firstDayOfWeek,
      notifications: settings.notifications,
      ...(settings.webhookUrl ? { webhookUrl: settings.webhookUrl } : {}),
      ...(lastNotifiedWeekKey ? { lastNotifiedWeekKey } : {}),
    };
    await db.settings.put({ key: 'summary', value: next });
    return next;
  });
}

/**
 * Records that a week was announced, unless it already was: true when this call claimed it. One
 * transaction, so two alarms firing together cannot both announce the same week.
 */
export async function claimNotification(db: PartnerLedgerDb, weekKey: string): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const current = await getSummarySettings(db);
    if (current.lastNotifiedWeekKey !== undefined && current.lastNotifiedWeekKey >= weekKey) return false;
    await db.settings.put({ key: 'summary', value: { ...current, lastNotifiedWeekKey: weekKey } });
    return true;
  });
}

/**
 * Settings rows under this prefix hold weekly summaries computed ahead for the popup (lib/summary/service.ts):
 * derived data, left out of backups.
 */
export const READY_PREFIX = 'summaryReady:';
