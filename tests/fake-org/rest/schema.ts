/**
 * The objects the REST API exposes, described the way `describe` describes them: standard Opportunity, Account
 * and User (backed by the seed data) and Partner Ledger's custom objects (backed by `state.customObjects`).
 *
 * Partner Ledger's own fields, their limits and their relationship names come from the salesforce/ metadata
 * (lib/crm/salesforce/field-limits.generated.ts), so the fake org describes and validates them as a deployed org
 * does; tests/unit/fake-org/metadata-agreement.test.ts reads the metadata files again to hold that.
 */
import { FIELD_LIMITS, type FieldLimit } from '../../../lib/crm/salesforce/field-limits.generated';
import {
  ATTRIBUTION_EXTERNAL_ID,
  type ATTRIBUTION_FIELDS,
  ATTRIBUTION_OBJECT,
  SUMMARY_EXTERNAL_ID,
  SUMMARY_OBJECT,
} from '../../../lib/crm/salesforce/org-objects';
import { RULES_EXTERNAL_ID, RULES_OBJECT } from '../../../lib/crm/salesforce/queries/team-rules';
import { PARTNER_EXTERNAL_ID, PARTNER_NAME_LENGTH, PARTNER_OBJECT } from '../../../lib/crm/salesforce/queries/partners';
import { LEAD_STATUSES } from '../leads';
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

/** Lead fields the extension reads, and what conversion sets (tests/fake-org/leads.ts). */
const LEAD_FIELDS: FieldDef[] = [
  readOnly(text('Name', 'Full Name', 121)),
  text('FirstName', 'First Name', 40),
  text('LastName', 'Last Name', 80),
  text('Company', 'Company', 255),
  text('Title', 'Title', 128),
  simple('Email', 'Email', 'email', { length: 80 }),
  picklist('Status', 'Lead Status', LEAD_STATUSES),
  picklist('LeadSource', 'Lead Source', ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
  lookup('OwnerId', 'Owner ID', 'User', 'Owner'),
  readOnly(simple('IsConverted', 'Converted', 'boolean')),
  readOnly(simple('ConvertedDate', 'Converted Date', 'date')),
  readOnly(lookup('ConvertedAccountId', 'Converted Account ID', 'Account', 'ConvertedAccount')),
  readOnly(lookup('ConvertedContactId', 'Converted Contact ID', 'Contact', 'ConvertedContact')),
  readOnly(lookup('ConvertedOpportunityId', 'Converted Opportunity ID', 'Opportunity', 'ConvertedOpportunity')),
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
type CustomObjectName = typeof ATTRIBUTION_OBJECT | typeof SUMMARY_OBJECT | typeof RULES_OBJECT | typeof PARTNER_OBJECT;

/** A field as `describe` tells it, from the field's metadata file (lib/crm/salesforce/field-limits.generated.ts). */
export function fieldFromMetadata(name: string, limit: FieldLimit): FieldDef {
  const extra: Partial<FieldDef> = {
    ...(limit.required ? { required: true } : {}),
    ...(limit.externalId ? { externalId: true } : {}),
    ...(limit.unique ? { unique: true } : {}),
    ...(limit.caseSensitive !== undefined ? { caseSensitive: limit.caseSensitive } : {}),
  };
  const field = ((): FieldDef => {
    switch (limit.type) {
      case 'Text':
        return text(name, limit.label, limit.length, extra);
      case 'LongTextArea':
        return { ...longText(name, limit.label, limit.length!), ...extra };
      case 'Picklist':
        return picklist(name, limit.label, limit.picklist?.values ?? [], {
          ...extra,
          restrictedPicklist: Boolean(limit.picklist?.restricted),
        });
      case 'Lookup':
        // A lookup's parent relationship is the field's name with `__r` for `__c`.
        return lookup(name, limit.label, limit.referenceTo!, name.replace(/__c$/, '__r'), extra);
      case 'Number':
      case 'Percent':
      case 'Currency': {
        const type = limit.type === 'Number' ? 'double' : limit.type === 'Percent' ? 'percent' : 'currency';
        return number(name, limit.label, type, limit.precision!, limit.scale ?? 0, extra);
      }
      case 'Checkbox':
        return simple(name, limit.label, 'boolean', { ...extra, defaultValue: limit.defaultValue === 'true' });
      case 'Date':
        return simple(name, limit.label, 'date', extra);
      case 'DateTime':
        return simple(name, limit.label, 'datetime', extra);
      default:
        throw new Error(`${name}: the fake org does not know the field type ${limit.type}`);
    }
  })();
  return limit.formula ? readOnly(field) : field;
}

/** Every field the extension writes is in the metadata (a new name in org-objects.ts fails type-checking). */
const ATTRIBUTION_LIMITS: Record<AttributionFieldName, FieldLimit> & Record<string, FieldLimit> =
  FIELD_LIMITS[ATTRIBUTION_OBJECT];

/** The custom fields of one of Partner Ledger's objects, the external id left out (it comes after the header). */
function metadataFields(object: CustomObjectName, externalId: string): FieldDef[] {
  const limits: Record<string, FieldLimit> = object === ATTRIBUTION_OBJECT ? ATTRIBUTION_LIMITS : FIELD_LIMITS[object];
  return Object.entries(limits)
    .filter(([name]) => name !== externalId)
    .map(([name, limit]) => fieldFromMetadata(name, limit));
}

const externalIdField = (object: CustomObjectName, name: string): FieldDef =>
  fieldFromMetadata(name, (FIELD_LIMITS[object] as Record<string, FieldLimit>)[name]!);

/**
 * The child relationships of Partner Ledger's objects under a parent, as each lookup's metadata names them
 * (`<relationshipName>__r`).
 */
function customChildRelationships(state: OrgData, parent: string): ChildRelationship[] {
  return CUSTOM_OBJECTS.filter((object) => state.customObjects[object].installed).flatMap((object) =>
    Object.entries(FIELD_LIMITS[object] as Record<string, FieldLimit>)
      .filter(([, limit]) => limit.type === 'Lookup' && limit.referenceTo === parent && limit.relationshipName)
      .map(([field, limit]) => ({ relationshipName: `${limit.relationshipName}__r`, childSObject: object, field })),
  );
}

const CUSTOM_OBJECTS: readonly CustomObjectName[] = [ATTRIBUTION_OBJECT, SUMMARY_OBJECT, RULES_OBJECT, PARTNER_OBJECT];

/**
 * The standard header of a custom object. Its Name is an auto number or a required Text(80) field, as the object's
 * `nameField` declares (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customobject.htm).
 */
function customHeaderFields(label: string, nameLabel?: string): FieldDef[] {
  return [
    ...systemFields(),
    nameLabel
      ? text('Name', nameLabel, PARTNER_NAME_LENGTH, { required: true })
      : readOnly(text('Name', `${label} Name`, 80, { autoNumber: true })),
    lookup('OwnerId', 'Owner ID', 'User', 'Owner'),
  ];
}

function customObject(
  name: CustomObjectName,
  label: string,
  keyPrefix: string,
  externalId: string,
  nameLabel?: string,
): ObjectDef {
  return {
    name,
    label,
    labelPlural: `${label}s`,
    keyPrefix,
    custom: true,
    writable: true,
    fields: (state) => [
      ...customHeaderFields(label, nameLabel),
      externalIdField(name, externalId),
      ...metadataFields(name, externalId),
      ...currencyField(state, true),
    ],
    childRelationships: () => [],
    rows: (state) => state.customObjects[name].records,
    installed: (state) => state.customObjects[name].installed,
    data: (state) => state.customObjects[name],
    derived: { CurrencyIsoCode: defaultCurrency },
  };
}

/** Key prefixes of the custom objects, as a deployment would assign them. */
export const CUSTOM_KEY_PREFIXES = {
  [ATTRIBUTION_OBJECT]: 'a0A',
  [SUMMARY_OBJECT]: 'a0B',
  [RULES_OBJECT]: 'a0R',
  [PARTNER_OBJECT]: 'a0P',
} as const;

/** Auto-number display formats of the custom objects' Name fields. */
export const AUTO_NUMBER_PREFIXES = {
  [ATTRIBUTION_OBJECT]: 'PA-',
  [SUMMARY_OBJECT]: 'PAS-',
  [RULES_OBJECT]: 'PLR-',
} as const;

export const OBJECTS: readonly ObjectDef[] = [
  {
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: KEY_PREFIXES.Opportunity,
    custom: false,
    writable: false,
    fields: (state) => [...systemFields(), ...OPPORTUNITY_FIELDS, ...currencyField(state, false)],
    childRelationships: (state) => customChildRelationships(state, 'Opportunity'),
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
      ...customChildRelationships(state, 'Account'),
    ],
    rows: (state) => state.accounts as unknown as Row[],
    installed: () => true,
    derived: standardDerived,
  },
  {
    name: 'Lead',
    label: 'Lead',
    labelPlural: 'Leads',
    keyPrefix: KEY_PREFIXES.Lead,
    custom: false,
    writable: false,
    fields: (state) => [...systemFields(), ...LEAD_FIELDS, ...currencyField(state, false)],
    childRelationships: (state) => customChildRelationships(state, 'Lead'),
    rows: (state) => state.leads as unknown as Row[],
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
    childRelationships: (state) => customChildRelationships(state, 'User'),
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
    ATTRIBUTION_EXTERNAL_ID,
  ),
  customObject(SUMMARY_OBJECT, 'Partner Attribution Summary', CUSTOM_KEY_PREFIXES[SUMMARY_OBJECT], SUMMARY_EXTERNAL_ID),
  customObject(RULES_OBJECT, 'Partner Ledger Rules', CUSTOM_KEY_PREFIXES[RULES_OBJECT], RULES_EXTERNAL_ID),
  customObject(
    PARTNER_OBJECT,
    'Partner Ledger Partner',
    CUSTOM_KEY_PREFIXES[PARTNER_OBJECT],
    PARTNER_EXTERNAL_ID,
    'Partner Name',
  ),
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

/** Each object's fields by lower-case name, per org state and currency mode (the only thing they depend on). */
const fieldsCache = new WeakMap<
  OrgData,
  Map<string, { multiCurrency: boolean; list: FieldDef[]; byName: Map<string, FieldDef> }>
>();

function cachedFields(state: OrgData, object: ObjectDef) {
  let byObject = fieldsCache.get(state);
  if (!byObject) fieldsCache.set(state, (byObject = new Map()));
  let cached = byObject.get(object.name);
  if (!cached || cached.multiCurrency !== state.org.IsMultiCurrency) {
    const list = object.fields(state);
    cached = {
      multiCurrency: state.org.IsMultiCurrency,
      list,
      byName: new Map(list.map((field) => [field.name.toLowerCase(), field])),
    };
    byObject.set(object.name, cached);
  }
  return cached;
}

/** The object's fields (as `object.fields`), made once per org state and currency mode. */
export function objectFields(state: OrgData, object: ObjectDef): readonly FieldDef[] {
  return cachedFields(state, object).list;
}

export function findField(state: OrgData, object: ObjectDef, name: string): FieldDef | undefined {
  return cachedFields(state, object).byName.get(name.toLowerCase());
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
