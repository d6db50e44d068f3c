/**
 * The attribution vocabulary shared by the store, the protocol and the UI.
 * Partner-sourced and partner-influenced are always kept apart: they answer different questions
 * ("would the deal exist without the partner?" versus "did the partner help a deal already in play?").
 */
import { FIELD_LIMITS } from '../crm/salesforce/field-limits.generated';

export const ATTRIBUTION_KINDS = ['sourced', 'influenced'] as const;
export type AttributionKind = (typeof ATTRIBUTION_KINDS)[number];

export const KIND_LABELS: Record<AttributionKind, string> = {
  sourced: 'Partner-sourced',
  influenced: 'Partner-influenced',
};

/** Partnership types as partner programs name them. */
export const PARTNER_TYPES = [
  'technology_alliance',
  'reseller_channel',
  'system_integrator',
  'oem_embedded',
  'strategic_gtm',
  'isv_marketplace',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
  technology_alliance: 'Technology alliance',
  reseller_channel: 'Reseller / channel',
  system_integrator: 'System integrator',
  oem_embedded: 'OEM / embedded',
  strategic_gtm: 'Strategic / GTM co-sell',
  isv_marketplace: 'ISV / marketplace',
};

/** Evidence of partner involvement: what the partner did. */
export const TOUCH_TYPES = [
  'intro_referral',
  'deal_registration',
  'joint_call',
  'technical_evaluation',
  'executive_sponsor',
  'marketplace_cosell',
  'other',
] as const;
export type TouchType = (typeof TOUCH_TYPES)[number];

export const TOUCH_TYPE_LABELS: Record<TouchType, string> = {
  intro_referral: 'Intro / referral',
  deal_registration: 'Deal registration',
  joint_call: 'Joint call',
  technical_evaluation: 'Technical evaluation',
  executive_sponsor: 'Executive sponsor',
  marketplace_cosell: 'Marketplace / co-sell',
  other: 'Other',
};

/** How influence credit is split among the influencers of one opportunity. */
export const INFLUENCE_MODELS = ['even', 'first_touch', 'last_touch', 'position_based', 'custom'] as const;
export type InfluenceModel = (typeof INFLUENCE_MODELS)[number];

export const INFLUENCE_MODEL_LABELS: Record<InfluenceModel, string> = {
  even: 'Even split',
  first_touch: 'First touch',
  last_touch: 'Last touch',
  position_based: 'Position-based (40/20/40)',
  custom: 'Custom weights by touch type',
};

/** The rules a team agrees on; defaults follow what partner practitioners use. */
export interface AttributionRules {
  influenceModel: InfluenceModel;
  /** For the custom model: weight of each touch type (0 = does not count). */
  touchWeights: Record<TouchType, number>;
  /** A sourced claim should rest on a touch dated no later than this many days after the opportunity was created. */
  sourcedWindowDays: number;
  /** Attribution locks this many days after the opportunity was created; later changes need a reason. */
  lockAfterDays: number;
}

export const DEFAULT_RULES: AttributionRules = {
  influenceModel: 'even',
  touchWeights: {
    intro_referral: 3,
    deal_registration: 3,
    joint_call: 2,
    technical_evaluation: 2,
    executive_sponsor: 2,
    marketplace_cosell: 1,
    other: 1,
  },
  sourcedWindowDays: 30,
  lockAfterDays: 14,
};

export const LIMITS = {
  /** Partner_Name__c and Partner_Key__c. */
  partnerName: FIELD_LIMITS.Partner_Attribution__c.Partner_Name__c.length,
  /** A Salesforce user's full name, as Attributed_By__c holds it. */
  userName: FIELD_LIMITS.Partner_Attribution__c.Attributed_By__c.length,
  partnerTier: 40,
  note: 2000,
  reason: 500,
  link: 2000,
  opportunityName: 255,
} as const;

/** A dated piece of evidence, as the panel shows it. */
export interface TouchView {
  id: string;
  attributionId: string;
  type: TouchType;
  /** Calendar date, `YYYY-MM-DD`. */
  date: string;
  note: string;
  /** http(s) only. */
  link?: string;
  createdBy: string;
}

/** An attribution as the panel shows it: the stored row joined with its partner's name and its touches. */
export interface AttributionView {
  id: string;
  opportunityId: string;
  partnerId: string;
  partnerName: string;
  kind: AttributionKind;
  note: string;
  /** Why a sourced claim stands although its evidence is outside the attribution window. */
  windowOverrideReason?: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  /** Oldest first. */
  touches: TouchView[];
  /** On a claim carried from a converted lead: "Carried from lead <name>, converted on <date> by <user>". */
  carriedFrom?: string;
  /** On a claim of a lead converted without an opportunity: why it was not carried. */
  notCarried?: string;
}

/** How the person using this browser is named before their Salesforce user is known. */
export const LOCAL_ACTOR_LABEL = 'You (this browser)';

export interface AttributionCounts {
  /** Opportunities with at least one live attribution of any kind. */
  opportunities: number;
  /** Opportunities with a partner-sourced attribution. */
  sourced: number;
  /** Opportunities with at least one partner-influenced attribution. */
  influenced: number;
}
