/**
 * sObject Collections upsert: `PATCH /composite/sobjects/{Object}/{ExternalIdField}` with
 * `{ allOrNone?, records: [{ attributes: { type }, … }] }`, up to 200 records of the path's type.
 * A malformed request is a 400; otherwise 200 with one result per record, in order:
 * `{ id, success: true, errors: [], created }` or `{ success: false, errors: [{ statusCode, message, fields }] }`.
 * With allOrNone, any failure rolls everything back and the other records report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
import { ok, type RestContext, type ResourceResult } from './context';
import { ApiError, DEFAULT_MESSAGES, invalidTypeMessage, type RecordError } from './errors';
import { failsRecord } from './faults';
import { insufficientAccess, mayWrite } from './object-access';
import { findField, findInstalledObject, type FieldDef } from './schema';
import { parseJsonBody } from './sobjects';
import { applyWrite, decodeRecord, duplicateValues, RecordIndex, validateRecord, type DecodedRecord } from './writes';

export const MAX_COLLECTION_SIZE = 200;

type Result = { id: string; success: true; errors: []; created: boolean } | { success: false; errors: RecordError[] };

export function upsertCollection(context: RestContext, objectName: string, fieldName: string): ResourceResult {
  const object = findInstalledObject(context.state, objectName);
  if (!object) throw new ApiError(400, 'INVALID_TYPE', invalidTypeMessage(objectName));
  if (!object.writable)
    throw new ApiError(400, 'INVALID_TYPE', `${object.name} records cannot be upserted through this API`);
  const field: FieldDef | undefined = findField(context.state, object, fieldName);
  if (!field?.externalId) {
    throw new ApiError(
      400,
      'INVALID_FIELD',
      `Field name provided, ${field?.name ?? fieldName} is not an External ID or indexed field for ${object.name}`,
    );
  }

  const body = parseJsonBody(context.body);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      'Cannot deserialize instance of SObjectCollection from START_ARRAY value [ or request may be missing a ' +
        'required field',
    );
  }
  const { allOrNone = false, records } = body as { allOrNone?: unknown; records?: unknown };
  if (typeof allOrNone !== 'boolean') {
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of boolean from ${typeof allOrNone === 'string' ? 'VALUE_STRING' : 'VALUE'} value ` +
        `${String(allOrNone)} or request may be missing a required field`,
    );
  }
  if (!Array.isArray(records)) throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body needs a "records" array');
  if (records.length > MAX_COLLECTION_SIZE) {
    throw new ApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_COLLECTION_SIZE} records into this call`,
    );
  }

  // Request-level checks first: a malformed record rejects the whole request.
  const decoded: DecodedRecord[] = records.map((record, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new ApiError(400, 'JSON_PARSER_ERROR', `Record ${index} is not a JSON object`);
    }
    const type = (record as { attributes?: { type?: unknown } }).attributes?.type;
    if (typeof type !== 'string' || !type) {
      throw new ApiError(
        400,
        'JSON_PARSER_ERROR',
        `Record ${index} has no attributes.type: each record of an sObject collection must name its type`,
      );
    }
    if (type.toLowerCase() !== object.name.toLowerCase()) {
      throw new ApiError(
        400,
        'INVALID_TYPE',
        `Record ${index} is of type ${type}; this request only takes ${object.name} records`,
      );
    }
    return decodeRecord(context.state, object, record as Record<string, unknown>, field);
  });

  const counts = new Map<string, number>();
  for (const record of decoded) {
    if (record.externalId === null) continue;
    const key = field.caseSensitive ? record.externalId : record.externalId.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const failure = context.fault?.rule.perRecordFailure;
  const index = new RecordIndex(context.state, object);

  const plans = decoded.map((record) => {
    const errors: RecordError[] = [];
    let existing: ReturnType<RecordIndex['find']>[number] | undefined;
    if (!mayWrite(context.state, object, context.userId)) {
      errors.push(insufficientAccess());
    } else if (record.externalId === null) {
      errors.push({ statusCode: 'MISSING_ARGUMENT', message: `${field.name} not specified`, fields: [] });
    } else if ((counts.get(field.caseSensitive ? record.externalId : record.externalId.toLowerCase()) ?? 0) > 1) {
      errors.push({
        statusCode: 'DUPLICATE_EXTERNAL_ID',
        message: `Duplicate external id specified: ${record.externalId}`,
        fields: [field.name],
      });
    } else {
      const matches = index.find(field, record.externalId);
      if (matches.length > 1) {
        errors.push({
          statusCode: 'DUPLICATE_EXTERNAL_ID',
          message:
            `${field.label}: more than one record found for external id field: ` +
            `[${matches.map((match) => String(match.Id)).join(', ')}]`,
          fields: [field.name],
        });
      } else {
        existing = matches[0];
        errors.push(...validateRecord(context.state, object, record, existing, index));
      }
    }
    if (failure && failsRecord(failure, record.externalId)) {
      const code = failure.statusCode ?? 'UNABLE_TO_LOCK_ROW';
      errors.push({ statusCode: code, message: failure.message ?? DEFAULT_MESSAGES[code] ?? code, fields: [] });
    }
    return { record, existing, errors };
  });

  const anyFailed = plans.some((plan) => plan.errors.length > 0);
  const results: Result[] = plans.map((plan) => {
    if (plan.errors.length) return { success: false, errors: plan.errors };
    if (allOrNone && anyFailed) {
      return {
        success: false,
        errors: [
          {
            statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
            message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
            fields: [],
          },
        ],
      };
    }
    // Records are saved one after another: a unique value an earlier record of this call took is taken.
    const taken = duplicateValues(context.state, object, plan.record, plan.existing, index);
    if (taken.length) return { success: false, errors: taken };
    if (plan.existing) index.remove(plan.existing);
    const id = applyWrite(context, object, field, plan.record, plan.existing);
    index.add(plan.existing ?? object.data!(context.state).records.at(-1)!);
    return { id, success: true, errors: [], created: !plan.existing };
  });
  return ok(results);
}
