/**
 * The checks between the rows of a backup, which no single row's schema can make: duplicate keys, partners
 * that only differ by case or accents, two live attributions of one partner to one opportunity, and
 * references to rows that are not in the file. They read the rows as the file has them (upgraded to the
 * current schema), valid or not.
 */

/** The tables of an upgraded backup, as parsed from the file: rows not yet checked. */
export type RawTables = Record<string, unknown[]>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(row: unknown, key: string): string | undefined {
  if (!isRecord(row)) return undefined;
  const value = row[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Index of the first row of each key; a repeated key is reported at the later row and added to `repeated`.
 * `within` names a field the key is unique inside (a touch id is unique within its attribution).
 */
function indexRows(
  table: string,
  rows: readonly unknown[],
  key: string,
  problems: string[],
  repeated = new Set<string>(),
  within?: string,
): Map<string, number> {
  const first = new Map<string, number>();
  rows.forEach((row, index) => {
    const raw = isRecord(row) ? row[key] : undefined;
    if (typeof raw !== 'string' && typeof raw !== 'number') return;
    const scope = within === undefined ? '' : stringField(row, within);
    if (scope === undefined) return;
    const value = within === undefined ? String(raw) : JSON.stringify([scope, String(raw)]);
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, index);
    else {
      repeated.add(value);
      const same =
        within === undefined ? '' : `, in the same ${within === 'orgKey' ? 'org' : within.replace(/Id$/, '')}`;
      problems.push(`${table}[${index}].${key}: is also the ${key} of ${table}[${earlier}]${same}`);
    }
  });
  return first;
}

/**
 * What is wrong between the rows, each problem with its place. Rows that are invalid in themselves
 * (`invalidAttributions`: their indexes) still count as present, and are not compared with the rows that
 * refer to them, so one bad row is reported once.
 */
export function checkIntegrity(tables: RawTables, invalidAttributions: ReadonlySet<number>): string[] {
  const problems: string[] = [];
  const partners = tables['partners'] ?? [];
  const attributions = tables['attributions'] ?? [];
  const touches = tables['touches'] ?? [];

  const partnerIds = indexRows('partners', partners, 'id', problems);
  const repeatedAttributionIds = new Set<string>();
  const attributionIds = indexRows('attributions', attributions, 'id', problems, repeatedAttributionIds);
  // One org record is one attribution: two rows pointing at it would overwrite each other on every pull. A
  // sandbox copied from production keeps production's record ids, so the check is within each org.
  indexRows('attributions', attributions, 'remoteId', problems, new Set(), 'orgKey');
  // A touch id is unique within its attribution only: two claims may each hold a touch of the same id.
  indexRows('touches', touches, 'id', problems, new Set(), 'attributionId');
  indexRows('opportunities', tables['opportunities'] ?? [], 'id', problems);
  indexRows('audit', tables['audit'] ?? [], 'seq', problems);
  indexRows('settings', tables['settings'] ?? [], 'key', problems);

  const byName = new Map<string, number>();
  partners.forEach((row, index) => {
    const normalizedName = stringField(row, 'normalizedName');
    if (normalizedName === undefined) return;
    const earlier = byName.get(normalizedName);
    if (earlier === undefined) byName.set(normalizedName, index);
    else {
      const earlierName = stringField(partners[earlier], 'name') ?? '';
      problems.push(
        `partners[${index}].normalizedName: '${normalizedName}' is already used by partners[${earlier}] ` +
          `(${earlierName})`,
      );
    }
  });

  // Two live claims of one partner on one opportunity are allowed: two browsers can each make one before
  // they sync, and sync brings both to every browser. A backup restores what the browser holds.
  attributions.forEach((row, index) => {
    const partnerId = stringField(row, 'partnerId');
    if (partnerId === undefined) return;
    if (!partnerIds.has(partnerId)) {
      problems.push(`attributions[${index}].partnerId: no partner in this backup has the id ${partnerId}`);
    }
  });

  touches.forEach((row, index) => {
    const attributionId = stringField(row, 'attributionId');
    if (attributionId === undefined) return;
    const attributionIndex = attributionIds.get(attributionId);
    if (attributionIndex === undefined) {
      problems.push(`touches[${index}].attributionId: no attribution in this backup has the id ${attributionId}`);
      return;
    }
    if (invalidAttributions.has(attributionIndex) || repeatedAttributionIds.has(attributionId)) return;
    const expected = stringField(attributions[attributionIndex], 'opportunityId');
    const actual = stringField(row, 'opportunityId');
    if (expected !== undefined && actual !== undefined && actual !== expected) {
      problems.push(
        `touches[${index}].opportunityId: must be the opportunity of its attribution, ${expected} ` +
          `(attributions[${attributionIndex}])`,
      );
    }
  });
  return problems;
}
