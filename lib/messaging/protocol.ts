import type { z } from '../zod';
import type { AttributionCounts, AttributionRules, AttributionView, TouchView } from '../attribution/model';
import type { ErrorCode } from '../errors';
import type { PanelData } from '../services/attributions';
import type { RestoreResult } from '../services/backup';
import type { ConnectionReport } from '../services/connection';
import type { ImpactAnswer } from '../services/impact';
import type { WeeklySummaryReport } from '../services/summary/service';
import type { SummaryScope } from '../attribution/summary-scope';
import type { WarmthAnswer } from '../services/warmth';
import type { TeamRulesView } from '../services/team-rules';
import type { RosterHome, RosterMergePreview } from '../services/roster';
import type { PartnerRow } from '../store/db';
import type { StoredSummarySettings, UiSettings } from '../store/settings';
import type { RequestType, requestSchemas } from './schemas';

/** What each request carries (as the sender writes it). */
export type RequestPayload<K extends RequestType> = z.input<(typeof requestSchemas)[K]>;
/** What each request carries once validated by the background. */
export type ParsedPayload<K extends RequestType> = z.output<(typeof requestSchemas)[K]>;

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
  /** What merging this browser's roster into the org's would do; null when no merge waits. */
  getRosterMerge: RosterMergePreview;
  mergeRoster: { pulled: number; pushed: number };
  getRosterHome: RosterHome;
  keepRosterHere: void;
  getRules: AttributionRules;
  saveRules: AttributionRules;
  getTeamRules: TeamRulesView;
  saveTeamRules: TeamRulesView;
  refreshOpportunity: PanelData | null;
  /** Whether a sync was asked for (not when the page is not of a known org). */
  leadConverted: { scheduled: boolean };
  getConnection: ConnectionReport;
  checkConnection: ConnectionReport;
  syncNow: ConnectionReport;
  setPauseAboveShare: ConnectionReport;
  getWeeklySummary: WeeklySummaryReport;
  /** The week's stale deals and review items in full: the report lists only the first few. */
  getSummaryLists: Pick<WeeklySummaryReport['summary'], 'stale' | 'needsReview'>;
  /** The scope now remembered. */
  saveSummaryScope: SummaryScope;
  getSummarySettings: StoredSummarySettings;
  saveSummarySettings: StoredSummarySettings;
  /** Where the summary went, and the HTTP status the webhook answered. */
  postSummaryToWebhook: { url: string; status: number };
  createBackup: { json: string; fileName: string };
  restoreBackup: RestoreResult;
  getWarmth: WarmthAnswer;
  fetchOpportunities: { calls: number };
  getUiSettings: UiSettings;
  saveUiSettings: UiSettings;
  chooseRole: UiSettings;
  getPartnerImpact: ImpactAnswer;
  /** The last complete quarter's headline, only when a verdict holds. */
  getImpactHeadline: { quarterKey: string; headline?: string };
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

export type { RequestType };

// The shapes answers are made of, for the pages and the content script (types only: no service code is
// bundled with them).
export type { PanelData, PartnerOption } from '../services/attributions';
export type { RestoreResult } from '../services/backup';
export type { ConnectionReport, ConnectionState, ConnectionStatus } from '../services/connection';
export type { WeeklySummaryReport } from '../services/summary/service';
export type { WarmthAnswer } from '../services/warmth';
export type { TeamRulesView } from '../services/team-rules';
export type { RosterHome, RosterMergePreview } from '../services/roster';
export type { ImpactAnswer, QuarterChoice } from '../services/impact';
export type { PartnerRow } from '../store/db';
export type { HistoryEntry } from '../store/history';
export type { Role, StoredSummarySettings, UiSettings } from '../store/settings';
