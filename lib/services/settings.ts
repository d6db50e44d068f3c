/**
 * What the user and the team chose: the panel and badges (role), the attribution rules, and the weekly
 * summary's settings, which also move the weekly notification's alarm.
 */
import type { AttributionRules } from '../attribution/model';
import type { SummarySettings } from '../attribution/summary-settings';
import type { PartnerLedgerDb } from '../store/db';
import {
  chooseRole,
  getRules,
  getSummarySettings,
  getUiSettings,
  saveRules,
  saveSummarySettings,
  updateUiSettings,
  type Role,
  type StoredSummarySettings,
  type UiSettings,
} from '../store/settings';

export interface SettingsServiceDeps {
  db: PartnerLedgerDb;
  /** Told when the summary settings change, to move the notification alarm. */
  onSummarySettingsSaved?: () => Promise<unknown>;
}

export function createSettingsService({ db, onSummarySettingsSaved }: SettingsServiceDeps) {
  return {
    ui(): Promise<UiSettings> {
      return getUiSettings(db);
    },
    saveUi(patch: Partial<UiSettings>): Promise<UiSettings> {
      return updateUiSettings(db, patch);
    },
    chooseRole(role: Role): Promise<UiSettings> {
      return chooseRole(db, role);
    },
    rules(): Promise<AttributionRules> {
      return getRules(db);
    },
    saveRules(rules: AttributionRules): Promise<AttributionRules> {
      return saveRules(db, rules);
    },
    summary(): Promise<StoredSummarySettings> {
      return getSummarySettings(db);
    },
    async saveSummary(settings: SummarySettings): Promise<StoredSummarySettings> {
      const saved = await saveSummarySettings(db, settings);
      await onSummarySettingsSaved?.();
      return saved;
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
