/**
 * The org-side objects Partner Ledger writes to, as deployed from `salesforce/` (sf CLI source format).
 * One place for every API name, so the metadata, the REST client, the sync engine and the fake org agree.
 *
 * Touches travel inside their attribution (`Touches__c`, JSON) rather than as child records: one upsert
 * then carries a claim and its evidence together (a teammate never sees a claim without its evidence),
 * pushing N changes costs ceil(N / 200) calls whatever mix of claims and touches they are, and there is
 * no parent-before-child ordering to get wrong when the worker dies mid-push. `Last_Touch_Date__c` and
 * `Touch_Count__c` keep the evidence reportable in Salesforce reports.
 */

export const ATTRIBUTION_OBJECT = 'Partner_Attribution__c';
export const ATTRIBUTION_EXTERNAL_ID = 'External_Id__c';
/**
 * The child relationship from Opportunity, for one-call page loads (`SELECT …, (SELECT … FROM
 * Partner_Attributions__r)`).
 */
export const ATTRIBUTION_RELATIONSHIP = 'Partner_Attributions__r';

/** Fields we write (besides the external id). */
export const ATTRIBUTION_FIELDS = {
  opportunity: 'Opportunity__c',
  partnerName: 'Partner_Name__c',
  partnerKey: 'Partner_Key__c',
  /** The partner's stable id (External_Id__c of Partner_Ledger_Partner__c): preferred over the key on pull. */
  partnerId: 'Partner_Id__c',
  partnerType: 'Partner_Type__c',
  partnerAccount: 'Partner_Account__c',
  kind: 'Kind__c',
  credit: 'Credit__c',
  note: 'Note__c',
  windowOverrideReason: 'Window_Override_Reason__c',
  touches: 'Touches__c',
  lastTouchDate: 'Last_Touch_Date__c',
  touchCount: 'Touch_Count__c',
  deleted: 'Deleted__c',
  version: 'Version__c',
  deviceId: 'Device_Id__c',
  attributedBy: 'Attributed_By__c',
  attributedAt: 'Attributed_At__c',
  /** The lead a claim was recorded on; it stays set once the claim is carried to the opportunity. */
  lead: 'Lead__c',
  /** Amount x Credit in the record's currency, split to the cent (lib/attribution/credit.ts allocateCents). */
  creditedAmount: 'Credited_Amount__c',
} as const;

/** What a pull selects: our fields plus the system fields the engine needs. */
export const ATTRIBUTION_SELECT = [
  'Id',
  ATTRIBUTION_EXTERNAL_ID,
  ...Object.values(ATTRIBUTION_FIELDS),
  'LastModifiedBy.Name',
  // Who created the record, as the org itself records it: unlike Attributed_By__c, no teammate can forge it.
  'CreatedBy.Name',
  'SystemModstamp',
] as const;

/** A touch as stored in `Touches__c`. */
export interface OrgTouch {
  id: string;
  type: string;
  date: string;
  note: string;
  link: string | null;
  createdAt: string;
  /** Hybrid logical clock of the touch's last change: merges pick the higher. */
  version: string;
  deleted: boolean;
  /** The name of the person who recorded it, when known. */
  by?: string;
  /** The browser that recorded it. */
  deviceId?: string;
}

/** A Partner_Attribution__c record as the REST API returns it (queried fields only). */
export interface OrgAttributionRecord {
  Id?: string;
  External_Id__c: string;
  /** Null while the claim is on a lead that is not converted yet. */
  Opportunity__c: string | null;
  Lead__c: string | null;
  Partner_Name__c: string;
  Partner_Key__c: string;
  /** Empty on records written before the shared roster: those resolve by Partner_Key__c. */
  Partner_Id__c: string | null;
  Partner_Type__c: string | null;
  Partner_Account__c: string | null;
  Kind__c: 'sourced' | 'influenced';
  Credit__c: number | null;
  /** Null when the amount is unknown, and on a lead. */
  Credited_Amount__c: number | null;
  Note__c: string | null;
  Window_Override_Reason__c: string | null;
  /** JSON array of OrgTouch. */
  Touches__c: string | null;
  Last_Touch_Date__c: string | null;
  Touch_Count__c: number | null;
  Deleted__c: boolean;
  Version__c: string;
  Device_Id__c: string;
  Attributed_By__c: string | null;
  Attributed_At__c: string | null;
  /** Multi-currency orgs: the opportunity's currency, which Credited_Amount__c is in. */
  CurrencyIsoCode?: string;
  SystemModstamp?: string;
  LastModifiedBy?: { Name: string } | null;
  CreatedBy?: { Name: string } | null;
}

/** The weekly summary object (written by the summary sync; declared here so all API names live together). */
export const SUMMARY_OBJECT = 'Partner_Attribution_Summary__c';
/** `<user id>:<week key>:<currency>`: one record per user, week and currency. */
export const SUMMARY_EXTERNAL_ID = 'External_Id__c';

/** A Partner_Attribution_Summary__c record as the summary sync upserts it. */
// A type (not an interface) so that it is assignable to the REST client's plain records.
export type OrgSummaryRecord = {
  External_Id__c: string;
  User__c: string;
  /** The week's first day, `YYYY-MM-DD`, in the user's zone. */
  Week_Start__c: string;
  /** Amounts in `Currency__c` (and in CurrencyIsoCode in multi-currency orgs). */
  Sourced_Pipeline__c: number;
  Influenced_Pipeline__c: number;
  Sourced_Won__c: number;
  Influenced_Won__c: number;
  Currency__c: string;
  /** Percent (25.5 = 25.5 %); null when the org's total new pipeline was not known. */
  Sourced_Share__c: number | null;
  /** JSON: counts, the new pipeline total and the lines by partner. */
  Details__c: string;
  CurrencyIsoCode?: string;
};

/** The oldest API version with sObject Collections upsert by external id. */
export const MIN_API_VERSION = 46;
