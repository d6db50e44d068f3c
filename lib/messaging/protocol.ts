import type { z } from 'zod';
import type { AttributionCounts, AttributionView } from '../attribution/model';
import type { ErrorCode } from '../errors';
import type { UiSettings } from '../store/settings';
import type { RequestType, requestSchemas } from './schemas';

/** What each request carries (as the sender writes it). */
export type RequestPayload<K extends RequestType> = z.input<(typeof requestSchemas)[K]>;
/** What each request carries once validated by the background. */
export type ParsedPayload<K extends RequestType> = z.output<(typeof requestSchemas)[K]>;

export interface PanelData {
  attributions: AttributionView[];
  partnerNames: string[];
  ui: UiSettings;
}

/** What each request answers. */
export interface ResponseMap {
  getPanelData: PanelData;
  addAttribution: AttributionView;
  removeAttribution: { id: string };
  getAttributionCounts: AttributionCounts;
  setPanelCollapsed: UiSettings;
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
