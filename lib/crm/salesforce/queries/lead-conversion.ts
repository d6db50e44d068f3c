/**
 * Which of the leads Partner Ledger holds claims on were converted, and into what: the Lead fields of the
 * conversion (Lead object reference, https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/
 * object_reference/sforce_api_objects_lead.htm): `IsConverted`, `ConvertedDate` (a date),
 * `ConvertedOpportunityId` (empty when the lead was converted without an opportunity). Lead has no "converted
 * by" field: converting a lead saves it, so its LastModifiedBy at that moment is who converted it.
 */
import { z } from '../../../zod';
import { isCalendarDate } from '../../../attribution/dates';
import { toLeadId, toOpportunityId } from '../../../record-id';
import { assertRecordId, toChunk } from '../soql';

/** Leads asked about per query: 200 quoted ids keep the request URI far below its 16,384-byte limit. */
export const LEADS_PER_QUERY = 200;

const LEAD_CONVERSION_FIELDS = [
  'Id',
  'Name',
  'CreatedDate',
  'IsConverted',
  'ConvertedDate',
  'ConvertedOpportunityId',
  'ConvertedOpportunity.Name',
  'LastModifiedBy.Name',
] as const;

/** The converted leads among these ids, 200 per query: ceil(ids / 200) queries. */
export function convertedLeadsQueries(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  unique.forEach(assertRecordId);
  const prefix = `SELECT ${LEAD_CONVERSION_FIELDS.join(', ')} FROM Lead WHERE IsConverted = true AND Id IN (`;
  const queries: string[] = [];
  for (let i = 0; i < unique.length; i += LEADS_PER_QUERY) {
    queries.push(toChunk(unique.slice(i, i + LEADS_PER_QUERY), prefix, ')').soql);
  }
  return queries;
}

const named = z.looseObject({ Name: z.string().nullish() }).nullish();

/** A converted lead as the query returns it; anything else is refused with the field that is wrong. */
export const convertedLeadSchema = z.looseObject({
  Id: z.string().refine((id) => toLeadId(id) !== undefined, 'is not a Lead id'),
  Name: z.string().nullish(),
  CreatedDate: z.string().nullish(),
  IsConverted: z.boolean(),
  ConvertedDate: z.string().refine(isCalendarDate, 'is not a YYYY-MM-DD date').nullish(),
  ConvertedOpportunityId: z
    .string()
    .refine((id) => toOpportunityId(id) !== undefined, 'is not an Opportunity id')
    .nullish(),
  ConvertedOpportunity: named,
  LastModifiedBy: named,
});

export type ConvertedLeadRecord = z.output<typeof convertedLeadSchema>;

/** What a conversion means for the claims on the lead (lib/store/lead-conversion.ts `LeadConversion`). */
export interface LeadConversionFacts {
  leadId: string;
  leadName: string;
  leadCreatedDate?: string;
  convertedDate: string;
  convertedBy?: string;
  opportunityId: string | null;
  opportunityName?: string;
}

/** The conversion a record reports; undefined for a lead that is not converted (or says no date). */
export function toLeadConversion(record: ConvertedLeadRecord): LeadConversionFacts | undefined {
  if (!record.IsConverted || !record.ConvertedDate) return undefined;
  const leadId = toLeadId(record.Id)!;
  const created = record.CreatedDate?.slice(0, 10);
  const opportunityId = record.ConvertedOpportunityId ? toOpportunityId(record.ConvertedOpportunityId)! : null;
  return {
    leadId,
    leadName: record.Name?.trim() || `Lead ${leadId}`,
    ...(created && isCalendarDate(created) ? { leadCreatedDate: created } : {}),
    convertedDate: record.ConvertedDate,
    ...(record.LastModifiedBy?.Name ? { convertedBy: record.LastModifiedBy.Name } : {}),
    opportunityId,
    ...(opportunityId && record.ConvertedOpportunity?.Name
      ? { opportunityName: record.ConvertedOpportunity.Name }
      : {}),
  };
}
