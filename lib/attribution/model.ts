/**
 * The attribution vocabulary shared by the store, the protocol and the UI.
 * Partner-sourced and partner-influenced are always kept apart: they answer different questions
 * ("would the deal exist without the partner?" versus "did the partner help a deal already in play?").
 */

export const ATTRIBUTION_KINDS = ['sourced', 'influenced'] as const;
export type AttributionKind = (typeof ATTRIBUTION_KINDS)[number];

export const KIND_LABELS: Record<AttributionKind, string> = {
  sourced: 'Partner-sourced',
  influenced: 'Partner-influenced',
};

export const LIMITS = {
  partnerName: 120,
  note: 2000,
  opportunityName: 255,
} as const;

/** An attribution as the panel shows it: the stored row joined with its partner's name. */
export interface AttributionView {
  id: string;
  opportunityId: string;
  partnerId: string;
  partnerName: string;
  kind: AttributionKind;
  note: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export interface AttributionCounts {
  /** Opportunities with at least one live attribution of any kind. */
  opportunities: number;
  /** Opportunities with a partner-sourced attribution. */
  sourced: number;
  /** Opportunities with at least one partner-influenced attribution. */
  influenced: number;
}
