// @vitest-environment happy-dom
// The org-side metadata in salesforce/ must hold what the extension writes: every API name of
// lib/crm/salesforce/org-objects.ts, with types and lengths that fit the extension's limits, and a
// permission set that lets a user write all of it.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_KINDS, KIND_LABELS, LIMITS, PARTNER_TYPES, PARTNER_TYPE_LABELS } from '../../lib/attribution/model';
import { formatVersion } from '../../lib/time/hlc';
import {
  ATTRIBUTION_EXTERNAL_ID,
  ATTRIBUTION_FIELDS,
  ATTRIBUTION_OBJECT,
  ATTRIBUTION_RELATIONSHIP,
  SUMMARY_OBJECT,
} from '../../lib/crm/salesforce/org-objects';

const PROJECT = join(__dirname, '../../salesforce');
const SOURCE = join(PROJECT, 'force-app/main/default');
const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function parse(path: string): Element {
  const xml = readFileSync(path, 'utf8');
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  // happy-dom reports unbalanced tags; a bare `&` it lets through, so that is checked here.
  if (doc.getElementsByTagName('parsererror').length > 0 || /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)/i.test(xml)) {
    throw new Error(`${relative(PROJECT, path)} is not well-formed XML`);
  }
  return doc.documentElement;
}

/** The direct children of `parent` named `name`. */
function children(parent: Element, name: string): Element[] {
  return Array.from(parent.children).filter((child) => child.localName === name);
}

/** The text of the first direct child named `name`, or undefined. */
function text(parent: Element, name: string): string | undefined {
  return children(parent, name)[0]?.textContent?.trim();
}

function objectFile(object: string): Element {
  return parse(join(SOURCE, 'objects', object, `${object}.object-meta.xml`));
}

function fieldFiles(object: string): Map<string, Element> {
  const dir = join(SOURCE, 'objects', object, 'fields');
  return new Map(
    readdirSync(dir)
      .filter((name) => name.endsWith('.field-meta.xml'))
      .map((name) => [name.replace('.field-meta.xml', ''), parse(join(dir, name))]),
  );
}

function field(object: string, name: string): Element {
  const found = fieldFiles(object).get(name);
  if (!found) throw new Error(`${object} has no field ${name}`);
  return found;
}

function picklistValues(fieldElement: Element): { apiName?: string; label?: string }[] {
  const definition = children(children(fieldElement, 'valueSet')[0]!, 'valueSetDefinition')[0]!;
  return children(definition, 'value').map((value) => ({ apiName: text(value, 'fullName'), label: text(value, 'label') }));
}

const attributionFieldNames = [ATTRIBUTION_EXTERNAL_ID, ...Object.values(ATTRIBUTION_FIELDS)];

describe('salesforce/ metadata', () => {
  it('is an sf CLI project on API 64.0 whose every metadata file is well-formed', () => {
    const project = JSON.parse(readFileSync(join(PROJECT, 'sfdx-project.json'), 'utf8')) as {
      packageDirectories: { path: string }[];
      sourceApiVersion: string;
    };
    expect(project.packageDirectories.map((d) => d.path)).toEqual(['force-app']);
    expect(project.sourceApiVersion).toBe('64.0');

    const metadata = filesUnder(join(PROJECT, 'force-app')).filter((path) => path.endsWith('-meta.xml'));
    expect(metadata.length).toBeGreaterThan(20);
    for (const path of metadata) {
      const root = parse(path);
      expect(root.namespaceURI, relative(PROJECT, path)).toBe(METADATA_NS);
    }
  });

  it('defines Partner_Attribution__c as an auto-numbered, reportable, history-tracked object', () => {
    const object = objectFile(ATTRIBUTION_OBJECT);
    expect(object.localName).toBe('CustomObject');
    expect(text(object, 'label')).toBe('Partner Attribution');
    const nameField = children(object, 'nameField')[0]!;
    expect(text(nameField, 'type')).toBe('AutoNumber');
    expect(text(nameField, 'displayFormat')).toBe('PA-{0000000}');
    expect(text(object, 'enableHistory')).toBe('true');
    expect(text(object, 'enableReports')).toBe('true');
    expect(text(object, 'sharingModel')).toBe('ReadWrite');
  });

  it('has a field file named after every field the extension writes', () => {
    const fields = fieldFiles(ATTRIBUTION_OBJECT);
    for (const name of attributionFieldNames) {
      expect(fields.has(name), name).toBe(true);
      expect(text(fields.get(name)!, 'fullName')).toBe(name);
    }
    expect([...fields.keys()].sort()).toEqual([...attributionFieldNames].sort());
  });

  it('gives every field of both objects a label, a description and inline help that fits', () => {
    for (const object of [ATTRIBUTION_OBJECT, SUMMARY_OBJECT]) {
      for (const [name, element] of fieldFiles(object)) {
        expect(element.localName).toBe('CustomField');
        expect(text(element, 'fullName'), name).toBe(name);
        expect(text(element, 'label'), name).toBeTruthy();
        expect(text(element, 'description')?.length ?? 0, name).toBeGreaterThan(0);
        expect(text(element, 'description')!.length, name).toBeLessThanOrEqual(1000);
        expect(text(element, 'inlineHelpText')?.length ?? 0, name).toBeGreaterThan(0);
        expect(text(element, 'inlineHelpText')!.length, name).toBeLessThanOrEqual(510);
      }
    }
  });

  it('makes External_Id__c a unique, case-insensitive external id long enough for a UUID', () => {
    const external = field(ATTRIBUTION_OBJECT, ATTRIBUTION_EXTERNAL_ID);
    expect(text(external, 'type')).toBe('Text');
    expect(text(external, 'externalId')).toBe('true');
    expect(text(external, 'unique')).toBe('true');
    expect(text(external, 'caseSensitive')).toBe('false');
    expect(Number(text(external, 'length'))).toBeGreaterThanOrEqual(crypto.randomUUID().length);

    const summaryExternal = field(SUMMARY_OBJECT, 'External_Id__c');
    expect(text(summaryExternal, 'externalId')).toBe('true');
    expect(text(summaryExternal, 'unique')).toBe('true');
  });

  it('looks up the opportunity through the Partner_Attributions relationship and survives its deletion', () => {
    const lookup = field(ATTRIBUTION_OBJECT, ATTRIBUTION_FIELDS.opportunity);
    expect(text(lookup, 'type')).toBe('Lookup');
    expect(text(lookup, 'referenceTo')).toBe('Opportunity');
    expect(text(lookup, 'relationshipName')).toBe('Partner_Attributions');
    expect(`${text(lookup, 'relationshipName')}__r`).toBe(ATTRIBUTION_RELATIONSHIP);
    expect(text(lookup, 'deleteConstraint')).toBe('SetNull');
    expect(text(lookup, 'required')).toBe('false');

    const account = field(ATTRIBUTION_OBJECT, ATTRIBUTION_FIELDS.partnerAccount);
    expect(text(account, 'referenceTo')).toBe('Account');
    expect(text(account, 'relationshipName')).toBe('Partner_Attributions_As_Partner');
    expect(text(account, 'deleteConstraint')).toBe('SetNull');
  });

  it('restricts Kind__c to exactly the attribution kinds, labelled as the extension labels them', () => {
    const kind = field(ATTRIBUTION_OBJECT, ATTRIBUTION_FIELDS.kind);
    expect(text(kind, 'type')).toBe('Picklist');
    expect(text(children(kind, 'valueSet')[0]!, 'restricted')).toBe('true');
    expect(picklistValues(kind)).toEqual(ATTRIBUTION_KINDS.map((k) => ({ apiName: k, label: KIND_LABELS[k] })));
  });

  it('lists the partner types in an unrestricted picklist, so a newer extension’s type is not refused', () => {
    const type = field(ATTRIBUTION_OBJECT, ATTRIBUTION_FIELDS.partnerType);
    expect(text(type, 'type')).toBe('Picklist');
    expect(text(children(type, 'valueSet')[0]!, 'restricted')).toBe('false');
    expect(picklistValues(type)).toEqual(PARTNER_TYPES.map((t) => ({ apiName: t, label: PARTNER_TYPE_LABELS[t] })));
  });

  it('makes every text field at least as long as what the extension lets a user enter', () => {
    const length = (name: string) => Number(text(field(ATTRIBUTION_OBJECT, name), 'length'));
    expect(length(ATTRIBUTION_FIELDS.partnerName)).toBeGreaterThanOrEqual(LIMITS.partnerName);
    expect(length(ATTRIBUTION_FIELDS.partnerKey)).toBeGreaterThanOrEqual(LIMITS.partnerName);
    expect(length(ATTRIBUTION_FIELDS.note)).toBeGreaterThanOrEqual(LIMITS.note);
    expect(length(ATTRIBUTION_FIELDS.windowOverrideReason)).toBeGreaterThanOrEqual(LIMITS.reason);
    expect(length(ATTRIBUTION_FIELDS.deviceId)).toBeGreaterThanOrEqual(crypto.randomUUID().length);
    const longestVersion = formatVersion({ wallMs: 999_999_999_999_999, counter: 99_999 }, crypto.randomUUID());
    expect(length(ATTRIBUTION_FIELDS.version)).toBeGreaterThanOrEqual(longestVersion.length);
    // Touches get the longest text Salesforce has: 131,072 characters.
    expect(text(field(ATTRIBUTION_OBJECT, ATTRIBUTION_FIELDS.touches), 'type')).toBe('LongTextArea');
    expect(length(ATTRIBUTION_FIELDS.touches)).toBe(131072);
  });

  it('gives the other fields the types the REST client reads and writes', () => {
    const type = (name: string) => text(field(ATTRIBUTION_OBJECT, name), 'type');
    expect(type(ATTRIBUTION_FIELDS.credit)).toBe('Percent');
    expect(type(ATTRIBUTION_FIELDS.lastTouchDate)).toBe('Date');
    expect(type(ATTRIBUTION_FIELDS.touchCount)).toBe('Number');
    expect(type(ATTRIBUTION_FIELDS.attributedAt)).toBe('DateTime');
    const deleted = field(ATTRIBUTION_OBJECT, ATTRIBUTION_FIELDS.deleted);
    expect(text(deleted, 'type')).toBe('Checkbox');
    expect(text(deleted, 'defaultValue')).toBe('false');
  });

  it('tracks history on at most 20 fields (the Salesforce limit)', () => {
    const tracked = [...fieldFiles(ATTRIBUTION_OBJECT).values()].filter((f) => text(f, 'trackHistory') === 'true');
    expect(tracked.length).toBeGreaterThan(0);
    expect(tracked.length).toBeLessThanOrEqual(20);
  });

  it('defines the weekly summary object with its fields', () => {
    expect(text(objectFile(SUMMARY_OBJECT), 'label')).toBe('Partner Attribution Summary');
    const types = Object.fromEntries([...fieldFiles(SUMMARY_OBJECT)].map(([name, f]) => [name, text(f, 'type')]));
    expect(types).toEqual({
      External_Id__c: 'Text',
      User__c: 'Lookup',
      Week_Start__c: 'Date',
      Currency__c: 'Text',
      Sourced_Pipeline__c: 'Currency',
      Influenced_Pipeline__c: 'Currency',
      Sourced_Won__c: 'Currency',
      Influenced_Won__c: 'Currency',
      Sourced_Share__c: 'Percent',
      Details__c: 'LongTextArea',
    });
    expect(text(field(SUMMARY_OBJECT, 'User__c'), 'referenceTo')).toBe('User');
  });

  it('has a permission set that grants every custom field of both objects, and create/read/edit without delete', () => {
    const set = parse(join(SOURCE, 'permissionsets/Partner_Ledger_User.permissionset-meta.xml'));
    expect(set.localName).toBe('PermissionSet');
    expect(text(set, 'label')).toBe('Partner Ledger User');

    const granted = new Map(
      children(set, 'fieldPermissions').map((p) => [text(p, 'field'), { read: text(p, 'readable'), edit: text(p, 'editable') }]),
    );
    const custom = [ATTRIBUTION_OBJECT, SUMMARY_OBJECT].flatMap((object) =>
      [...fieldFiles(object)].map(([name, element]) => ({ name: `${object}.${name}`, required: text(element, 'required') })),
    );
    for (const { name, required } of custom) {
      // A required field cannot carry field permissions; none of ours is required.
      expect(required, name).not.toBe('true');
      expect(granted.get(name), name).toEqual({ read: 'true', edit: 'true' });
    }
    expect(granted.size).toBe(custom.length);

    const objects = Object.fromEntries(
      children(set, 'objectPermissions').map((p) => [
        text(p, 'object'),
        ['allowRead', 'allowCreate', 'allowEdit', 'allowDelete', 'viewAllRecords', 'modifyAllRecords'].map((k) => text(p, k)),
      ]),
    );
    const readCreateEdit = ['true', 'true', 'true', 'false', 'false', 'false'];
    expect(objects).toEqual({ [ATTRIBUTION_OBJECT]: readCreateEdit, [SUMMARY_OBJECT]: readCreateEdit });
  });
});
