import { teamRulesSchema } from '../attribution/rules-team';
import { z } from '../zod';
import { isCalendarDate } from '../attribution/dates';
import { ATTRIBUTION_KINDS, INFLUENCE_MODELS, LIMITS, PARTNER_TYPES, TOUCH_TYPES } from '../attribution/model';
import { summaryScopeSchema } from '../attribution/summary-scope';
import { summarySettingsSchema } from '../attribution/summary-settings';
import { quarterKeySchema } from '../impact/period';
import { isIdOf, toDealRecordId, toId18, toLeadId, toOpportunityId } from '../record-id';

/**
 * The protocol between the content script / extension pages and the background, one schema per request.
 * The background parses every message with these before touching the store; the senders import only
 * the types, so Zod stays out of the content-script bundle.
 */

const orgKey = z.string().regex(/^[a-z0-9-]{1,80}$/i, 'The Salesforce org could not be recognised from this page.');

const opportunityId = z
  .string()
  .refine((id) => toOpportunityId(id) === id, 'This page does not show a valid opportunity (an 18-character 006 id).');

/** The record a panel is on: an opportunity, or a lead not converted yet (docs/leads.md). */
const dealRecordId = z
  .string()
  .refine(
    (id) => toDealRecordId(id) === id,
    'This page does not show a valid opportunity or lead (an 18-character 006 or 00Q id).',
  );

const leadId = z
  .string()
  .refine((id) => toLeadId(id) === id, 'This page does not show a valid lead (an 18-character 00Q id).');

const calendarDate = (what: string) =>
  z.string().refine(isCalendarDate, `${what} must be a real date (year-month-day).`);

const reason = z.string().trim().max(LIMITS.reason, `Keep the reason under ${LIMITS.reason} characters.`).optional();

const note = z
  .string()
  .max(LIMITS.note, `The note is too long: keep it under ${LIMITS.note.toLocaleString('en-US')} characters.`);

/** Links are evidence people click: only web addresses, never `javascript:` or `data:`. */
export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}

const link = z
  .string()
  .trim()
  .max(LIMITS.link, 'The link is too long.')
  .optional()
  .transform((value) => value || undefined)
  .refine(
    (value) => value === undefined || isWebLink(value),
    'Links must be web addresses starting with http:// or https://.',
  );

const touch = z.object(
  {
    type: z.enum(TOUCH_TYPES, 'Choose the touch type.'),
    date: calendarDate('The touch date'),
    note: note.default(''),
    link,
  },
  'Record the evidence: a touch type and a touch date.',
);

const partnerName = z
  .string()
  .trim()
  .min(1, 'Enter the partner’s name.')
  .max(LIMITS.partnerName, `Keep the partner’s name under ${LIMITS.partnerName} characters.`);

const partnerInput = z.object({
  name: partnerName,
  type: z.enum(PARTNER_TYPES, 'Choose a partner type from the list.').nullable(),
  tier: z
    .string()
    .trim()
    .max(LIMITS.partnerTier, `Keep the tier under ${LIMITS.partnerTier} characters.`)
    .nullable()
    .transform((value) => value || null),
  accountId: z
    .string()
    .trim()
    .nullable()
    .transform((value) => value || null)
    .refine(
      (value) => value === null || isIdOf('Account', value),
      'The Salesforce Account id must be a 15- or 18-character id starting with 001.',
    )
    .transform((value) => (value ? toId18(value)! : null)),
  active: z.boolean(),
});

const rules = z.object({
  influenceModel: z.enum(INFLUENCE_MODELS, 'Choose how influence credit is split.'),
  touchWeights: z.record(
    z.enum(TOUCH_TYPES),
    z.number().min(0, 'Weights cannot be negative.').max(100, 'Keep weights at 100 or less.'),
  ),
  sourcedWindowDays: z.number().int('Use whole days.').min(0).max(365, 'Use at most 365 days.'),
  lockAfterDays: z.number().int('Use whole days.').min(0).max(730, 'Use at most 730 days.'),
});

/** A list view or board asks about its visible rows in batches; 2,000 is Lightning's largest list page. */
const opportunityIdList = z.array(opportunityId).max(2_000, 'Ask about at most 2,000 opportunities at a time.');
const opportunityIds = opportunityIdList.min(1, 'Name at least one opportunity.');

/** A BCP 47 language tag as the page's browser reports it (`navigator.language`). */
const locale = z
  .string()
  .max(35, 'That language tag is too long.')
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'That language tag is not valid.');

const days = (most: number) =>
  z.number().int('Use whole days.').min(0, 'Days cannot be negative.').max(most, `Use at most ${most} days.`);

const warmthRules = z
  .object({ hotTouchDays: days(365), warmTouchDays: days(730) })
  .refine((rules) => rules.warmTouchDays >= rules.hotTouchDays, {
    message: 'Warm must reach at least as far back as Hot.',
    path: ['warmTouchDays'],
  });

const uiSettingsPatch = z
  .object({
    panelCollapsed: z.boolean(),
    showPanel: z.boolean(),
    recordBadge: z.boolean(),
    listBadges: z.boolean(),
    boardBadges: z.boolean(),
    warmth: warmthRules,
  })
  .partial()
  .strict();

export const ROLES = ['partner_manager', 'account_executive'] as const;

export const requestSchemas = {
  getPanelData: z.object({ orgKey, opportunityId: dealRecordId }),
  addAttribution: z.object({
    orgKey,
    opportunityId: dealRecordId,
    opportunityName: z.string().trim().max(LIMITS.opportunityName).optional(),
    createdDate: calendarDate('The opportunity’s created date').optional(),
    partnerName,
    kind: z.enum(ATTRIBUTION_KINDS, 'Choose Partner-sourced or Partner-influenced.'),
    note,
    touch,
    reason,
    competingClaim: z.boolean().optional(),
  }),
  addTouch: touch.extend({ attributionId: z.uuid('That attribution id is not valid.') }),
  removeAttribution: z.object({
    id: z.uuid('That attribution id is not valid.'),
    reason,
    createdDate: calendarDate('The opportunity’s created date').optional(),
  }),
  resolveDispute: z.object({
    opportunityId: dealRecordId,
    keepAttributionId: z.uuid('That attribution id is not valid.'),
    reason,
    createdDate: calendarDate('The opportunity’s created date').optional(),
  }),
  getAttributionCounts: z.object({}),
  setPanelCollapsed: z.object({ collapsed: z.boolean() }),
  listPartners: z.object({}),
  addPartner: partnerInput,
  updatePartner: z.object({ id: z.uuid('That partner id is not valid.'), patch: partnerInput.partial() }),
  importPartners: z.object({
    rows: z.array(partnerInput).max(50_000, 'A roster import can hold at most 50,000 partners.'),
  }),
  getRosterMerge: z.object({}),
  mergeRoster: z.object({}),
  getRosterHome: z.object({}),
  keepRosterHere: z.object({}),
  getRules: z.object({}),
  saveRules: z.object({ rules }),
  /** Options opened: the rules in force, where they come from and who may change them (read from the org). */
  getTeamRules: z.object({ refresh: z.boolean().optional() }),
  saveTeamRules: z.object({ rules: teamRulesSchema, basedOn: z.string().max(200).optional() }),
  refreshOpportunity: z.object({ orgKey, opportunityId: dealRecordId }),
  /** The user converted this lead in this tab: carry its claims now rather than at the next sync. */
  leadConverted: z.object({ orgKey, leadId }),
  getConnection: z.object({}),
  checkConnection: z.object({}),
  syncNow: z.object({}),
  setPauseAboveShare: z.object({
    share: z.number().min(0.5, 'Use a share from 50 to 100 %.').max(1, 'Use a share from 50 to 100 %.'),
  }),
  getWeeklySummary: z.object({
    weekKey: calendarDate('The week').optional(),
    /** Wait for a report made from the current data rather than take the last one marked updating. */
    fresh: z.boolean().optional(),
    /** Whose number: the team's or the user's own; the user's last choice when absent. */
    scope: summaryScopeSchema.optional(),
  }),
  getSummaryLists: z.object({ weekKey: calendarDate('The week').optional(), scope: summaryScopeSchema.optional() }),
  /** The popup's Mine switch: remembered, so the popup opens with it next time. */
  saveSummaryScope: z.object({ scope: summaryScopeSchema }),
  getSummarySettings: z.object({}),
  saveSummarySettings: z.object({ settings: summarySettingsSchema }),
  postSummaryToWebhook: z.object({
    weekKey: calendarDate('The week').optional(),
    scope: summaryScopeSchema.optional(),
  }),
  createBackup: z.object({ includeWebhook: z.boolean().optional() }),
  restoreBackup: z.object({ text: z.string() }),
  getWarmth: z
    .object({ orgKey, opportunityIds: opportunityIdList, includeTagged: z.boolean().optional() })
    .refine((request) => request.opportunityIds.length > 0 || request.includeTagged, 'Name at least one opportunity.'),
  fetchOpportunities: z.object({ orgKey, opportunityIds }),
  getUiSettings: z.object({}),
  saveUiSettings: z.object({ patch: uiSettingsPatch }),
  chooseRole: z.object({ role: z.enum(ROLES, 'Choose partner manager or account executive.') }),
  getPartnerImpact: z.object({
    quarterKey: quarterKeySchema.optional(),
    locale: locale.optional(),
    /** Read the org again, even for a quarter kept since it ended. */
    refresh: z.boolean().optional(),
  }),
  getImpactHeadline: z.object({ locale: locale.optional() }),
} as const;

export type RequestType = keyof typeof requestSchemas;

export const envelopeSchema = z.object({
  type: z.enum(Object.keys(requestSchemas) as [RequestType, ...RequestType[]]),
  payload: z.unknown(),
});
