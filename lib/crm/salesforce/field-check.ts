/**
 * The per-record checks Salesforce makes on a write, made before the write from the field metadata in
 * salesforce/ (field-limits.generated.ts): text lengths, restricted picklist values, number ranges and
 * required fields, with the status codes and messages the org would answer
 * (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm).
 * A record that fails here would be refused whatever the retry, so it is never sent.
 */
import { FIELD_LIMITS, type FieldLimit } from './field-limits.generated';

export interface FieldError {
  statusCode: string;
  message: string;
  fields: string[];
}

const TEXT_TYPES = new Set(['Text', 'LongTextArea', 'Picklist']);
const NUMBER_TYPES = new Set(['Number', 'Percent', 'Currency']);

const ellipsis = (text: string) => (text.length > 100 ? `${text.slice(0, 100)}...` : text);

/** What the org would refuse in this record of `object`; empty when it would take it. */
export function checkFields(
  object: keyof typeof FIELD_LIMITS,
  record: Readonly<Record<string, unknown>>,
): FieldError[] {
  const limits = FIELD_LIMITS[object] as Readonly<Record<string, FieldLimit>>;
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(record)) {
    const limit = limits[name];
    if (!limit || value === null || value === undefined || value === '') continue;
    if (TEXT_TYPES.has(limit.type) && limit.length !== undefined && String(value).length > limit.length) {
      errors.push({
        statusCode: 'STRING_TOO_LONG',
        message: `${limit.label}: data value too large: ${ellipsis(String(value))} (max length=${limit.length})`,
        fields: [name],
      });
    }
    if (limit.picklist?.restricted && !limit.picklist.values.includes(String(value))) {
      errors.push({
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: `${limit.label}: bad value for restricted picklist field: ${String(value)}`,
        fields: [name],
      });
    }
    if (NUMBER_TYPES.has(limit.type) && limit.precision !== undefined && typeof value === 'number') {
      const whole = limit.precision - (limit.scale ?? 0);
      if (!Number.isFinite(value) || Math.abs(value) >= 10 ** whole) {
        errors.push({
          statusCode: 'NUMBER_OUTSIDE_VALID_RANGE',
          message: `${limit.label}: value outside of valid range on numeric field: ${String(value)}`,
          fields: [name],
        });
      }
    }
  }
  const missing = Object.entries(limits)
    .filter(([name, limit]) => limit.required && !limit.formula && (record[name] === null || record[name] === ''))
    .map(([name]) => name);
  if (missing.length) {
    errors.push({
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: `Required fields are missing: [${missing.join(', ')}]`,
      fields: missing,
    });
  }
  return errors;
}

/**
 * Status codes that no retry can fix: the record itself is refused (too long, a value the picklist or a
 * validation rule refuses, a reference to a deleted record). Anything else (a locked row, a timeout) may pass
 * on a later try.
 */
const PERMANENT_STATUS_CODES: ReadonlySet<string> = new Set([
  'STRING_TOO_LONG',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'FIELD_FILTER_VALIDATION_EXCEPTION',
  'REQUIRED_FIELD_MISSING',
  'NUMBER_OUTSIDE_VALID_RANGE',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'INVALID_TYPE_ON_FIELD_IN_RECORD',
  'MALFORMED_ID',
  'FIELD_INTEGRITY_EXCEPTION',
  'INVALID_CROSS_REFERENCE_KEY',
  'INVALID_FIELD',
  'JSON_PARSER_ERROR',
]);

/** True when every error of a refused record is one no retry can fix. */
export function isPermanentRefusal(errors: readonly { statusCode?: string }[]): boolean {
  return errors.length > 0 && errors.every((error) => PERMANENT_STATUS_CODES.has(error.statusCode ?? ''));
}
