/**
 * Resolves a parsed SOQL query against the org's objects (strict, like Salesforce: unknown objects, fields and
 * relationships, wrongly typed literals and unfilterable fields are errors) and evaluates it over the records.
 *
 * Semantics follow SOQL: text comparisons and LIKE ignore case; `!=` and NOT IN match nulls; ids compare in their
 * 18-character form (a 15-character literal matches); ascending order puts nulls first and descending last;
 * DateTime values compared with date literals use their calendar date in the org's time zone.
 */
import { toId18 } from '../../../../lib/record-id';
import type { FieldValue, OrgData } from '../../data';
import { ApiError, invalidTypeMessage, noSuchColumnMessage } from '../errors';
import {
  findChildRelationship,
  findField,
  findInstalledObject,
  findRelationship,
  NUMERIC_TYPES,
  readField,
  TEXT_TYPES,
  type FieldDef,
  type ObjectDef,
  type Row,
} from '../schema';
import { formatDateTime, localDateOf, parseDateTime } from '../values';
import type {
  AggregateFunction,
  ComparisonOperator,
  Condition,
  FieldRef,
  Literal,
  OrderItem,
  Query,
  SelectItem,
} from './ast';
import { dateLiteralRange, type DateRange } from './dates';
import { locate } from './lexer';

export interface QueryEnv {
  state: OrgData;
  now: Date;
  /** `v66.0`: for `attributes.url`. */
  version: string;
  /** The query text, for error messages. */
  source: string;
  /** Opportunity field paths the user's profile hides (rest/field-access.ts): selecting one is INVALID_FIELD. */
  hiddenOpportunityFields?: ReadonlySet<string>;
}

export type JsonRecord = Record<string, unknown>;

export type QueryResult =
  | { kind: 'count'; totalSize: number }
  | { kind: 'records'; records: JsonRecord[]; aggregate: boolean };

/** Salesforce's limit on OFFSET. */
export const MAX_OFFSET = 2000;

function fail(env: QueryEnv, position: number, errorCode: string, message: string): never {
  throw new ApiError(400, errorCode, `${locate(env.source, position)}${message}`);
}

// ---------------------------------------------------------------------------------------------------------
// Records by id, built once per query

class Dataset {
  private readonly indexes = new Map<string, Map<string, Row>>();

  constructor(readonly state: OrgData) {}

  rows(object: ObjectDef): Row[] {
    return object.rows(this.state);
  }

  byId(object: ObjectDef, id: string): Row | undefined {
    let index = this.indexes.get(object.name);
    if (!index) {
      index = new Map(this.rows(object).map((row) => [String(row.Id), row]));
      this.indexes.set(object.name, index);
    }
    return index.get(id);
  }
}

function attributes(env: QueryEnv, object: ObjectDef, row: Row): JsonRecord {
  return { type: object.name, url: `/services/data/${env.version}/sobjects/${object.name}/${String(row.Id)}` };
}

// ---------------------------------------------------------------------------------------------------------
// Field paths

interface ResolvedField {
  ref: FieldRef;
  /** Lookup fields walked, and the parent object each leads to. */
  steps: FieldDef[];
  stepObjects: ObjectDef[];
  object: ObjectDef;
  field: FieldDef;
  /** Canonical spelling: relationship names then the field name. */
  canonical: string;
}

function resolveField(env: QueryEnv, root: ObjectDef, ref: FieldRef): ResolvedField {
  let object = root;
  const steps: FieldDef[] = [];
  const stepObjects: ObjectDef[] = [];
  const names: string[] = [];
  for (const segment of ref.path.slice(0, -1)) {
    const lookup = findRelationship(env.state, object, segment);
    const parent = lookup?.referenceTo ? findInstalledObject(env.state, lookup.referenceTo) : undefined;
    if (!lookup || !parent) {
      fail(
        env,
        ref.position,
        'INVALID_FIELD',
        `Didn't understand relationship '${segment}' in field path. If you are attempting to use a custom ` +
          `relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL ` +
          `or the describe call for the appropriate names.`,
      );
    }
    steps.push(lookup);
    stepObjects.push(parent);
    names.push(lookup.relationshipName!);
    object = parent;
  }
  const name = ref.path[ref.path.length - 1]!;
  const field = findField(env.state, object, name);
  if (!field)
    fail(env, ref.position, 'INVALID_FIELD', noSuchColumnMessage(ref.path.length > 1 ? name : ref.text, object.name));
  names.push(field.name);
  const canonical = names.join('.');
  if (root.name === 'Opportunity' && env.hiddenOpportunityFields?.has(canonical)) {
    fail(env, ref.position, 'INVALID_FIELD', noSuchColumnMessage(ref.text, root.name));
  }
  return { ref, steps, stepObjects, object, field, canonical };
}

function readResolved(ds: Dataset, root: ObjectDef, row: Row, resolved: ResolvedField): FieldValue {
  let object = root;
  let current: Row | undefined = row;
  for (let i = 0; i < resolved.steps.length; i++) {
    const id = readField(ds.state, object, current, resolved.steps[i]!.name);
    if (id === null || id === undefined) return null;
    object = resolved.stepObjects[i]!;
    current = ds.byId(object, String(id));
    if (!current) return null;
  }
  return readField(ds.state, object, current, resolved.field.name);
}

export function formatValue(field: FieldDef, value: FieldValue): FieldValue {
  if (value === null || value === undefined) return null;
  if (field.type === 'datetime' && typeof value === 'string') return formatDateTime(value);
  return value;
}

/** Writes a (possibly dotted) field into a result record, nesting parent records with their attributes. */
function project(
  env: QueryEnv,
  ds: Dataset,
  out: JsonRecord,
  object: ObjectDef,
  row: Row,
  resolved: ResolvedField,
  depth = 0,
): void {
  if (depth === resolved.steps.length) {
    out[resolved.field.name] = formatValue(resolved.field, readField(ds.state, object, row, resolved.field.name));
    return;
  }
  const lookup = resolved.steps[depth]!;
  const relationship = lookup.relationshipName!;
  if (out[relationship] === null) return;
  const id = readField(ds.state, object, row, lookup.name);
  const parentObject = resolved.stepObjects[depth]!;
  const parent = id === null ? undefined : ds.byId(parentObject, String(id));
  if (!parent) {
    out[relationship] = null;
    return;
  }
  let nested = out[relationship] as JsonRecord | undefined;
  if (!nested) {
    nested = { attributes: attributes(env, parentObject, parent) };
    out[relationship] = nested;
  }
  project(env, ds, nested, parentObject, parent, resolved, depth + 1);
}

// ---------------------------------------------------------------------------------------------------------
// Comparable values

type Comparable = string | number | boolean;

const isIdType = (field: FieldDef) => field.type === 'id' || field.type === 'reference';

function normalize(field: FieldDef, value: FieldValue): Comparable | null {
  if (value === null || value === undefined) return null;
  if (field.type === 'datetime')
    return typeof value === 'number' ? value : (parseDateTime(String(value)) ?? Date.parse(String(value)));
  if (TEXT_TYPES.has(field.type)) return String(value).toLowerCase();
  if (NUMERIC_TYPES.has(field.type)) return Number(value);
  if (field.type === 'boolean') return Boolean(value);
  return String(value);
}

function compare(a: Comparable, b: Comparable): number {
  const x = typeof a === 'boolean' ? Number(a) : a;
  const y = typeof b === 'boolean' ? Number(b) : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

function holds(operator: ComparisonOperator, order: number): boolean {
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/** The calendar date of a Date or DateTime value in the org's time zone. */
function calendarDate(env: QueryEnv, field: FieldDef, value: FieldValue): string | null {
  if (value === null || value === undefined) return null;
  if (field.type === 'date') return String(value);
  const ms = parseDateTime(String(value)) ?? Date.parse(String(value));
  return localDateOf(ms, env.state.org.TimeZoneSidKey || 'UTC');
}

function inRange(operator: ComparisonOperator, date: string, range: DateRange): boolean {
  switch (operator) {
    case '=':
      return date >= range.start && date < range.end;
    case '!=':
      return !(date >= range.start && date < range.end);
    case '<':
      return date < range.start;
    case '<=':
      return date < range.end;
    case '>':
      return date >= range.end;
    case '>=':
      return date >= range.start;
  }
}

type LiteralValue = { kind: 'value'; value: Comparable | null } | { kind: 'range'; range: DateRange };

function typeName(field: FieldDef): string {
  if (isIdType(field)) return 'id';
  if (TEXT_TYPES.has(field.type)) return 'string';
  if (NUMERIC_TYPES.has(field.type)) return 'double';
  if (field.type === 'datetime') return 'dateTime';
  return field.type;
}

/** Checks a literal against the field's type (as strictly as Salesforce) and makes it comparable. */
function literalFor(env: QueryEnv, resolved: ResolvedField, literal: Literal): LiteralValue {
  const field = resolved.field;
  const wrongType = (): never => {
    const quoted = isIdType(field) || TEXT_TYPES.has(field.type);
    fail(
      env,
      literal.position,
      'INVALID_FIELD',
      `value of filter criterion for field '${resolved.ref.text}' must be of type ${typeName(field)} and should ` +
        `${quoted ? '' : 'not '}be enclosed in quotes`,
    );
  };
  if (literal.kind === 'null') return { kind: 'value', value: null };
  if (isIdType(field)) {
    if (literal.kind !== 'string') return wrongType();
    const id = toId18(literal.value);
    if (!id) fail(env, literal.position, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${literal.value}`);
    return { kind: 'value', value: id };
  }
  if (TEXT_TYPES.has(field.type)) {
    if (literal.kind !== 'string') return wrongType();
    return { kind: 'value', value: literal.value.toLowerCase() };
  }
  if (NUMERIC_TYPES.has(field.type)) {
    if (literal.kind !== 'number') return wrongType();
    return { kind: 'value', value: literal.value };
  }
  if (field.type === 'boolean') {
    if (literal.kind !== 'boolean') return wrongType();
    return { kind: 'value', value: literal.value };
  }
  if (field.type === 'date' || field.type === 'datetime') {
    if (literal.kind === 'dateLiteral') {
      return {
        kind: 'range',
        range: dateLiteralRange(literal.name, literal.n, env.now, env.state.org.TimeZoneSidKey || 'UTC'),
      };
    }
    if (field.type === 'date' && literal.kind === 'date') return { kind: 'value', value: literal.value };
    if (field.type === 'datetime' && literal.kind === 'datetime') return { kind: 'value', value: literal.value };
    return wrongType();
  }
  return wrongType();
}

function checkFilterable(env: QueryEnv, resolved: ResolvedField): void {
  if (resolved.field.longText)
    fail(
      env,
      resolved.ref.position,
      'INVALID_FIELD',
      `field '${resolved.field.name}' can not be filtered in a query call`,
    );
}

/** LIKE pattern → RegExp: `%` any run, `_` one character, `\%` and `\_` literal; case-insensitive. */
export function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '\\' && (pattern.charAt(i + 1) === '%' || pattern.charAt(i + 1) === '_')) {
      source += `\\${pattern.charAt(i + 1)}`;
      i++;
    } else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

type Predicate = (row: Row) => boolean;

function compileCondition(env: QueryEnv, ds: Dataset, object: ObjectDef, condition: Condition): Predicate {
  switch (condition.kind) {
    case 'and': {
      const items = condition.items.map((item) => compileCondition(env, ds, object, item));
      return (row) => items.every((item) => item(row));
    }
    case 'or': {
      const items = condition.items.map((item) => compileCondition(env, ds, object, item));
      return (row) => items.some((item) => item(row));
    }
    case 'not': {
      const item = compileCondition(env, ds, object, condition.item);
      return (row) => !item(row);
    }
    case 'compare': {
      const resolved = resolveField(env, object, condition.field);
      checkFilterable(env, resolved);
      const literal = literalFor(env, resolved, condition.value);
      const { operator } = condition;
      if (literal.kind === 'range') {
        return (row) => {
          const date = calendarDate(env, resolved.field, readResolved(ds, object, row, resolved));
          return date === null ? operator === '!=' : inRange(operator, date, literal.range);
        };
      }
      const expected = literal.value;
      return (row) => {
        const actual = normalize(resolved.field, readResolved(ds, object, row, resolved));
        if (expected === null) return operator === '=' ? actual === null : operator === '!=' ? actual !== null : false;
        if (actual === null) return operator === '!=';
        return holds(operator, compare(actual, expected));
      };
    }
    case 'like': {
      const resolved = resolveField(env, object, condition.field);
      checkFilterable(env, resolved);
      if (!TEXT_TYPES.has(resolved.field.type) && !isIdType(resolved.field)) {
        fail(
          env,
          condition.field.position,
          'INVALID_FIELD',
          `invalid operator on field '${resolved.field.name}' of type ${typeName(resolved.field)}: LIKE needs a text ` +
            `field`,
        );
      }
      if (condition.pattern.kind !== 'string') {
        fail(
          env,
          condition.pattern.position,
          'INVALID_FIELD',
          `value of filter criterion for field '${condition.field.text}' must be of type string and should be ` +
            `enclosed in quotes`,
        );
      }
      const pattern = likeToRegExp(condition.pattern.value);
      return (row) => {
        const value = readResolved(ds, object, row, resolved);
        return value !== null && pattern.test(String(value));
      };
    }
    case 'in': {
      const resolved = resolveField(env, object, condition.field);
      checkFilterable(env, resolved);
      const literals = condition.values.map((value) => literalFor(env, resolved, value));
      const values = literals.filter((literal) => literal.kind === 'value').map((literal) => literal.value);
      const ranges = literals.filter((literal) => literal.kind === 'range').map((literal) => literal.range);
      const set = new Set(values);
      const matches: Predicate = (row) => {
        const raw = readResolved(ds, object, row, resolved);
        const actual = normalize(resolved.field, raw);
        if (set.has(actual)) return true;
        if (actual === null) return false;
        if (typeof actual === 'number' && values.some((value) => typeof value === 'number' && value === actual))
          return true;
        const date = ranges.length ? calendarDate(env, resolved.field, raw) : null;
        return date !== null && ranges.some((range) => inRange('=', date, range));
      };
      return condition.negated ? (row) => !matches(row) : matches;
    }
    case 'inQuery': {
      const resolved = resolveField(env, object, condition.field);
      checkFilterable(env, resolved);
      if (!isIdType(resolved.field)) {
        fail(
          env,
          condition.position,
          'INVALID_FIELD',
          `semi join sub-selects are only supported on id fields, not on '${resolved.field.name}'`,
        );
      }
      const ids = new Set(semiJoinIds(env, ds, condition.query));
      const matches: Predicate = (row) => {
        const value = readResolved(ds, object, row, resolved);
        return value !== null && ids.has(String(value));
      };
      return condition.negated ? (row) => !matches(row) : matches;
    }
  }
}

function semiJoinIds(env: QueryEnv, ds: Dataset, query: Query): string[] {
  const object = resolveFrom(env, query);
  const item = query.select[0];
  if (query.select.length !== 1 || item?.kind !== 'field') {
    fail(env, query.position, 'MALFORMED_QUERY', 'semi join sub-selects can only select one id field');
  }
  const resolved = resolveField(env, object, item.field);
  if (!isIdType(resolved.field))
    fail(env, item.field.position, 'MALFORMED_QUERY', 'semi join sub-selects can only select one id field');
  const plan = planRecords(env, ds, object, { ...query, select: [] });
  return plan
    .rows()
    .map((row) => readResolved(ds, object, row, resolved))
    .filter((value): value is string => value !== null)
    .map(String);
}

// ---------------------------------------------------------------------------------------------------------
// Ordering

function checkSortable(env: QueryEnv, resolved: ResolvedField): void {
  if (resolved.field.longText)
    fail(
      env,
      resolved.ref.position,
      'INVALID_FIELD',
      `field '${resolved.field.name}' can not be sorted in a query call`,
    );
}

function orderComparator<T>(
  keys: Array<{ value: (item: T) => Comparable | null; descending: boolean; nullsFirst: boolean }>,
): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key.value(a);
      const y = key.value(b);
      if (x === null && y === null) continue;
      if (x === null) return key.nullsFirst ? -1 : 1;
      if (y === null) return key.nullsFirst ? 1 : -1;
      const order = compare(x, y);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Plain (non-aggregate) queries

function resolveFrom(env: QueryEnv, query: Query): ObjectDef {
  const object = findInstalledObject(env.state, query.from.name);
  if (!object) fail(env, query.from.position, 'INVALID_TYPE', invalidTypeMessage(query.from.name));
  return object;
}

function checkWindow(query: Query): void {
  if (query.offset !== undefined && query.offset > MAX_OFFSET) {
    throw new ApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
}

interface RecordPlan {
  /** Matching rows, ordered, after OFFSET and LIMIT. */
  rows(candidates?: Row[]): Row[];
  project(row: Row): JsonRecord;
}

function planRecords(env: QueryEnv, ds: Dataset, object: ObjectDef, query: Query, nested = false): RecordPlan {
  checkWindow(query);
  const seen = new Set<string>();
  const projections: Array<(out: JsonRecord, row: Row) => void> = [];
  for (const item of query.select) {
    if (item.kind === 'aggregate')
      fail(
        env,
        item.position,
        'MALFORMED_QUERY',
        'Aggregate functions are not allowed in a child relationship subquery',
      );
    if (item.kind === 'field') {
      const resolved = resolveField(env, object, item.field);
      const key = resolved.canonical.toLowerCase();
      if (seen.has(key))
        fail(env, item.field.position, 'MALFORMED_QUERY', `duplicate field selected: ${resolved.canonical}`);
      seen.add(key);
      projections.push((out, row) => project(env, ds, out, object, row, resolved));
      continue;
    }
    if (nested)
      fail(env, item.position, 'MALFORMED_QUERY', 'Nesting of child relationship subqueries is not supported');
    projections.push(planChild(env, ds, object, item));
  }

  const filter = query.where ? compileCondition(env, ds, object, query.where) : undefined;
  const sort = query.orderBy ? compileOrder(env, ds, object, query.orderBy) : undefined;
  return {
    rows(candidates = ds.rows(object)) {
      let rows = filter ? candidates.filter(filter) : candidates.slice();
      if (sort)
        rows = rows
          .map((row, index) => ({ row, index }))
          .sort((a, b) => sort(a.row, b.row) || a.index - b.index)
          .map(({ row }) => row);
      const start = query.offset ?? 0;
      return rows.slice(start, query.limit === undefined ? undefined : start + query.limit);
    },
    project(row) {
      const out: JsonRecord = { attributes: attributes(env, object, row) };
      for (const projection of projections) projection(out, row);
      return out;
    },
  };
}

function compileOrder(env: QueryEnv, ds: Dataset, object: ObjectDef, orderBy: OrderItem[]): (a: Row, b: Row) => number {
  return orderComparator<Row>(
    orderBy.map((item) => {
      if (item.key.kind === 'aggregate')
        fail(env, item.key.position, 'MALFORMED_QUERY', 'Ordering by an aggregate needs an aggregate query');
      const resolved = resolveField(env, object, item.key.field);
      checkSortable(env, resolved);
      return {
        value: (row: Row) => normalize(resolved.field, readResolved(ds, object, row, resolved)),
        descending: item.descending,
        nullsFirst: item.nullsFirst,
      };
    }),
  );
}

/** `(SELECT … FROM Partner_Attributions__r …)`: `{ totalSize, done, records }`, or null without children. */
function planChild(
  env: QueryEnv,
  ds: Dataset,
  parent: ObjectDef,
  item: Extract<SelectItem, { kind: 'subquery' }>,
): (out: JsonRecord, row: Row) => void {
  const subquery = item.query;
  const relationship = findChildRelationship(env.state, parent, subquery.from.name);
  const child = relationship ? findInstalledObject(env.state, relationship.childSObject) : undefined;
  if (!relationship || !child) {
    fail(
      env,
      subquery.from.position,
      'INVALID_TYPE',
      `Didn't understand relationship '${subquery.from.name}' in FROM part of query call. If you are attempting to ` +
        `use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference ` +
        `your WSDL or the describe call for the appropriate names.`,
    );
  }
  if (subquery.groupBy)
    fail(env, subquery.position, 'MALFORMED_QUERY', 'GROUP BY is not allowed in a child relationship subquery');
  const plan = planRecords(env, ds, child, subquery, true);
  let byParent: Map<string, Row[]> | undefined;
  return (out, row) => {
    if (!byParent) {
      byParent = new Map();
      for (const childRow of ds.rows(child)) {
        const parentId = readField(ds.state, child, childRow, relationship.field);
        if (parentId === null) continue;
        const list = byParent.get(String(parentId)) ?? [];
        list.push(childRow);
        byParent.set(String(parentId), list);
      }
    }
    const rows = plan.rows(byParent.get(String(row.Id)) ?? []);
    out[relationship.relationshipName] = rows.length
      ? { totalSize: rows.length, done: true, records: rows.map((childRow) => plan.project(childRow)) }
      : null;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Aggregate queries

const GROUPABLE_TYPES = new Set(['id', 'reference', 'string', 'picklist', 'boolean', 'date', 'email', 'url']);

interface AggregateSpec {
  fn: AggregateFunction;
  resolved?: ResolvedField;
}

function resolveAggregate(
  env: QueryEnv,
  object: ObjectDef,
  fn: AggregateFunction,
  field: FieldRef | undefined,
  position: number,
): AggregateSpec {
  if (!field) return { fn };
  const resolved = resolveField(env, object, field);
  const type = resolved.field.type;
  const allowed =
    !resolved.field.longText &&
    (fn === 'COUNT' || fn === 'COUNT_DISTINCT'
      ? true
      : fn === 'SUM' || fn === 'AVG'
        ? NUMERIC_TYPES.has(type)
        : type !== 'boolean' && type !== 'textarea');
  if (!allowed)
    fail(env, position, 'INVALID_FIELD', `field ${resolved.field.name} does not support aggregate operator ${fn}`);
  return { fn, resolved };
}

/**
 * A currency amount in the org's corporate currency: SOQL docs, "convertCurrency()": "If a query includes a
 * GROUP BY or HAVING clause, currency data returned by using an aggregate function, such as SUM() or MAX(),
 * is in the org's default currency." Rates are units of a currency per corporate unit.
 */
function toCorporate(ds: Dataset, object: ObjectDef, row: Row, amount: FieldValue): FieldValue {
  if (amount === null || amount === undefined) return amount ?? null;
  const code = readField(ds.state, object, row, 'CurrencyIsoCode');
  const rate = ds.state.currencyTypes.find((currency) => currency.IsoCode === code)?.ConversionRate ?? 1;
  return Number(amount) / rate;
}

function aggregateValue(ds: Dataset, object: ObjectDef, spec: AggregateSpec, rows: Row[], grouped = false): FieldValue {
  if (!spec.resolved) return rows.length;
  const resolved = spec.resolved;
  const corporate =
    grouped &&
    resolved.field.type === 'currency' &&
    ds.state.org.IsMultiCurrency &&
    spec.fn !== 'COUNT' &&
    spec.fn !== 'COUNT_DISTINCT';
  const values = rows
    .map((row) => {
      const value = readResolved(ds, object, row, resolved);
      return corporate ? toCorporate(ds, object, row, value) : value;
    })
    .filter((value): value is Exclude<FieldValue, null> => value !== null && value !== undefined);
  switch (spec.fn) {
    case 'COUNT':
      return values.length;
    case 'COUNT_DISTINCT':
      return new Set(values.map((value) => normalize(resolved.field, value))).size;
    case 'SUM':
      return values.length ? values.reduce<number>((sum, value) => sum + Number(value), 0) : null;
    case 'AVG':
      return values.length ? values.reduce<number>((sum, value) => sum + Number(value), 0) / values.length : null;
    case 'MIN':
    case 'MAX': {
      if (!values.length) return null;
      let best = values[0]!;
      for (const value of values.slice(1)) {
        const order = compare(normalize(resolved.field, value)!, normalize(resolved.field, best)!);
        if (spec.fn === 'MIN' ? order < 0 : order > 0) best = value;
      }
      return formatValue(resolved.field, best);
    }
  }
}

function runAggregate(env: QueryEnv, ds: Dataset, object: ObjectDef, query: Query): JsonRecord[] {
  checkWindow(query);
  const groupBy = (query.groupBy ?? []).map((ref) => {
    const resolved = resolveField(env, object, ref);
    if (!GROUPABLE_TYPES.has(resolved.field.type) || resolved.field.longText) {
      fail(env, ref.position, 'INVALID_FIELD', `field '${resolved.field.name}' can not be grouped in a query call`);
    }
    return resolved;
  });
  const groupIndex = (resolved: ResolvedField) =>
    groupBy.findIndex((group) => group.canonical.toLowerCase() === resolved.canonical.toLowerCase());

  let expr = 0;
  const columns: Array<{ name: string; value: (rows: Row[], key: FieldValue[]) => FieldValue }> = [];
  for (const item of query.select) {
    if (item.kind === 'subquery')
      fail(env, item.position, 'MALFORMED_QUERY', 'Aggregate queries cannot contain child relationship subqueries');
    if (item.kind === 'field') {
      const resolved = resolveField(env, object, item.field);
      const index = groupIndex(resolved);
      if (index < 0)
        fail(
          env,
          item.field.position,
          'MALFORMED_QUERY',
          `Field must be grouped or aggregated: ${resolved.field.name}`,
        );
      columns.push({
        name: resolved.field.name,
        value: (_rows, key) => formatValue(resolved.field, key[index] ?? null),
      });
      continue;
    }
    if (!item.field) fail(env, item.position, 'MALFORMED_QUERY', 'COUNT() must be the only element in the SELECT list');
    const spec = resolveAggregate(env, object, item.fn, item.field, item.position);
    const name = item.alias ?? `expr${expr++}`;
    columns.push({ name, value: (rows) => aggregateValue(ds, object, spec, rows, groupBy.length > 0) });
  }
  const lowerNames = columns.map((column) => column.name.toLowerCase());
  const duplicate = lowerNames.find((name, index) => lowerNames.indexOf(name) !== index);
  if (duplicate) fail(env, query.position, 'MALFORMED_QUERY', `duplicate alias: ${duplicate}`);

  const filter = query.where ? compileCondition(env, ds, object, query.where) : undefined;
  const rows = filter ? ds.rows(object).filter(filter) : ds.rows(object);

  type Group = { key: FieldValue[]; rows: Row[] };
  let groups: Group[];
  if (groupBy.length === 0) {
    groups = [{ key: [], rows }];
  } else {
    const byKey = new Map<string, Group>();
    for (const row of rows) {
      const key = groupBy.map((resolved) => readResolved(ds, object, row, resolved));
      const id = JSON.stringify(key.map((value, i) => normalize(groupBy[i]!.field, value)));
      const group = byKey.get(id) ?? { key, rows: [] };
      group.rows.push(row);
      byKey.set(id, group);
    }
    groups = [...byKey.values()];
  }

  if (query.orderBy) {
    const keys = query.orderBy.map((item) => {
      if (item.key.kind === 'field') {
        const resolved = resolveField(env, object, item.key.field);
        const index = groupIndex(resolved);
        if (index < 0)
          fail(
            env,
            item.key.field.position,
            'MALFORMED_QUERY',
            `Ordered field must be grouped or aggregated: ${resolved.field.name}`,
          );
        return {
          value: (group: Group) => normalize(resolved.field, group.key[index] ?? null),
          descending: item.descending,
          nullsFirst: item.nullsFirst,
        };
      }
      const spec = resolveAggregate(env, object, item.key.fn, item.key.field, item.key.position);
      return {
        value: (group: Group) => {
          const value = aggregateValue(ds, object, spec, group.rows, groupBy.length > 0);
          return spec.resolved && value !== null ? normalize(spec.resolved.field, value) : (value as Comparable | null);
        },
        descending: item.descending,
        nullsFirst: item.nullsFirst,
      };
    });
    const sort = orderComparator<Group>(keys);
    groups = groups
      .map((group, index) => ({ group, index }))
      .sort((a, b) => sort(a.group, b.group) || a.index - b.index)
      .map(({ group }) => group);
  }
  const start = query.offset ?? 0;
  groups = groups.slice(start, query.limit === undefined ? undefined : start + query.limit);

  return groups.map((group) => {
    const out: JsonRecord = { attributes: { type: 'AggregateResult' } };
    for (const column of columns) out[column.name] = column.value(group.rows, group.key);
    return out;
  });
}

// ---------------------------------------------------------------------------------------------------------

export function executeQuery(env: QueryEnv, query: Query): QueryResult {
  const ds = new Dataset(env.state);
  const object = resolveFrom(env, query);

  const countAll = query.select.find((item) => item.kind === 'aggregate' && item.fn === 'COUNT' && !item.field);
  if (countAll) {
    if (query.select.length > 1 || query.groupBy)
      fail(
        env,
        (countAll as { position: number }).position,
        'MALFORMED_QUERY',
        'COUNT() must be the only element in the SELECT list',
      );
    const plan = planRecords(env, ds, object, { ...query, select: [] });
    return { kind: 'count', totalSize: plan.rows().length };
  }

  const aggregate = Boolean(query.groupBy) || query.select.some((item) => item.kind === 'aggregate');
  if (aggregate) return { kind: 'records', records: runAggregate(env, ds, object, query), aggregate: true };

  const plan = planRecords(env, ds, object, query);
  return { kind: 'records', records: plan.rows().map((row) => plan.project(row)), aggregate: false };
}
