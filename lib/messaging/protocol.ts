import type { z } from 'zod';
import type { AttributionCounts, AttributionRules, AttributionView, PartnerType, TouchView } from '../attribution/model';
import type { Warmth } from '../attribution/warmth';
import type { ErrorCode } from '../errors';
import type { PartnerRow } from '../store/db';
import type { HistoryEntry } from '../store/history';
import type { ConnectionState } from '../sync/service';
import type { StoredSummarySettings, UiSettings } from '../store/settings';
import type { WeeklySummaryReport } from '../summary/service';
import type { RequestType, requestSchemas } from './schemas';

/** What each request carries (as the sender writes it). */
export type RequestPayload<K extends RequestType> = z.input<(typeof requestSchemas)[K]>;
/** What each request carries once validated by the background. */
export type ParsedPayload<K extends RequestType> = z.output<(typeof requestSchemas)[K]>;

/** An active partner as the panel's Partner combobox offers it. */
export interface PartnerOption {
  id: string;
  name: string;
  type: PartnerType | null;
  tier: string | null;
}

export interface PanelData {
  attributions: AttributionView[];
  partners: PartnerOption[];
  rules: AttributionRules;
  /** The created date stored for this opportunity, if any. */
  createdDate?: string;
  /** True when it came from the org's API: then it wins over what the page shows. */
  createdDateFromApi?: boolean;
  /** The opportunity's facts as the org's API reported them, and when (absent without API access). */
  facts?: { amount: number | null; currency: string | null; stage?: string; fetchedAt: string };
  /** The user's calendar date, for the window and lock. */
  today: string;
  /** Two or more partner-sourced claims wait for someone to keep one. */
  disputed: boolean;
  /** Credit share (0..1) of each attribution under the team's rules. */
  credit: Record<string, number>;
  history: HistoryEntry[];
  ui: UiSettings;
}

/** The connection and sync state the options page shows (see components/options/connection-section.tsx). */
export interface ConnectionReport extends ConnectionState {
  /** The org's API calls today, from the last response's `Sforce-Limit-Info`; `at` is when it was read. */
  usage?: { used: number; limit: number; at: string };
  /** Background sync pauses once this share (0..1) of the daily API limit is used; 0.8 unless changed. */
  pauseAboveShare: number;
  paused?: { reason: string; until?: string };
  /** Changes waiting in the outbox. */
  pending: number;
  lastPushAt?: string;
  lastPullAt?: string;
  lastError?: string;
}

export interface BackupSummary {
  exportedAt: string;
  counts: Record<string, number>;
}

/** What each request answers. */
export interface ResponseMap {
  getPanelData: PanelData;
  addAttribution: AttributionView;
  addTouch: TouchView;
  removeAttribution: { id: string };
  resolveDispute: { opportunityId: string };
  getAttributionCounts: AttributionCounts;
  setPanelCollapsed: UiSettings;
  listPartners: PartnerRow[];
  addPartner: PartnerRow;
  updatePartner: PartnerRow;
  importPartners: { created: number; updated: number };
  getRules: AttributionRules;
  saveRules: AttributionRules;
  refreshOpportunity: PanelData | null;
  getConnection: ConnectionReport;
  checkConnection: ConnectionReport;
  syncNow: ConnectionReport;
  setPauseAboveShare: ConnectionReport;
  getWeeklySummary: WeeklySummaryReport;
  /** The week's stale deals and review items in full: the report lists only the first few. */
  getSummaryLists: Pick<WeeklySummaryReport['summary'], 'stale' | 'needsReview'>;
  getSummarySettings: StoredSummarySettings;
  saveSummarySettings: StoredSummarySettings;
  /** Where the summary went, and the HTTP status the webhook answered. */
  postSummaryToWebhook: { url: string; status: number };
  createBackup: { json: string; fileName: string };
  restoreBackup: BackupSummary;
  getWarmth: WarmthAnswer;
  fetchOpportunities: { calls: number };
  getUiSettings: UiSettings;
  saveUiSettings: UiSettings;
  chooseRole: UiSettings;
}

/** Which badges the user wants, and the warmth of each asked-about opportunity that has partner involvement. */
export interface WarmthAnswer {
  settings: Pick<UiSettings, 'recordBadge' | 'listBadges' | 'boardBadges'>;
  warmth: Record<string, Warmth>;
  /** True when `warmth` holds every opportunity with partner involvement: any other one has none. */
  allTagged?: boolean;
}

export interface RequestMessage<K extends RequestType = RequestType> {
  type: K;
  payload: RequestPayload<K>;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

export type Response<K extends RequestType> = { ok: true; data: ResponseMap[K] } | { ok: false; error: ErrorBody };

export type { RequestType, WeeklySummaryReport };
