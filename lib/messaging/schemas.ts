import { z } from 'zod';
import { ATTRIBUTION_KINDS, LIMITS } from '../attribution/model';
import { toOpportunityId } from '../crm/salesforce/record-id';

// Extension pages and the service worker forbid eval by CSP: tell Zod not to probe for it.
z.config({ jitless: true });

/**
 * The protocol between the content script / extension pages and the background, one schema per request.
 * The background parses every message with these before touching the store; the senders import only
 * the types, so Zod stays out of the content-script bundle.
 */

const orgKey = z
  .string()
  .regex(/^[a-z0-9-]{1,80}$/i, 'The Salesforce org could not be recognised from this page.');

const opportunityId = z
  .string()
  .refine((id) => toOpportunityId(id) === id, 'This page does not show a valid opportunity (an 18-character 006 id).');

export const requestSchemas = {
  getPanelData: z.object({ orgKey, opportunityId }),
  addAttribution: z.object({
    orgKey,
    opportunityId,
    opportunityName: z.string().trim().max(LIMITS.opportunityName).optional(),
    partnerName: z
      .string()
      .trim()
      .min(1, 'Enter the partner’s name.')
      .max(LIMITS.partnerName, `Keep the partner’s name under ${LIMITS.partnerName} characters.`),
    kind: z.enum(ATTRIBUTION_KINDS, 'Choose Partner-sourced or Partner-influenced.'),
    note: z
      .string()
      .max(LIMITS.note, `The note is too long: keep it under ${LIMITS.note.toLocaleString('en-US')} characters.`),
  }),
  removeAttribution: z.object({ id: z.uuid('That attribution id is not valid.') }),
  getAttributionCounts: z.object({}),
  setPanelCollapsed: z.object({ collapsed: z.boolean() }),
} as const;

export type RequestType = keyof typeof requestSchemas;

export const envelopeSchema = z.object({
  type: z.enum(Object.keys(requestSchemas) as [RequestType, ...RequestType[]]),
  payload: z.unknown(),
});
