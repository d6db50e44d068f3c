/**
 * sObject resources: describeGlobal (`/sobjects/`), basic info (`/sobjects/X`), describe (`/sobjects/X/describe`),
 * retrieve (`/sobjects/X/{id}`, `?fields=`), get and upsert by external id (`/sobjects/X/{Field}/{value}`).
 */
import { hiddenOpportunityFields } from './field-access';
import { insufficientAccess, mayWrite } from './object-access';
import { isRecordId, toId18 } from '../../../lib/record-id';
import type { OrgData } from '../data';
import { ok, type RestContext, type ResourceResult } from './context';
import { ApiError, noSuchColumnMessage, notFound, type SalesforceErrorBody } from './errors';
import { failsRecord } from './faults';
import { DEFAULT_MESSAGES } from './errors';
import {
  findField,
  findInstalledObject,
  OBJECTS,
  readField,
  TEXT_TYPES,
  type FieldDef,
  type ObjectDef,
  type Row,
} from './schema';
import { formatValue, type JsonRecord } from './soql/evaluator';
import { applyWrite, decodeRecord, findByExternalId, validateRecord } from './writes';

const GROUPABLE = new Set(['id', 'reference', 'string', 'picklist', 'boolean', 'date', 'email', 'url']);
const NOT_NILLABLE = new Set([
  'Id',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'IsDeleted',
]);

function soapType(field: FieldDef): string {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'tns:ID';
    case 'boolean':
      return 'xsd:boolean';
    case 'double':
    case 'currency':
    case 'percent':
      return 'xsd:double';
    case 'date':
      return 'xsd:date';
    case 'datetime':
      return 'xsd:dateTime';
    default:
      return 'xsd:string';
  }
}

export function describeField(field: FieldDef): JsonRecord {
  const textual = TEXT_TYPES.has(field.type) || field.type === 'id' || field.type === 'reference';
  const numeric = field.precision !== undefined;
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: soapType(field),
    length: textual ? (field.length ?? 0) : 0,
    byteLength: textual ? (field.length ?? 0) * 3 : 0,
    precision: numeric ? field.precision : 0,
    scale: numeric ? (field.scale ?? 0) : 0,
    digits: 0,
    nillable: !field.required && field.type !== 'boolean' && !NOT_NILLABLE.has(field.name) && !field.autoNumber,
    createable: field.writable,
    updateable: field.writable,
    defaultedOnCreate: !field.writable || field.type === 'boolean' || field.name === 'OwnerId',
    defaultValue: field.defaultValue ?? null,
    filterable: !field.longText,
    sortable: !field.longText,
    groupable: GROUPABLE.has(field.type) && !field.longText,
    aggregatable: !field.longText && field.type !== 'boolean',
    custom: field.custom,
    externalId: Boolean(field.externalId),
    unique: Boolean(field.unique),
    caseSensitive: Boolean(field.caseSensitive),
    idLookup: field.type === 'id' || Boolean(field.externalId) || field.name === 'Name',
    nameField: field.name === 'Name',
    autoNumber: Boolean(field.autoNumber),
    calculated: false,
    htmlFormatted: false,
    extraTypeInfo: field.longText ? 'plaintextarea' : null,
    referenceTo: field.referenceTo ? [field.referenceTo] : [],
    relationshipName: field.relationshipName ?? null,
    picklistValues: (field.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: false,
      label: value,
      value,
      validFor: null,
    })),
    restrictedPicklist: Boolean(field.restrictedPicklist),
  };
}

function objectUrls(version: string, object: ObjectDef): Record<string, string> {
  const base = `/services/data/${version}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function globalEntry(version: string, object: ObjectDef, writable = object.writable): JsonRecord {
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.custom,
    customSetting: false,
    createable: writable,
    updateable: writable,
    deletable: writable,
    undeletable: writable,
    queryable: true,
    retrieveable: true,
    searchable: true,
    layoutable: true,
    triggerable: true,
    replicateable: true,
    mergeable: false,
    feedEnabled: false,
    urls: objectUrls(version, object),
  };
}

function installedObject(context: RestContext, name: string): ObjectDef {
  const object = findInstalledObject(context.state, name);
  if (!object) throw notFound();
  return object;
}

export function describeGlobal(context: RestContext): ResourceResult {
  const sobjects = OBJECTS.filter((object) => object.installed(context.state)).map((object) =>
    globalEntry(context.version, object, mayWrite(context.state, object, context.userId)),
  );
  return ok({ encoding: 'UTF-8', maxBatchSize: 200, sobjects });
}

export function basicInfo(context: RestContext, name: string): ResourceResult {
  const object = installedObject(context, name);
  return ok({
    objectDescribe: globalEntry(context.version, object, mayWrite(context.state, object, context.userId)),
    recentItems: [],
  });
}

/** The fields the user's profile can read (rest/field-access.ts): the describe leaves the others out. */
function visibleFields(context: RestContext, object: ObjectDef): FieldDef[] {
  const fields = object.fields(context.state);
  if (object.name !== 'Opportunity') return fields;
  const hidden = hiddenOpportunityFields(context.state, context.userId);
  return fields
    .filter((field) => !hidden.has(field.name))
    .map((field) =>
      field.relationshipName && hidden.has(`${field.relationshipName}.Name`)
        ? { ...field, relationshipName: undefined }
        : field,
    ) as FieldDef[];
}

export function describe(context: RestContext, name: string): ResourceResult {
  const object = installedObject(context, name);
  return ok({
    ...globalEntry(context.version, object, mayWrite(context.state, object, context.userId)),
    // Without the object permission no field is createable or updateable for this user.
    fields: visibleFields(context, object)
      .map((field) => (mayWrite(context.state, object, context.userId) ? field : { ...field, writable: false }))
      .map(describeField),
    childRelationships: object.childRelationships(context.state).map((child) => ({
      childSObject: child.childSObject,
      field: child.field,
      relationshipName: child.relationshipName,
      cascadeDelete: false,
      restrictedDelete: false,
      deprecatedAndHidden: false,
      junctionIdListNames: [],
      junctionReferenceTo: [],
    })),
    recordTypeInfos: [],
  });
}

export function recordJson(
  state: OrgData,
  version: string,
  object: ObjectDef,
  row: Row,
  fields: FieldDef[] = object.fields(state),
): JsonRecord {
  const out: JsonRecord = {
    attributes: { type: object.name, url: `/services/data/${version}/sobjects/${object.name}/${String(row.Id)}` },
  };
  for (const field of fields) out[field.name] = formatValue(field, readField(state, object, row, field.name));
  return out;
}

const externalIdMissing = (name: string) =>
  notFound(`Provided external ID field does not exist or is not accessible: ${name}`);

/** `GET /sobjects/X/{id}` (a segment that is no id is taken as an external id field name, as Salesforce does). */
export function retrieve(context: RestContext, name: string, idOrField: string): ResourceResult {
  const object = installedObject(context, name);
  if (!isRecordId(idOrField)) throw externalIdMissing(idOrField);
  const id = toId18(idOrField)!;
  const row = object.rows(context.state).find((candidate) => candidate.Id === id);
  if (!row) throw notFound();
  const wanted = context.searchParams.get('fields');
  let fields: FieldDef[] | undefined;
  if (wanted !== null) {
    fields = wanted
      .split(',')
      .map((field) => field.trim())
      .filter(Boolean)
      .map((field) => findField(context.state, object, field) ?? fail400InvalidField(field, object.name));
  }
  return ok(recordJson(context.state, context.version, object, row, fields));
}

function fail400InvalidField(field: string, objectName: string): never {
  throw new ApiError(400, 'INVALID_FIELD', noSuchColumnMessage(field, objectName));
}

function externalIdFieldOf(
  context: RestContext,
  object: ObjectDef,
  fieldName: string,
  missing: () => ApiError,
): FieldDef {
  const field = findField(context.state, object, fieldName);
  if (!field) throw missing();
  if (!field.externalId) {
    throw new ApiError(
      400,
      'INVALID_FIELD',
      `Field name provided, ${field.name} is not an External ID or indexed field for ${object.name}`,
    );
  }
  return field;
}

function multipleChoices(context: RestContext, object: ObjectDef, ids: string[]): ResourceResult {
  return { status: 300, json: ids.map((id) => `/services/data/${context.version}/sobjects/${object.name}/${id}`) };
}

/** `GET /sobjects/X/{Field}/{value}`. */
export function retrieveByExternalId(
  context: RestContext,
  name: string,
  fieldName: string,
  value: string,
): ResourceResult {
  const object = installedObject(context, name);
  const field = externalIdFieldOf(context, object, fieldName, () => externalIdMissing(fieldName));
  const matches = findByExternalId(context.state, object, field, value);
  if (matches.length === 0) throw notFound();
  if (matches.length > 1)
    return multipleChoices(
      context,
      object,
      matches.map((row) => String(row.Id)),
    );
  return ok(recordJson(context.state, context.version, object, matches[0]!));
}

export function parseJsonBody(body: string | undefined): unknown {
  try {
    return JSON.parse(body ?? '');
  } catch (error) {
    throw new ApiError(400, 'JSON_PARSER_ERROR', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** `PATCH /sobjects/X/{Field}/{value}`: 201 created, 200 (or 204) updated, 300 when several records match. */
export function upsertOne(context: RestContext, name: string, fieldName: string, value: string): ResourceResult {
  const object = installedObject(context, name);
  if (!object.writable)
    throw new ApiError(
      403,
      'INSUFFICIENT_ACCESS_OR_READONLY',
      `You do not have access to write ${object.name} records through this API`,
    );
  const field = externalIdFieldOf(context, object, fieldName, () => externalIdMissing(fieldName));
  const body = parseJsonBody(context.body);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      'Cannot deserialize instance of SObject from START_ARRAY value [ or request may be missing a required field',
    );
  }
  if (!mayWrite(context.state, object, context.userId)) {
    const refused = insufficientAccess();
    throw new ApiError(400, refused.statusCode, refused.message);
  }
  const decoded = decodeRecord(context.state, object, body as Record<string, unknown>, field);
  if (decoded.externalId !== null && decoded.externalId !== value) {
    throw new ApiError(
      400,
      'INVALID_FIELD',
      `${field.name}: the value in the request body does not match the value in the URL (${value})`,
      [field.name],
    );
  }
  decoded.externalId = value;

  const matches = findByExternalId(context.state, object, field, value);
  if (context.fault?.rule.multipleChoices) {
    const ids = matches.map((row) => String(row.Id));
    while (ids.length < 2) ids.push(toId18(`${object.keyPrefix}Zz0000${String(ids.length).padStart(6, '0')}`)!);
    return multipleChoices(context, object, ids);
  }
  if (matches.length > 1)
    return multipleChoices(
      context,
      object,
      matches.map((row) => String(row.Id)),
    );
  const existing = matches[0];

  const errors: SalesforceErrorBody[] = validateRecord(context.state, object, decoded, existing).map((error) => ({
    message: error.message,
    errorCode: error.statusCode,
    fields: error.fields,
  }));
  const failure = context.fault?.rule.perRecordFailure;
  if (failure && failsRecord(failure, value)) {
    const code = failure.statusCode ?? 'UNABLE_TO_LOCK_ROW';
    errors.push({ message: failure.message ?? DEFAULT_MESSAGES[code] ?? code, errorCode: code, fields: [] });
  }
  if (errors.length) return { status: 400, json: errors };

  const id = applyWrite(context, object, field, decoded, existing);
  if (!existing) return ok({ id, success: true, errors: [], created: true }, 201);
  if (context.settings.upsertUpdateStatus === 204) return { status: 204 };
  return ok({ id, success: true, errors: [], created: false });
}
