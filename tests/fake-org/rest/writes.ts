/**
 * Creating and updating custom object records by external id: decoding JSON values into field values, the
 * per-record validation Salesforce does (lengths, ranges, restricted picklists, lookups, required fields,
 * read-only fields), and stamping the system fields.
 *
 * Decoding failures (a value the JSON deserializer cannot turn into the field's type, an unknown field) reject
 * the whole request with 400, as the REST API does; validation failures are per record.
 */
import { getKeyPrefix, isRecordId, toId18 } from '../../../lib/record-id';
import { makeRecordId, type CustomRecord, type FieldValue, type OrgData } from '../data';
import type { RestContext } from './context';
import { ApiError, type RecordError } from './errors';
import {
  AUTO_NUMBER_PREFIXES,
  findField,
  findInstalledObject,
  objectFields,
  NUMERIC_TYPES,
  TEXT_TYPES,
  type FieldDef,
  type ObjectDef,
} from './schema';
import { isCalendarDate, parseDateTime, toIsoInstant } from './values';

export interface DecodedRecord {
  values: Array<{ field: FieldDef; value: FieldValue }>;
  externalId: string | null;
}

function jsonToken(value: unknown): string {
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'number') return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (value === true) return 'VALUE_TRUE';
  if (value === false) return 'VALUE_FALSE';
  if (Array.isArray(value)) return 'START_ARRAY';
  return 'START_OBJECT';
}

function cannotDeserialize(type: string, value: unknown): ApiError {
  const shown = typeof value === 'object' && value !== null ? (Array.isArray(value) ? '[' : '{') : String(value);
  return new ApiError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${type} from ${jsonToken(value)} value ${shown} or request may be missing a ` +
      `required field`,
  );
}

/**
 * A JSON value as the field stores it, or a 400 JSON_PARSER_ERROR. Empty text is stored as null, as Salesforce does.
 */
export function decodeValue(field: FieldDef, value: unknown): FieldValue {
  if (value === null) return field.type === 'boolean' ? false : null;
  if (TEXT_TYPES.has(field.type)) {
    if (typeof value === 'string') return value === '' ? null : value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw cannotDeserialize('string', value);
  }
  switch (field.type) {
    case 'id':
    case 'reference':
      if (typeof value === 'string') return value === '' ? null : value;
      throw cannotDeserialize('reference', value);
    case 'double':
    case 'currency':
    case 'percent':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(value.trim()))
        return Number(value);
      throw cannotDeserialize(field.type === 'currency' ? 'currency' : 'double', value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw cannotDeserialize('boolean', value);
    case 'date':
      if (typeof value === 'string' && isCalendarDate(value)) return value;
      throw cannotDeserialize('date', value);
    case 'datetime': {
      const ms = typeof value === 'string' ? parseDateTime(value) : undefined;
      if (ms === undefined) throw cannotDeserialize('datetime', value);
      return toIsoInstant(ms);
    }
    default:
      throw cannotDeserialize(field.type, value);
  }
}

/** Fields of a JSON record (without `attributes`), decoded; unknown fields and undecodable values throw 400. */
export function decodeRecord(
  state: OrgData,
  object: ObjectDef,
  json: Record<string, unknown>,
  externalIdField: FieldDef,
): DecodedRecord {
  const values: DecodedRecord['values'] = [];
  let externalId: string | null = null;
  for (const [key, raw] of Object.entries(json)) {
    if (key === 'attributes') continue;
    const field = findField(state, object, key);
    if (!field) throw new ApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`);
    const value = decodeValue(field, raw);
    if (field === externalIdField || field.name === externalIdField.name) {
      externalId = value === null ? null : String(value);
      continue;
    }
    values.push({ field, value });
  }
  return { values, externalId };
}

/**
 * Rounds half away from zero at `scale` decimals, on the decimal digits (1.005 → 1.01), as Salesforce stores numbers.
 */
export function roundToScale(value: number, scale: number): number {
  const sign = value < 0 ? -1 : 1;
  const rounded = Number(`${Math.round(Number(`${Math.abs(value)}e${scale}`))}e-${scale}`);
  return sign * rounded;
}

const ellipsis = (text: string) => (text.length > 100 ? `${text.slice(0, 100)}...` : text);

/** Salesforce's per-record checks of the values to write. `existing` is the record being updated, if any. */
export function validateRecord(
  state: OrgData,
  object: ObjectDef,
  decoded: DecodedRecord,
  existing: CustomRecord | undefined,
  index?: RecordIndex,
): RecordError[] {
  const errors: RecordError[] = [];
  const readOnly = decoded.values.filter(({ field }) => !field.writable).map(({ field }) => field.name);
  if (readOnly.length) {
    errors.push({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message:
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this ` +
        `field and verify that it is read/write for your profile or permission set.`,
      fields: readOnly,
    });
  }
  for (const { field, value } of decoded.values) {
    if (!field.writable || value === null) continue;
    if (TEXT_TYPES.has(field.type) && field.length !== undefined && String(value).length > field.length) {
      errors.push({
        statusCode: 'STRING_TOO_LONG',
        message: `${field.label}: data value too large: ${ellipsis(String(value))} (max length=${field.length})`,
        fields: [field.name],
      });
    }
    if (NUMERIC_TYPES.has(field.type) && field.precision !== undefined) {
      const scale = field.scale ?? 0;
      const rounded = roundToScale(Number(value), scale);
      if (Math.abs(rounded) >= 10 ** (field.precision - scale)) {
        errors.push({
          statusCode: 'NUMBER_OUTSIDE_VALID_RANGE',
          message: `${field.label}: value outside of valid range on numeric field: ${String(value)}`,
          fields: [field.name],
        });
      }
    }
    if (field.type === 'picklist' && field.restrictedPicklist && !field.picklistValues?.includes(String(value))) {
      errors.push({
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: `${field.label}: bad value for restricted picklist field: ${String(value)}`,
        fields: [field.name],
      });
    }
    if (field.type === 'reference') {
      const error = checkReference(state, field, String(value));
      if (error) errors.push(error);
    }
  }
  errors.push(...duplicateValues(state, object, decoded, existing, index));
  const required = objectFields(state, object)
    .filter((field) => field.required && field.writable)
    .filter((field) => {
      const given = decoded.values.find((entry) => entry.field.name === field.name);
      return given
        ? given.value === null
        : !existing || existing[field.name] === null || existing[field.name] === undefined;
    })
    .map((field) => field.name);
  if (required.length) {
    errors.push({
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: `Required fields are missing: [${required.join(', ')}]`,
      fields: required,
    });
  }
  return errors;
}

const uniqueKey = (field: FieldDef, value: FieldValue) =>
  field.caseSensitive ? String(value) : String(value).toLowerCase();

/**
 * A unique field (other than the external id the write is matched by) whose value another record holds: Salesforce
 * refuses the record with DUPLICATE_VALUE, naming the record that has it
 * (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm,
 * "StatusCode": DUPLICATE_VALUE).
 */
export function duplicateValues(
  state: OrgData,
  object: ObjectDef,
  decoded: DecodedRecord,
  existing: CustomRecord | undefined,
  index: RecordIndex = new RecordIndex(state, object),
): RecordError[] {
  if (!object.data) return [];
  const errors: RecordError[] = [];
  for (const { field, value } of decoded.values) {
    if (!field.unique || value === null) continue;
    const holder = index.find(field, String(value)).find((record) => record !== existing);
    if (holder) {
      errors.push({
        statusCode: 'DUPLICATE_VALUE',
        message: `duplicate value found: ${field.name} duplicates value on record with id: ${String(holder.Id)}`,
        fields: [field.name],
      });
    }
  }
  return errors;
}

function checkReference(state: OrgData, field: FieldDef, value: string): RecordError | undefined {
  if (!isRecordId(value)) {
    return {
      statusCode: 'MALFORMED_ID',
      message: `${field.label}: id value of incorrect type: ${value}`,
      fields: [field.name],
    };
  }
  const target = field.referenceTo ? findInstalledObject(state, field.referenceTo) : undefined;
  if (!target || getKeyPrefix(value) !== target.keyPrefix) {
    return {
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: `${field.label}: id value of incorrect type: ${value}`,
      fields: [field.name],
    };
  }
  const id = toId18(value)!;
  if (!target.rows(state).some((row) => row.Id === id)) {
    return { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [field.name] };
  }
  return undefined;
}

/** Stored form of the decoded values: 18-character ids and numbers rounded to the field's scale. */
function storedValue(field: FieldDef, value: FieldValue): FieldValue {
  if (value === null) return null;
  if (field.type === 'reference') return toId18(String(value)) ?? value;
  if (NUMERIC_TYPES.has(field.type)) return roundToScale(Number(value), field.scale ?? 0);
  return value;
}

/**
 * An object's records by the value of each unique field (the external id among them), built once per request and
 * kept current as it writes, so a call of 200 records into a large object costs what Salesforce's indexes cost.
 */
export class RecordIndex {
  private readonly byField = new Map<string, { field: FieldDef; map: Map<string, CustomRecord[]> }>();

  constructor(
    private readonly state: OrgData,
    private readonly object: ObjectDef,
  ) {}

  private entry(field: FieldDef) {
    let entry = this.byField.get(field.name);
    if (!entry) {
      entry = { field, map: new Map() };
      for (const record of this.object.data?.(this.state).records ?? []) this.put(entry, record);
      this.byField.set(field.name, entry);
    }
    return entry;
  }

  private put(entry: { field: FieldDef; map: Map<string, CustomRecord[]> }, record: CustomRecord): void {
    const value = record[entry.field.name];
    if (value === null || value === undefined) return;
    const key = uniqueKey(entry.field, value as FieldValue);
    entry.map.set(key, [...(entry.map.get(key) ?? []), record]);
  }

  /** Records whose value of `field` matches (case-insensitively unless the field is case-sensitive). */
  find(field: FieldDef, value: string): CustomRecord[] {
    return this.entry(field).map.get(uniqueKey(field, value)) ?? [];
  }

  /** Call before a record's values change… */
  remove(record: CustomRecord): void {
    for (const entry of this.byField.values()) {
      const value = record[entry.field.name];
      if (value === null || value === undefined) continue;
      const key = uniqueKey(entry.field, value as FieldValue);
      const left = (entry.map.get(key) ?? []).filter((other) => other !== record);
      if (left.length) entry.map.set(key, left);
      else entry.map.delete(key);
    }
  }

  /** …and after. */
  add(record: CustomRecord): void {
    for (const entry of this.byField.values()) this.put(entry, record);
  }
}

/** Records whose external id matches (case-insensitively unless the field is case-sensitive). */
export function findByExternalId(state: OrgData, object: ObjectDef, field: FieldDef, value: string): CustomRecord[] {
  const wanted = field.caseSensitive ? value : value.toLowerCase();
  return object.data!(state).records.filter((record) => {
    const stored = record[field.name];
    if (stored === null || stored === undefined) return false;
    return (field.caseSensitive ? String(stored) : String(stored).toLowerCase()) === wanted;
  });
}

/** Inserts a record (new id, auto number, owner and system fields) or updates one; returns its id. */
export function applyWrite(
  context: RestContext,
  object: ObjectDef,
  externalIdField: FieldDef,
  decoded: DecodedRecord,
  existing: CustomRecord | undefined,
): string {
  const data = object.data!(context.state);
  const stamp = toIsoInstant(context.nextStamp());
  const user = context.userId;
  let record = existing;
  if (!record) {
    data.lastSequence += 1;
    const prefix = AUTO_NUMBER_PREFIXES[object.name as keyof typeof AUTO_NUMBER_PREFIXES] ?? '';
    record = {};
    for (const field of objectFields(context.state, object)) {
      if (field.type === 'boolean') record[field.name] = (field.defaultValue as boolean | undefined) ?? false;
      else if (field.defaultValue !== undefined) record[field.name] = field.defaultValue;
      else record[field.name] = null;
    }
    Object.assign(record, {
      Id: makeRecordId(object.keyPrefix, data.lastSequence),
      IsDeleted: false,
      Name: `${prefix}${String(data.lastSequence).padStart(6, '0')}`,
      OwnerId: user,
      CreatedDate: stamp,
      CreatedById: user,
      [externalIdField.name]: decoded.externalId,
    });
    data.records.push(record);
  }
  for (const { field, value } of decoded.values) record[field.name] = storedValue(field, value);
  record.LastModifiedDate = stamp;
  record.LastModifiedById = user;
  record.SystemModstamp = stamp;
  return String(record.Id);
}

/** The latest SystemModstamp of any custom record, so new stamps are strictly later. */
export function latestStamp(state: OrgData): number {
  let latest = 0;
  for (const data of Object.values(state.customObjects)) {
    for (const record of data.records) {
      const ms =
        typeof record.SystemModstamp === 'string'
          ? (parseDateTime(record.SystemModstamp) ?? Date.parse(record.SystemModstamp))
          : 0;
      if (ms > latest) latest = ms;
    }
  }
  return latest;
}
