/**
 * Leads of the fake org, and their conversion: what Salesforce's "Convert" action does to the data (convertLead(),
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_convertlead.htm), and what the
 * REST API shows afterwards (Lead fields, https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/
 * object_reference/sforce_api_objects_lead.htm): `IsConverted`, `ConvertedDate` (a date), `ConvertedAccountId`,
 * `ConvertedContactId`, `ConvertedOpportunityId` (null when no opportunity was created), `Status` set to the
 * converted status. The lead record stays; the user who converted it is its LastModifiedBy.
 */
import { KEY_PREFIXES, toId18 } from '../../lib/record-id';
import { accountId, makeRecordId, opportunityId, type Opportunity, type OrgData } from './data';

export type LeadStatus =
  | 'Open - Not Contacted'
  | 'Working - Contacted'
  | 'Closed - Converted'
  | 'Closed - Not Converted';

export const LEAD_STATUSES: readonly LeadStatus[] = [
  'Open - Not Contacted',
  'Working - Contacted',
  'Closed - Converted',
  'Closed - Not Converted',
];

export interface Lead {
  Id: string;
  FirstName: string;
  LastName: string;
  /** FirstName LastName, as the API's read-only Name gives it. */
  Name: string;
  Company: string;
  Title: string;
  Email: string;
  Status: LeadStatus;
  LeadSource: string | null;
  OwnerId: string;
  CreatedById: string;
  CreatedDate: string;
  LastModifiedById: string;
  LastModifiedDate: string;
  SystemModstamp: string;
  IsConverted: boolean;
  /** `YYYY-MM-DD`, null until converted. */
  ConvertedDate: string | null;
  ConvertedAccountId: string | null;
  ConvertedContactId: string | null;
  ConvertedOpportunityId: string | null;
}

/**
 * The n-th seed lead's id, in the form `makeRecordId` (data.ts) gives every seed record; built here because the
 * seed data imports this module (so its helpers are not initialised yet when this one runs). n < 62.
 */
const BASE62_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const leadId = (n: number): string =>
  toId18(`${KEY_PREFIXES.Lead}Ka00000${BASE62_DIGITS.charAt(n).padStart(3, '0')}Qz`)!;

/** Leads the tests and the demo use; each test converts its own. */
export const LEAD_IDS = {
  /** A partner referral from last week. */
  adaLovelace: leadId(1),
  /** For the two-browser test. */
  graceHopper: leadId(2),
  /** Converted without an opportunity in the tests. */
  alanTuring: leadId(3),
  /** Left open: shows the panel on an unconverted lead (Classic too). */
  katherineJohnson: leadId(4),
} as const;

const LEAD_ROWS: Array<[first: string, last: string, company: string, title: string, daysAgo: number]> = [
  ['Ada', 'Lovelace', 'Analytical Engines Ltd', 'Head of Data', 6],
  ['Grace', 'Hopper', 'Compiler Works', 'VP Engineering', 9],
  ['Alan', 'Turing', 'Bletchley Systems', 'CTO', 4],
  ['Katherine', 'Johnson', 'Orbital Mechanics Inc', 'Director of Research', 12],
];

const DAY_MS = 86_400_000;

/** The seed leads, created some days before `now` by the partner manager's team. */
export function seedLeads(now: Date, ownerId: string): Lead[] {
  return LEAD_ROWS.map(([first, last, company, title, daysAgo], index) => {
    const created = new Date(Math.floor((now.getTime() - daysAgo * DAY_MS) / 60_000) * 60_000).toISOString();
    return {
      Id: leadId(index + 1),
      FirstName: first,
      LastName: last,
      Name: `${first} ${last}`,
      Company: company,
      Title: title,
      Email: `${first}.${last}@example.com`.toLowerCase(),
      Status: 'Working - Contacted',
      LeadSource: 'Partner Referral',
      OwnerId: ownerId,
      CreatedById: ownerId,
      CreatedDate: created,
      LastModifiedById: ownerId,
      LastModifiedDate: created,
      SystemModstamp: created,
      IsConverted: false,
      ConvertedDate: null,
      ConvertedAccountId: null,
      ConvertedContactId: null,
      ConvertedOpportunityId: null,
    };
  });
}

export function findLead(state: OrgData, id: string): Lead | undefined {
  const id18 = toId18(id);
  return id18 ? state.leads.find((lead) => lead.Id === id18) : undefined;
}

export interface ConvertOptions {
  /** Who converts: becomes the lead's LastModifiedBy and the new records' creator and owner. */
  userId: string;
  /** False for "Don't create an opportunity upon conversion". */
  createOpportunity: boolean;
  /** Defaults to "<Company>-", as Salesforce proposes it. */
  opportunityName?: string;
  now?: Date;
}

export interface ConversionResult {
  lead: Lead;
  opportunity: Opportunity | null;
  accountId: string;
}

/** The lead's conversion; refused (with Salesforce's words) for a lead already converted. */
export function convertLead(state: OrgData, id: string, options: ConvertOptions): ConversionResult {
  const lead = findLead(state, id);
  if (!lead) throw new Error(`No lead ${id}`);
  if (lead.IsConverted) throw new Error('This lead was already converted.');
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const converted = state.leads.filter((other) => other.IsConverted).length + 1;
  // New records get ids far above the seed data's.
  const account = state.accounts.find((candidate) => candidate.Name === lead.Company);
  const newAccountId = account?.Id ?? accountId(40_000 + converted);
  if (!account) {
    state.accounts.push({
      Id: newAccountId,
      Name: lead.Company,
      Type: 'Prospect',
      Industry: '',
      BillingCity: '',
      BillingState: null,
      BillingCountry: '',
      Website: '',
      OwnerId: options.userId,
      CreatedDate: at,
      IsPartner: false,
      Partner_Type__c: null,
      Partner_Tier__c: null,
    });
  }
  let opportunity: Opportunity | null = null;
  if (options.createOpportunity) {
    const close = new Date(now.getTime() + 90 * DAY_MS).toISOString().slice(0, 10);
    opportunity = {
      Id: opportunityId(40_000 + converted),
      Name: options.opportunityName?.trim() || `${lead.Company}-`,
      AccountId: newAccountId,
      OwnerId: options.userId,
      CreatedById: options.userId,
      Amount: null,
      CloseDate: close,
      StageName: 'Prospecting',
      Probability: 10,
      ForecastCategoryName: 'Pipeline',
      IsClosed: false,
      IsWon: false,
      LeadSource: (lead.LeadSource as Opportunity['LeadSource']) ?? null,
      Type: 'New Business',
      CreatedDate: at,
      LastModifiedDate: at,
      SystemModstamp: at,
    };
    state.opportunities.push(opportunity);
  }
  Object.assign(lead, {
    Status: 'Closed - Converted',
    IsConverted: true,
    ConvertedDate: at.slice(0, 10),
    ConvertedAccountId: newAccountId,
    ConvertedContactId: makeRecordId('003', 40_000 + converted),
    ConvertedOpportunityId: opportunity?.Id ?? null,
    LastModifiedById: options.userId,
    LastModifiedDate: at,
    SystemModstamp: at,
  } satisfies Partial<Lead>);
  return { lead, opportunity, accountId: newAccountId };
}
