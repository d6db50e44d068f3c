/**
 * The objects the REST API exposes, described the way `describe` describes them: standard Opportunity, Account
 * and User (backed by the seed data) and Partner Ledger's custom objects (backed by `state.customObjects`).
 *
 * The Partner_Attribution__c field types live here; their API names come from
 * lib/crm/salesforce/org-objects.ts so the extension and the fake org cannot disagree on a name.
 */
import {
  ATTRIBUTION_EXTERNAL_ID,
  ATTRIBUTION_FIELDS,
  ATTRIBUTION_OBJECT,
  ATTRIBUTION_RELATIONSHIP,
  SUMMARY_OBJECT,
} from '../../../lib/crm/salesforce/org-objects';
import { KEY_PREFIXES } from '../../../lib/record-id';
import { STAGES, type CustomObjectData, type FieldValue, type OrgData } from '../data';

/** Field types as `describe` names them. Number fields are `double`, Text Area and Long Text Area are `textarea`. */
export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'boolean'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'email'
  | 'url';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Characters, for text types. */
  length?: number;
  /** Digits in all and after the point, for number types. */
  precision?: number;
  scale?: number;
  referenceTo?: string;
  /** The parent relationship of a lookup (`Owner`, `Opportunity__r`). */
  relationshipName?: string;
  externalId?: boolean;
  unique?: boolean;
  caseSensitive?: boolean;
  /** Required on create (and cannot be cleared). */
  required?: boolean;
  /** False for system fields, Id and auto numbers. Standard objects are read-only here anyway. */
  writable: boolean;
  custom: boolean;
  picklistValues?: readonly string[];
  restrictedPicklist?: boolean;
  autoNumber?: boolean;
  /** Long Text Area: a textarea over 255 characters, which SOQL can neither filter, sort nor group. */
  longText?: boolean;
  defaultValue?: FieldValue;
}

export interface ChildRelationship {
  relationshipName: string;
  childSObject: string;
  field: string;
}

export type Row = Record<string, unknown>;

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  /** Writable through the API (custom objects only). */
  writable: boolean;
  fields(state: OrgData): FieldDef[];
  childRelationships(state: OrgData): ChildRelationship[];
  rows(state: OrgData): Row[];
  installed(state: OrgData): boolean;
  /** The stored data of a custom object. */
  data?(state: OrgData): CustomObjectData;
  /** Values not stored on the row (Opportunity.LastModifiedById, CurrencyIsoCode, …). */
  derived?: Record<string, (row: Row, state: OrgData) => FieldValue>;
}

// ---------------------------------------------------------------------------------------------------------
// Field helpers

const text = (name: string, label: string, length = 255, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type: 'string',
  length,
  writable: true,
  custom: name.endsWith('__c'),
  ...extra,
});

const longText = (name: string, label: string, length: number): FieldDef => ({
  name,
  label,
  type: 'textarea',
  length,
  longText: true,
  writable: true,
  custom: name.endsWith('__c'),
});

const number = (
  name: string,
  label: string,
  type: 'double' | 'currency' | 'percent',
  precision: number,
  scale: number,
  extra: Partial<FieldDef> = {},
): FieldDef => ({
  name,
  label,
  type,
  precision,
  scale,
  writable: true,
  custom: name.endsWith('__c'),
  ...extra,
});

const lookup = (
  name: string,
  label: string,
  referenceTo: string,
  relationshipName: string,
  extra: Partial<FieldDef> = {},
): FieldDef => ({
  name,
  label,
  type: 'reference',
  length: 18,
  referenceTo,
  relationshipName,
  writable: true,
  custom: name.endsWith('__c'),
  ...extra,
});

const picklist = (name: string, label: string, values: readonly string[], extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type: 'picklist',
  length: 255,
  picklistValues: values,
  writable: true,
  custom: name.endsWith('__c'),
  ...extra,
});

const simple = (name: string, label: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type,
  writable: true,
  custom: name.endsWith('__c'),
  ...extra,
});

const readOnly = (field: FieldDef): FieldDef => ({ ...field, writable: false });

/** Id, IsDeleted, Created…, LastModified…, SystemModstamp: on every object but User here. */
function systemFields(): FieldDef[] {
  return [
    readOnly(simple('Id', 'Record ID', 'id', { length: 18 })),
    readOnly(simple('IsDeleted', 'Deleted', 'boolean')),
    readOnly(simple('CreatedDate', 'Created Date', 'datetime')),
    readOnly(lookup('CreatedById', 'Created By ID', 'User', 'CreatedBy')),
    readOnly(simple('LastModifiedDate', 'Last Modified Date', 'datetime')),
    readOnly(lookup('LastModifiedById', 'Last Modified By ID', 'User', 'LastModifiedBy')),
    readOnly(simple('SystemModstamp', 'System Modstamp', 'datetime')),
  ];
}

/** Multi-currency orgs add CurrencyIsoCode to every object with amounts. */
function currencyField(state: OrgData, writable: boolean): FieldDef[] {
  if (!state.org.IsMultiCurrency) return [];
  const codes = [...new Set([state.org.DefaultCurrencyIsoCode, ...state.currencyTypes.map((row) => row.IsoCode)])];
  return [
    picklist('CurrencyIsoCode', 'Currency ISO Code', codes, {
      length: 3,
      restrictedPicklist: true,
      writable,
      defaultValue: state.org.DefaultCurrencyIsoCode,
    }),
  ];
}

const defaultCurrency = (row: Row, state: OrgData): FieldValue =>
  state.org.IsMultiCurrency ? ((row.CurrencyIsoCode as string | undefined) ?? state.org.DefaultCurrencyIsoCode) : null;

// ---------------------------------------------------------------------------------------------------------
// Standard objects

const OPPORTUNITY_FIELDS: FieldDef[] = [
  lookup('AccountId', 'Account ID', 'Account', 'Account'),
  text('Name', 'Name', 120),
  number('Amount', 'Amount', 'currency', 18, 2),
  picklist(
    'StageName',
    'Stage',
    STAGES.map((stage) => stage.name),
  ),
  simple('CloseDate', 'Close Date', 'date'),
  number('Probability', 'Probability (%)', 'percent', 3, 0),
  picklist('ForecastCategoryName', 'Forecast Category', ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']),
  readOnly(simple('IsClosed', 'Closed', 'boolean')),
  readOnly(simple('IsWon', 'Won', 'boolean')),
  picklist('LeadSource', 'Lead Source', ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
  picklist('Type', 'Opportunity Type', ['New Business', 'Existing Customer - Upgrade', 'Existing Customer - Renewal']),
  lookup('OwnerId', 'Owner ID', 'User', 'Owner'),
];

const ACCOUNT_FIELDS: FieldDef[] = [
  text('Name', 'Account Name'),
  picklist('Type', 'Account Type', ['Customer - Direct', 'Customer - Channel', 'Prospect', 'Partner']),
  picklist('Industry', 'Industry', []),
  text('BillingCity', 'Billing City', 40),
  text('BillingState', 'Billing State/Province', 80),
  text('BillingCountry', 'Billing Country', 80),
  simple('Website', 'Website', 'url', { length: 255 }),
  lookup('OwnerId', 'Owner ID', 'User', 'Owner'),
  readOnly(simple('IsPartner', 'Partner Account', 'boolean')),
  picklist('Partner_Type__c', 'Partner Type', []),
  picklist('Partner_Tier__c', 'Partner Tier', ['Platinum', 'Gold', 'Silver', 'Registered']),
];

const USER_FIELDS: FieldDef[] = [
  readOnly(simple('Id', 'User ID', 'id', { length: 18 })),
  readOnly(text('Name', 'Full Name', 121)),
  text('FirstName', 'First Name', 40),
  text('LastName', 'Last Name', 80),
  text('Alias', 'Alias', 8),
  text('Username', 'Username', 80),
  simple('Email', 'Email', 'email', { length: 128 }),
  text('Title', 'Title', 80),
  simple('IsActive', 'Active', 'boolean'),
  readOnly(picklist('LocaleSidKey', 'Locale', [])),
];

const ORGANIZATION_FIELDS: FieldDef[] = [
  readOnly(simple('Id', 'Organization ID', 'id', { length: 18 })),
  readOnly(text('Name', 'Name', 80)),
  readOnly(picklist('DefaultCurrencyIsoCode', 'Currency ISO Code', ['USD', 'EUR', 'GBP', 'CAD', 'JPY'], { length: 3 })),
  readOnly(picklist('TimeZoneSidKey', 'Default Time Zone', [])),
  readOnly(picklist('OrganizationType', 'Edition', [])),
  readOnly(text('InstanceName', 'Instance Name', 5)),
];

/** CurrencyType exists only in multi-currency orgs (elsewhere SOQL answers INVALID_TYPE). */
const CURRENCY_TYPE_FIELDS: FieldDef[] = [
  readOnly(simple('Id', 'Currency Type ID', 'id', { length: 18 })),
  readOnly(picklist('IsoCode', 'Currency ISO Code', [], { length: 3 })),
  readOnly(number('ConversionRate', 'Conversion Rate', 'double', 18, 6)),
  readOnly(number('DecimalPlaces', 'Decimal Places', 'double', 2, 0)),
  readOnly(simple('IsActive', 'Active', 'boolean')),
  readOnly(simple('IsCorporate', 'Corporate', 'boolean')),
];

/** Standard objects without all the system fields in the seed data derive them from what is there. */
const standardDerived: Record<string, (row: Row, state: OrgData) => FieldValue> = {
  IsDeleted: () => false,
  CreatedById: (row) => (row.CreatedById as string | undefined) ?? (row.OwnerId as string | undefined) ?? null,
  LastModifiedById: (row) =>
    (row.LastModifiedById as string | undefined) ??
    (row.CreatedById as string | undefined) ??
    (row.OwnerId as string | undefined) ??
    null,
  LastModifiedDate: (row) =>
    (row.LastModifiedDate as string | undefined) ?? (row.CreatedDate as string | undefined) ?? null,
  SystemModstamp: (row) =>
    (row.SystemModstamp as string | undefined) ??
    (row.LastModifiedDate as string | undefined) ??
    (row.CreatedDate as string | undefined) ??
    null,
  CurrencyIsoCode: defaultCurrency,
};

// ---------------------------------------------------------------------------------------------------------
// Partner Ledger's custom objects

type AttributionFieldName = (typeof ATTRIBUTION_FIELDS)[keyof typeof ATTRIBUTION_FIELDS];

/** Every field the extension writes, with its type (a new name in org-objects.ts fails type-checking until typed). */
const ATTRIBUTION_FIELD_DEFS: Record<AttributionFieldName, FieldDef> = {
  Opportunity__c: lookup('Opportunity__c', 'Opportunity', 'Opportunity', 'Opportunity__r', { required: true }),
  Partner_Name__c: text('Partner_Name__c', 'Partner Name'),
  Partner_Key__c: text('Partner_Key__c', 'Partner Key'),
  Partner_Type__c: text('Partner_Type__c', 'Partner Type'),
  Partner_Account__c: lookup('Partner_Account__c', 'Partner Account', 'Account', 'Partner_Account__r'),
  Kind__c: picklist('Kind__c', 'Kind', ['sourced', 'influenced'], { restrictedPicklist: true }),
  Credit__c: number('Credit__c', 'Credit', 'percent', 5, 2),
  Note__c: longText('Note__c', 'Note', 32_768),
  Window_Override_Reason__c: longText('Window_Override_Reason__c', 'Window Override Reason', 32_768),
  Touches__c: longText('Touches__c', 'Touches', 131_072),
  Last_Touch_Date__c: simple('Last_Touch_Date__c', 'Last Touch Date', 'date'),
  Touch_Count__c: number('Touch_Count__c', 'Touch Count', 'double', 18, 0),
  Deleted__c: simple('Deleted__c', 'Deleted', 'boolean', { defaultValue: false }),
  Version__c: text('Version__c', 'Version'),
  Device_Id__c: text('Device_Id__c', 'Device Id'),
  Attributed_By__c: text('Attributed_By__c', 'Attributed By'),
  Attributed_At__c: simple('Attributed_At__c', 'Attributed At', 'datetime'),
};

const externalIdField = (): FieldDef =>
  text(ATTRIBUTION_EXTERNAL_ID, 'External Id', 255, { externalId: true, unique: true, caseSensitive: false });

function customHeaderFields(label: string): FieldDef[] {
  return [
    ...systemFields(),
    readOnly(text('Name', `${label} Name`, 80, { autoNumber: true })),
    lookup('OwnerId', 'Owner ID', 'User', 'Owner'),
  ];
}

const SUMMARY_FIELD_DEFS: FieldDef[] = [
  lookup('User__c', 'User', 'User', 'User__r'),
  simple('Week_Start__c', 'Week Start', 'date'),
  number('Sourced_Pipeline__c', 'Sourced Pipeline', 'currency', 16, 2),
  number('Influenced_Pipeline__c', 'Influenced Pipeline', 'currency', 16, 2),
  number('Sourced_Won__c', 'Sourced Won', 'currency', 16, 2),
  number('Influenced_Won__c', 'Influenced Won', 'currency', 16, 2),
  text('Currency__c', 'Currency', 3),
  number('Sourced_Share__c', 'Sourced Share', 'percent', 5, 2),
  longText('Details__c', 'Details', 131_072),
];

function customObject(
  name: typeof ATTRIBUTION_OBJECT | typeof SUMMARY_OBJECT,
  label: string,
  keyPrefix: string,
  ownFields: FieldDef[],
): ObjectDef {
  return {
    name,
    label,
    labelPlural: `${label}s`,
    keyPrefix,
    custom: true,
    writable: true,
    fields: (state) => [...customHeaderFields(label), externalIdField(), ...ownFields, ...currencyField(state, true)],
    childRelationships: () => [],
    rows: (state) => state.customObjects[name].records,
    installed: (state) => state.customObjects[name].installed,
    data: (state) => state.customObjects[name],
    derived: { CurrencyIsoCode: defaultCurrency },
  };
}

/** Key prefixes of the custom objects, as a deployment would assign them. */
export const CUSTOM_KEY_PREFIXES = { [ATTRIBUTION_OBJECT]: 'a0A', [SUMMARY_OBJECT]: 'a0B' } as const;

/** Auto-number display formats of the custom objects' Name fields. */
export const AUTO_NUMBER_PREFIXES = { [ATTRIBUTION_OBJECT]: 'PA-', [SUMMARY_OBJECT]: 'PAS-' } as const;

const attributionInstalled = (state: OrgData) => state.customObjects[ATTRIBUTION_OBJECT].installed;

export const OBJECTS: readonly ObjectDef[] = [
  {
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: KEY_PREFIXES.Opportunity,
    custom: false,
    writable: false,
    fields: (state) => [...systemFields(), ...OPPORTUNITY_FIELDS, ...currencyField(state, false)],
    childRelationships: (state) =>
      attributionInstalled(state)
        ? [
            {
              relationshipName: ATTRIBUTION_RELATIONSHIP,
              childSObject: ATTRIBUTION_OBJECT,
              field: ATTRIBUTION_FIELDS.opportunity,
            },
          ]
        : [],
    rows: (state) => state.opportunities as unknown as Row[],
    installed: () => true,
    derived: standardDerived,
  },
  {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: KEY_PREFIXES.Account,
    custom: false,
    writable: false,
    fields: (state) => [...systemFields(), ...ACCOUNT_FIELDS, ...currencyField(state, false)],
    childRelationships: (state) => [
      { relationshipName: 'Opportunities', childSObject: 'Opportunity', field: 'AccountId' },
      ...(attributionInstalled(state)
        ? [
            {
              relationshipName: ATTRIBUTION_RELATIONSHIP,
              childSObject: ATTRIBUTION_OBJECT,
              field: ATTRIBUTION_FIELDS.partnerAccount,
            },
          ]
        : []),
    ],
    rows: (state) => state.accounts as unknown as Row[],
    installed: () => true,
    derived: standardDerived,
  },
  {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: KEY_PREFIXES.User,
    custom: false,
    writable: false,
    fields: () => USER_FIELDS,
    childRelationships: () => [],
    rows: (state) => state.users as unknown as Row[],
    installed: () => true,
  },
  {
    name: 'Organization',
    label: 'Organization',
    labelPlural: 'Organizations',
    keyPrefix: KEY_PREFIXES.Organization,
    custom: false,
    writable: false,
    fields: () => ORGANIZATION_FIELDS,
    childRelationships: () => [],
    rows: (state) => [state.org as unknown as Row],
    installed: () => true,
  },
  {
    name: 'CurrencyType',
    label: 'Currency',
    labelPlural: 'Currencies',
    keyPrefix: '02N',
    custom: false,
    writable: false,
    fields: () => CURRENCY_TYPE_FIELDS,
    childRelationships: () => [],
    rows: (state) => state.currencyTypes as unknown as Row[],
    installed: (state) => state.org.IsMultiCurrency,
  },
  customObject(
    ATTRIBUTION_OBJECT,
    'Partner Attribution',
    CUSTOM_KEY_PREFIXES[ATTRIBUTION_OBJECT],
    Object.values(ATTRIBUTION_FIELD_DEFS),
  ),
  customObject(SUMMARY_OBJECT, 'Partner Attribution Summary', CUSTOM_KEY_PREFIXES[SUMMARY_OBJECT], SUMMARY_FIELD_DEFS),
];

/** The object by API name (case-insensitive), whether or not it is installed. */
export function findObject(name: string): ObjectDef | undefined {
  const lower = name.toLowerCase();
  return OBJECTS.find((object) => object.name.toLowerCase() === lower);
}

/** The object by API name when it exists in this org (custom objects only once deployed). */
export function findInstalledObject(state: OrgData, name: string): ObjectDef | undefined {
  const object = findObject(name);
  return object && object.installed(state) ? object : undefined;
}

export function findField(state: OrgData, object: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields(state).find((field) => field.name.toLowerCase() === lower);
}

/** The lookup field behind a parent relationship name (`Owner` → OwnerId). */
export function findRelationship(state: OrgData, object: ObjectDef, relationshipName: string): FieldDef | undefined {
  const lower = relationshipName.toLowerCase();
  return object
    .fields(state)
    .find((field) => field.type === 'reference' && field.relationshipName?.toLowerCase() === lower);
}

export function findChildRelationship(
  state: OrgData,
  object: ObjectDef,
  relationshipName: string,
): ChildRelationship | undefined {
  const lower = relationshipName.toLowerCase();
  return object.childRelationships(state).find((child) => child.relationshipName.toLowerCase() === lower);
}

/** A field's value on a row: stored, else derived, else null. */
export function readField(state: OrgData, object: ObjectDef, row: Row, field: string): FieldValue {
  const stored = row[field];
  if (stored !== undefined && !(field === 'CurrencyIsoCode' && !state.org.IsMultiCurrency)) return stored as FieldValue;
  const derive = object.derived?.[field];
  return derive ? derive(row, state) : null;
}

/** The object a record id belongs to, by key prefix. */
export function objectForId(state: OrgData, id: string): ObjectDef | undefined {
  const prefix = id.slice(0, 3);
  return OBJECTS.find((object) => object.keyPrefix === prefix && object.installed(state));
}

export const NUMERIC_TYPES: ReadonlySet<FieldType> = new Set(['double', 'currency', 'percent']);
export const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'picklist', 'email', 'url']);
