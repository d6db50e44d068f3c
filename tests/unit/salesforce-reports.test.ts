// The reports and dashboard in salesforce/ must deploy and must count what the product counts: every file
// parses and follows its Metadata API type, every field they name exists, every dashboard component shows a
// report that exists, and no report adds partner-sourced and partner-influenced amounts together.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_KINDS } from '../../lib/attribution/model';
import { ATTRIBUTION_OBJECT, ATTRIBUTION_RELATIONSHIP } from '../../lib/crm/salesforce/org-objects';
import { expectSchema, rootType } from './salesforce-schema';
import {
  METADATA_NS,
  PROJECT,
  SOURCE,
  child,
  children,
  fieldFiles,
  filesUnder,
  parse,
  parseXml,
  text,
  type XmlElement,
} from './salesforce-xml';

const REPORT_TYPE = 'Opportunities_with_Partner_Attributions';
const FOLDER = 'Partner_Ledger';
const REPORTS = {
  sourced: 'Partner_Sourced_Pipeline_by_Quarter',
  influenced: 'Partner_Influenced_Pipeline_by_Partner',
  won: 'Partner_Won_Revenue_by_Partner',
  review: 'Disputed_and_Needs_Review_Attributions',
} as const;

/**
 * Standard Opportunity fields the report type offers, named as report types name them (a lookup by its
 * relationship: Account, Owner). Every org has them; CurrencyIsoCode is not here because only multi-currency
 * orgs have it. Salesforce Object Reference, "Opportunity".
 */
const OPPORTUNITY_FIELDS = [
  'Account',
  'Amount',
  'CloseDate',
  'CreatedDate',
  'ForecastCategoryName',
  'Id',
  'IsClosed',
  'IsWon',
  'LeadSource',
  'Name',
  'Owner',
  'Probability',
  'StageName',
  'Type',
];
/** The types of the standard fields the reports filter on. */
const OPPORTUNITY_FIELD_TYPES: Record<string, string> = {
  IsClosed: 'Checkbox',
  IsWon: 'Checkbox',
  CreatedDate: 'DateTime',
  CloseDate: 'Date',
  Amount: 'Currency',
};
/** Standard fields every custom object has (its Name is the auto number). */
const CUSTOM_OBJECT_FIELDS = ['CreatedBy', 'CreatedDate', 'Id', 'LastModifiedBy', 'LastModifiedDate', 'Name', 'Owner'];

/** The root element every source file's suffix calls for (sf CLI source format). */
const ROOTS: Record<string, string> = {
  '.object-meta.xml': 'CustomObject',
  '.field-meta.xml': 'CustomField',
  '.listView-meta.xml': 'ListView',
  '.compactLayout-meta.xml': 'CompactLayout',
  '.permissionset-meta.xml': 'PermissionSet',
  '.reportType-meta.xml': 'ReportType',
  '.report-meta.xml': 'Report',
  '.reportFolder-meta.xml': 'ReportFolder',
  '.dashboard-meta.xml': 'Dashboard',
  '.dashboardFolder-meta.xml': 'DashboardFolder',
};
/** Files of the project that are not metadata. */
const NOT_METADATA = ['.gitignore', 'README.md', 'sfdx-project.json'];

const reportTypeFile = join(SOURCE, 'reportTypes', `${REPORT_TYPE}.reportType-meta.xml`);
const reportPath = (folder: string, name: string) => join(SOURCE, 'reports', folder, `${name}.report-meta.xml`);
const reportFiles = () =>
  filesUnder(join(SOURCE, 'reports', FOLDER)).filter((path) => path.endsWith('.report-meta.xml'));
const report = (name: string) => parse(reportPath(FOLDER, name));
const dashboard = () => parse(join(SOURCE, 'dashboards', FOLDER, `${FOLDER}.dashboard-meta.xml`));

/** `Table$Field` for every column the report type offers: the names reports use for its columns. */
function reportTypeColumns(): Set<string> {
  const type = parse(reportTypeFile);
  return new Set(
    children(type, 'sections').flatMap((section) =>
      children(section, 'columns').map((column) => `${text(column, 'table')}$${text(column, 'field')}`),
    ),
  );
}

/** The custom field a report column of the attributions names, or undefined for other columns. */
function attributionField(column: string): XmlElement | undefined {
  const [table, name] = column.split('$');
  return table === `Opportunity.${ATTRIBUTION_RELATIONSHIP}` ? fieldFiles(ATTRIBUTION_OBJECT).get(name!) : undefined;
}

function fieldType(column: string): string | undefined {
  const custom = attributionField(column);
  if (custom) return text(custom, 'type');
  const [table, name] = column.split('$');
  return table === 'Opportunity' ? OPPORTUNITY_FIELD_TYPES[name!] : undefined;
}

/** Every column name a report uses, wherever it uses it. */
function columnsUsed(root: XmlElement): string[] {
  const chart = children(root, 'chart')[0];
  return [
    ...children(root, 'columns').map((c) => text(c, 'field')!),
    ...children(root, 'filter').flatMap((f) => children(f, 'criteriaItems').map((c) => text(c, 'column')!)),
    ...[...children(root, 'groupingsDown'), ...children(root, 'groupingsAcross')].map((g) => text(g, 'field')!),
    ...children(root, 'timeFrameFilter').map((t) => text(t, 'dateColumn')!),
    ...(chart
      ? [
          ...['groupingColumn', 'secondaryGroupingColumn'].flatMap((name) => children(chart, name).map((e) => e.text)),
          ...children(chart, 'chartSummaries')
            .map((s) => text(s, 'column')!)
            .filter((c) => c !== 'RowCount'),
        ]
      : []),
  ];
}

function criteria(root: XmlElement): { column: string; operator: string; value: string }[] {
  return children(root, 'filter').flatMap((f) =>
    children(f, 'criteriaItems').map((c) => ({
      column: text(c, 'column')!,
      operator: text(c, 'operator')!,
      value: text(c, 'value') ?? '',
    })),
  );
}

const groupings = (root: XmlElement) => children(root, 'groupingsDown').map((g) => text(g, 'field'));
const summed = (root: XmlElement) =>
  children(root, 'columns')
    .filter((c) => children(c, 'aggregateTypes').some((a) => a.text === 'Sum'))
    .map((c) => text(c, 'field'));
const attributions = (name: string) => `Opportunity.${ATTRIBUTION_RELATIONSHIP}$${name}`;

describe('salesforce/ files', () => {
  it('parse: XML as well-formed metadata whose root matches its suffix, JSON as JSON, nothing else unknown', () => {
    const files = filesUnder(PROJECT)
      .map((path) => relative(PROJECT, path))
      // Local state of the sf CLI, ignored by git.
      .filter((path) => !/^\.sfdx?\//.test(path));
    expect(files.length).toBeGreaterThan(40);
    for (const path of files) {
      if (path.endsWith('.json')) {
        expect(() => JSON.parse(readFileSync(join(PROJECT, path), 'utf8')), path).not.toThrow();
        continue;
      }
      if (NOT_METADATA.includes(path)) continue;
      const suffix = Object.keys(ROOTS).find((s) => path.endsWith(s));
      expect(suffix, `${path} is not a metadata file the sf CLI knows`).toBeDefined();
      const root = parse(join(PROJECT, path));
      expect(root.name, path).toBe(ROOTS[suffix!]);
      expect(root.attributes.xmlns, path).toBe(METADATA_NS);
    }
  });

  it('follow the Metadata API type of their root element', () => {
    let checked = 0;
    for (const path of filesUnder(join(PROJECT, 'force-app')).filter((p) => p.endsWith('-meta.xml'))) {
      const root = parse(path);
      const type = rootType(root);
      if (!type) continue;
      expectSchema(root, type, relative(PROJECT, path));
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('are read by a parser that refuses what a deploy refuses', () => {
    const ns = `xmlns="${METADATA_NS}"`;
    expect(parseXml(`<Report ${ns}><name>A &amp; B</name></Report>`, 'ok').children[0]!.text).toBe('A & B');
    for (const bad of [
      `<Report ${ns}><name>A & B</name></Report>`,
      `<Report ${ns}><name>A &nbsp; B</name></Report>`,
      `<Report ${ns}><name>A</Report>`,
      `<Report ${ns}/><Report ${ns}/>`,
      `<Report ${ns}/>trailing`,
    ]) {
      expect(() => parseXml(bad, 'bad'), bad).toThrow(/not well-formed/);
    }
  });
});

describe('the report type', () => {
  it('joins opportunities to their attributions through the relationship the object metadata defines', () => {
    const type = parse(reportTypeFile);
    expect(text(type, 'label')).toBe('Opportunities with Partner Attributions');
    expect(text(type, 'baseObject')).toBe('Opportunity');
    expect(text(type, 'deployed')).toBe('true');

    const lookups = [...fieldFiles(ATTRIBUTION_OBJECT).values()].filter(
      (f) => text(f, 'type') === 'Lookup' && text(f, 'referenceTo') === 'Opportunity',
    );
    expect(lookups).toHaveLength(1);
    const join = child(type, 'join');
    expect(text(join, 'relationship')).toBe(`${text(lookups[0]!, 'relationshipName')}__r`);
    expect(text(join, 'relationship')).toBe(ATTRIBUTION_RELATIONSHIP);
    // Inner join: an opportunity without attributions has nothing to report here.
    expect(text(join, 'outerJoin')).toBe('false');
    expect(children(join, 'join')).toEqual([]);

    expect(children(type, 'sections').map((s) => children(s, 'columns').map((c) => text(c, 'table')))).toEqual([
      expect.arrayContaining(['Opportunity']),
      expect.arrayContaining([`Opportunity.${ATTRIBUTION_RELATIONSHIP}`]),
    ]);
  });

  it('offers only fields that exist: standard ones listed here, custom ones in the object metadata', () => {
    const type = parse(reportTypeFile);
    const custom = fieldFiles(ATTRIBUTION_OBJECT);
    const seen = new Set<string>();
    for (const section of children(type, 'sections')) {
      const tables = new Set(children(section, 'columns').map((c) => text(c, 'table')));
      expect(tables.size, text(section, 'masterLabel')).toBe(1);
      for (const column of children(section, 'columns')) {
        const [table, name] = [text(column, 'table')!, text(column, 'field')!];
        const onAttribution = custom.has(name) || CUSTOM_OBJECT_FIELDS.includes(name);
        const known =
          table === 'Opportunity'
            ? OPPORTUNITY_FIELDS.includes(name)
            : table === `Opportunity.${ATTRIBUTION_RELATIONSHIP}` && onAttribution;
        expect(known, `${table}.${name}`).toBe(true);
        expect(seen.has(`${table}$${name}`), `${table}.${name} twice`).toBe(false);
        seen.add(`${table}$${name}`);
      }
    }
    // The bookkeeping fields and the raw evidence JSON stay out of reports.
    for (const name of ['External_Id__c', 'Version__c', 'Device_Id__c', 'Touches__c']) {
      expect(seen.has(attributions(name)), name).toBe(false);
    }
  });
});

describe('the reports', () => {
  it('are the four reports of the Partner Ledger folder, which has its folder file', () => {
    expect(
      reportFiles()
        .map((path) => basename(path, '.report-meta.xml'))
        .sort(),
    ).toEqual(Object.values(REPORTS).sort());
    const folder = parse(join(SOURCE, 'reports', `${FOLDER}.reportFolder-meta.xml`));
    expect(text(folder, 'name')).toBe('Partner Ledger');
  });

  it('use the report type and name only columns it offers', () => {
    const offered = reportTypeColumns();
    for (const path of reportFiles()) {
      const root = parse(path);
      const label = basename(path);
      expect(text(root, 'reportType'), label).toBe(`${REPORT_TYPE}__c`);
      expect(existsSync(reportTypeFile)).toBe(true);
      for (const column of columnsUsed(root)) expect(offered.has(column), `${label}: ${column}`).toBe(true);
    }
  });

  it('are summaries with a name, a description, groupings outside the columns, charts on their groupings', () => {
    for (const path of reportFiles()) {
      const root = parse(path);
      const label = basename(path);
      expect(text(root, 'format'), label).toBe('Summary');
      expect(text(root, 'name')!.length, label).toBeLessThanOrEqual(40);
      expect(text(root, 'description')?.length ?? 0, label).toBeGreaterThan(0);
      expect(text(root, 'description')!.length, label).toBeLessThanOrEqual(255);
      const grouped = groupings(root);
      expect(grouped.length, label).toBeGreaterThan(0);
      const columns = children(root, 'columns').map((c) => text(c, 'field'));
      for (const field of grouped) expect(columns, `${label}: ${field}`).not.toContain(field);

      const chart = children(root, 'chart')[0];
      if (!chart) continue;
      for (const name of ['groupingColumn', 'secondaryGroupingColumn']) {
        for (const element of children(chart, name)) expect(grouped, `${label}: ${name}`).toContain(element.text);
      }
      for (const summary of children(chart, 'chartSummaries')) {
        const column = children(root, 'columns').find((c) => text(c, 'field') === text(summary, 'column'));
        const aggregates = column ? children(column, 'aggregateTypes').map((a) => a.text) : [];
        expect(aggregates, `${label}: chart of ${text(summary, 'column')}`).toContain(text(summary, 'aggregate'));
      }
    }
  });

  it('filter with values the fields can hold: 0 or 1 for checkboxes, API names for kinds', () => {
    for (const path of reportFiles()) {
      for (const { column, value } of criteria(parse(path))) {
        const type = fieldType(column);
        expect(type, `${basename(path)}: ${column}`).toBeDefined();
        if (type === 'Checkbox') expect(['0', '1'], `${basename(path)}: ${column}`).toContain(value);
        if (column === attributions('Kind__c')) expect(ATTRIBUTION_KINDS).toContain(value);
        if (type === 'Percent' || type === 'Number') expect(Number.isFinite(Number(value))).toBe(true);
      }
    }
  });

  it('leave out removed claims', () => {
    for (const path of reportFiles()) {
      expect(criteria(parse(path)), basename(path)).toContainEqual({
        column: attributions('Deleted__c'),
        operator: 'equals',
        value: '0',
      });
    }
  });

  it('never add sourced and influenced amounts: one kind per report, or a subtotal per kind and no grand total', () => {
    const summing = reportFiles().filter((path) => summed(parse(path)).length > 0);
    expect(summing).toHaveLength(3);
    for (const path of summing) {
      const root = parse(path);
      const kinds = criteria(root).filter((c) => c.column === attributions('Kind__c'));
      if (kinds.length > 0) {
        expect(kinds, basename(path)).toHaveLength(1);
        expect(kinds[0]!.operator, basename(path)).toBe('equals');
        expect(kinds[0]!.value.split(',')).toHaveLength(1);
      } else {
        expect(groupings(root)[0], basename(path)).toBe(attributions('Kind__c'));
        expect(text(root, 'showGrandTotal'), basename(path)).toBe('false');
      }
    }
  });

  it('sum the opportunity amount only where each opportunity is one row: its one sourced claim', () => {
    for (const path of reportFiles()) {
      const root = parse(path);
      if (!summed(root).includes('Opportunity$Amount')) continue;
      const sourcedOnly = { column: attributions('Kind__c'), operator: 'equals', value: 'sourced' };
      expect(criteria(root), basename(path)).toContainEqual(sourcedOnly);
    }
  });

  it('answer their questions: sourced pipeline by quarter created, in full amounts', () => {
    const root = report(REPORTS.sourced);
    expect(summed(root)).toEqual(['Opportunity$Amount']);
    const [grouping] = children(root, 'groupingsDown');
    expect(text(grouping!, 'field')).toBe('Opportunity$CreatedDate');
    expect(text(grouping!, 'dateGranularity')).toBe('FiscalQuarter');
    expect(text(child(root, 'timeFrameFilter'), 'dateColumn')).toBe('Opportunity$CreatedDate');
  });

  it('answer their questions: influenced pipeline by partner, weighted by credit', () => {
    const root = report(REPORTS.influenced);
    expect(criteria(root)).toContainEqual({ column: attributions('Kind__c'), operator: 'equals', value: 'influenced' });
    expect(summed(root)).toEqual([attributions('Credited_Amount__c')]);
    expect(groupings(root)).toEqual([attributions('Partner_Name__c')]);
  });

  it('answer their questions: won revenue by partner, closed this fiscal year', () => {
    const root = report(REPORTS.won);
    expect(criteria(root)).toContainEqual({ column: 'Opportunity$IsWon', operator: 'equals', value: '1' });
    expect(text(child(root, 'timeFrameFilter'), 'dateColumn')).toBe('Opportunity$CloseDate');
    expect(text(child(root, 'timeFrameFilter'), 'interval')).toBe('INTERVAL_CURFY');
    expect(summed(root)).toEqual([attributions('Credited_Amount__c')]);
    expect(groupings(root)).toEqual([attributions('Kind__c'), attributions('Partner_Name__c')]);
  });

  it('answer their questions: the claims that need review, by opportunity, whenever they were made', () => {
    const root = report(REPORTS.review);
    expect(criteria(root)).toContainEqual({ column: attributions('Needs_Review__c'), operator: 'equals', value: '1' });
    expect(groupings(root)).toEqual(['Opportunity$Name']);
    expect(text(child(root, 'timeFrameFilter'), 'interval')).toBe('INTERVAL_CUSTOM');
    expect(children(child(root, 'timeFrameFilter'), 'startDate')).toEqual([]);
  });
});

describe('the dashboard', () => {
  const components = () =>
    children(child(dashboard(), 'dashboardGridLayout'), 'dashboardGridComponents').map((grid) => ({
      grid,
      component: child(grid, 'dashboardComponent'),
    }));

  it('lives in the Partner Ledger dashboard folder, which has its folder file', () => {
    expect(text(dashboard(), 'title')).toBe('Partner Ledger');
    const folder = parse(join(SOURCE, 'dashboards', `${FOLDER}.dashboardFolder-meta.xml`));
    expect(text(folder, 'name')).toBe('Partner Ledger');
  });

  it('shows each report of the folder once, and every component points at a report that exists', () => {
    const shown = components().map(({ component }) => text(component, 'report')!);
    for (const reference of shown) {
      const [folder, name, ...rest] = reference.split('/');
      expect(rest, reference).toEqual([]);
      expect(existsSync(reportPath(folder!, name!)), reference).toBe(true);
    }
    expect(shown.sort()).toEqual(
      Object.values(REPORTS)
        .map((name) => `${FOLDER}/${name}`)
        .sort(),
    );
  });

  it("uses a report's chart only where the report has one, in the same shape, and a table otherwise", () => {
    const componentFor: Record<string, string> = {
      VerticalColumn: 'Column',
      HorizontalBar: 'Bar',
      HorizontalBarGrouped: 'BarGrouped',
    };
    for (const { component } of components()) {
      const [folder, name] = text(component, 'report')!.split('/');
      const chart = children(parse(reportPath(folder!, name!)), 'chart')[0];
      if (text(component, 'useReportChart') === 'true') {
        expect(chart, name).toBeDefined();
        expect(text(component, 'componentType'), name).toBe(componentFor[text(chart!, 'chartType')!]);
      } else {
        expect(text(component, 'componentType'), name).toBe('Table');
      }
    }
  });

  it('places every component inside the grid without overlaps', () => {
    const layout = child(dashboard(), 'dashboardGridLayout');
    const columns = Number(text(layout, 'numberOfColumns'));
    const taken = new Set<string>();
    for (const { grid } of components()) {
      const place = (name: string) => Number(text(grid, name));
      const [col, row, width, height] = [place('columnIndex'), place('rowIndex'), place('colSpan'), place('rowSpan')];
      expect(col! + width!).toBeLessThanOrEqual(columns);
      for (let x = col!; x < col! + width!; x++) {
        for (let y = row!; y < row! + height!; y++) {
          expect(taken.has(`${x},${y}`), `cell ${x},${y}`).toBe(false);
          taken.add(`${x},${y}`);
        }
      }
    }
  });

  it('runs as each viewer, so a folder shared with everyone shows no one more than they may read', () => {
    const root = dashboard();
    expect(text(root, 'dashboardType')).toBe('LoggedInUser');
    expect(children(root, 'runningUser')).toEqual([]);
    expect(text(root, 'isGridLayout')).toBe('true');
    for (const { component } of components()) {
      expect(text(component, 'header')!.length).toBeLessThanOrEqual(80);
      expect(text(component, 'footer')?.length ?? 0).toBeLessThanOrEqual(255);
    }
  });
});

describe('the folders', () => {
  it('share the reports and the dashboard read-only with all internal users', () => {
    for (const path of [
      join(SOURCE, 'reports', `${FOLDER}.reportFolder-meta.xml`),
      join(SOURCE, 'dashboards', `${FOLDER}.dashboardFolder-meta.xml`),
    ]) {
      const shares = children(parse(path), 'folderShares').map((share) => ({
        accessLevel: text(share, 'accessLevel'),
        sharedTo: text(share, 'sharedTo'),
        sharedToType: text(share, 'sharedToType'),
      }));
      const everyoneMayView = { accessLevel: 'View', sharedTo: 'AllInternalUsers', sharedToType: 'Organization' };
      expect(shares, basename(path)).toEqual([everyoneMayView]);
    }
  });

  it('hold every report and dashboard of the project in a folder with its own folder file', () => {
    for (const path of filesUnder(SOURCE)) {
      const kind = (['report', 'dashboard'] as const).find((k) => path.endsWith(`.${k}-meta.xml`));
      if (!kind) continue;
      const folder = dirname(path);
      expect(relative(SOURCE, dirname(folder)), path).toBe(`${kind}s`);
      expect(existsSync(`${folder}.${kind}Folder-meta.xml`), path).toBe(true);
    }
  });
});
