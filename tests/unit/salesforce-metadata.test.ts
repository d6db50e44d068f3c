// The org-side metadata in salesforce/ must hold what the extension writes: every API name of
// lib/crm/salesforce/org-objects.ts, with types and lengths that fit the extension's limits, and a permission set
// that lets a user write all of it.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTION_KINDS,
  KIND_LABELS,
  LIMITS,
  PARTNER_TYPES,
  PARTNER_TYPE_LABELS,
} from '../../lib/attribution/model';
import { formatVersion } from '../../lib/time/hlc';
import { INFLUENCE_MODELS } from '../../lib/attribution/model';
import { RULES_EXTERNAL_ID, RULES_FIELDS, RULES_OBJECT } from '../../lib/crm/salesforce/queries/team-rules';
import { PARTNER_EXTERNAL_ID, PARTNER_FIELDS, PARTNER_OBJECT } from '../../lib/crm/salesforce/queries/partners';
import {
  ATTRIBUTION_EXTERNAL_ID,
  ATTRIBUTION_FIELDS,
  ATTRIBUTION_OBJECT,
  ATTRIBUTION_RELATIONSHIP,
  SUMMARY_OBJECT,
} from '../../lib/crm/salesforce/org-objects';
import { expectSchema } from './salesforce-schema';
import {
  METADATA_NS,
  PROJECT,
  SOURCE,
  children,
  field,
  fieldFiles,
  filesUnder,
  isFormula,
  objectFile,
  parse,
  text,
  type XmlElement,
} from './salesforce-xml';

function picklistValues(fieldElement: XmlElement): { apiName?: string; label?: string }[] {
  const definition = children(children(fieldElement, 'valueSet')[0]!, 'valueSetDefinition')[0]!;
  return children(definition, 'value').map((value) => ({
    apiName: text(value, 'fullName'),
    label: text(value, 'label'),
  }));
}

const attributionFieldNames = [ATTRIBUTION_EXTERNAL_ID, ...Object.values(ATTRIBUTION_FIELDS)];
/**
 * Fields the org holds for the extension's push path that no released version writes yet. Empty: every field
 * but the formulas is named in lib/crm/salesforce/org-objects.ts, so the push path writes it.
 */
const attributionFieldsToBeWritten: string[] = [];
/** Computed by Salesforce from the record; the extension never writes them. */
const attributionFormulaFields = ['Needs_Review__c'];

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
      expect(root.attributes.xmlns, relative(PROJECT, path)).toBe(METADATA_NS);
    }
  });

  it('defines Partner_Attribution__c as an auto-numbered, reportable, history-tracked object', () => {
    const object = objectFile(ATTRIBUTION_OBJECT);
    expect(object.name).toBe('CustomObject');
    expect(text(object, 'label')).toBe('Partner Attribution');
    const nameField = children(object, 'nameField')[0]!;
    expect(text(nameField, 'type')).toBe('AutoNumber');
    expect(text(nameField, 'displayFormat')).toBe('PA-{0000000}');
    expect(text(object, 'enableHistory')).toBe('true');
    expect(text(object, 'enableReports')).toBe('true');
    expect(text(object, 'sharingModel')).toBe('ReadWrite');
  });

  it('has a field file named after every field the extension writes, and otherwise only the listed ones', () => {
    const fields = fieldFiles(ATTRIBUTION_OBJECT);
    for (const name of attributionFieldNames) {
      expect(fields.has(name), name).toBe(true);
      expect(text(fields.get(name)!, 'fullName')).toBe(name);
    }
    expect([...fields.keys()].filter((name) => isFormula(fields.get(name)!)).sort()).toEqual(attributionFormulaFields);
    expect([...fields.keys()].sort()).toEqual(
      [...attributionFieldNames, ...attributionFieldsToBeWritten, ...attributionFormulaFields].sort(),
    );
  });

  it('gives every field of both objects a label, a description and inline help that fits, in schema order', () => {
    for (const object of [ATTRIBUTION_OBJECT, SUMMARY_OBJECT]) {
      for (const [name, element] of fieldFiles(object)) {
        expect(element.name).toBe('CustomField');
        expectSchema(element, 'CustomField', `${object}.${name}`);
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

  it('looks up the lead through a Partner_Attributions relationship that a deleted lead only clears', () => {
    const lead = field(ATTRIBUTION_OBJECT, 'Lead__c');
    expect(text(lead, 'type')).toBe('Lookup');
    expect(text(lead, 'referenceTo')).toBe('Lead');
    expect(text(lead, 'relationshipName')).toBe('Partner_Attributions');
    expect(text(lead, 'relationshipLabel')).toBeTruthy();
    expect(text(lead, 'deleteConstraint')).toBe('SetNull');
    expect(text(lead, 'required')).toBe('false');
  });

  it('holds the credit-weighted amount as a currency with cents, as wide as the opportunity amounts it splits', () => {
    const credited = field(ATTRIBUTION_OBJECT, 'Credited_Amount__c');
    expect(text(credited, 'type')).toBe('Currency');
    expect(text(credited, 'precision')).toBe('16');
    expect(text(credited, 'scale')).toBe('2');
    expect(isFormula(credited)).toBe(false);
    // The description is the contract for the push path: amount times credit, in the record's currency.
    expect(text(credited, 'description')).toMatch(/Amount x Credit/);
    expect(text(credited, 'description')).toMatch(/currency/);
  });

  it('computes Needs_Review__c as a checkbox formula over fields it can read', () => {
    const review = field(ATTRIBUTION_OBJECT, 'Needs_Review__c');
    expect(text(review, 'type')).toBe('Checkbox');
    expect(text(review, 'formulaTreatBlanksAs')).toBe('BlankAsZero');
    const formula = text(review, 'formula')!;
    const referenced = [...new Set(formula.match(/\b\w+__c\b/g))].sort();
    expect(referenced).toEqual(['Credit__c', 'Deleted__c', 'Kind__c', 'Touch_Count__c']);
    for (const name of referenced) {
      // Formulas cannot read Long Text Area fields, nor themselves.
      expect(text(field(ATTRIBUTION_OBJECT, name), 'type'), name).not.toBe('LongTextArea');
      expect(isFormula(field(ATTRIBUTION_OBJECT, name)), name).toBe(false);
    }
    // Picklist values in a formula are API names.
    const kinds = [...formula.matchAll(/ISPICKVAL\(Kind__c, "(\w+)"\)/g)].map((match) => match[1]);
    expect(kinds.sort()).toEqual([...ATTRIBUTION_KINDS].sort());
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
    // A Salesforce user's full name (User.Name): First Name (40) + a space + Last Name (80).
    expect(length(ATTRIBUTION_FIELDS.attributedBy)).toBeGreaterThanOrEqual(40 + 1 + 80);
    expect(length(ATTRIBUTION_FIELDS.attributedBy)).toBeLessThanOrEqual(255);
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

  it('tracks history on at most 20 fields (the Salesforce limit), none of them computed', () => {
    const fields = [...fieldFiles(ATTRIBUTION_OBJECT).values()];
    const tracked = fields.filter((f) => text(f, 'trackHistory') === 'true');
    expect(tracked.length).toBeGreaterThan(0);
    expect(tracked.length).toBeLessThanOrEqual(20);
    expect(tracked.filter(isFormula)).toEqual([]);
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

  it('defines the team rules object: one record found by a unique key, read-only to everyone but admins', () => {
    const object = objectFile(RULES_OBJECT);
    expect(text(object, 'label')).toBe('Partner Ledger Rules');
    // Public Read Only: everyone with the permission set reads it; only Create/Edit on the object changes it.
    expect(text(object, 'sharingModel')).toBe('Read');
    expect(text(object, 'enableHistory')).toBe('true');
    const types = Object.fromEntries([...fieldFiles(RULES_OBJECT)].map(([name, f]) => [name, text(f, 'type')]));
    expect(types).toEqual({
      Key__c: 'Text',
      Influence_Model__c: 'Picklist',
      Touch_Weights__c: 'Text',
      Window_Days__c: 'Number',
      Lock_After_Days__c: 'Number',
      Hot_Touch_Days__c: 'Number',
      Warm_Touch_Days__c: 'Number',
      First_Day_Of_Week__c: 'Number',
      Pause_Above_Percent__c: 'Percent',
      Change_Log__c: 'LongTextArea',
    });
    expect(types).toEqual(
      Object.fromEntries([RULES_EXTERNAL_ID, ...Object.values(RULES_FIELDS)].map((name) => [name, types[name]])),
    );
    const key = field(RULES_OBJECT, RULES_EXTERNAL_ID);
    expect([text(key, 'externalId'), text(key, 'unique'), text(key, 'caseSensitive')]).toEqual([
      'true',
      'true',
      'false',
    ]);
    expect(picklistValues(field(RULES_OBJECT, 'Influence_Model__c')).map((v) => v.apiName)).toEqual([
      ...INFLUENCE_MODELS,
    ]);
    for (const [name, element] of fieldFiles(RULES_OBJECT)) {
      expectSchema(element, 'CustomField', `${RULES_OBJECT}.${name}`);
      expect(text(element, 'description')?.length ?? 0, name).toBeGreaterThan(0);
      expect(text(element, 'inlineHelpText')?.length ?? 0, name).toBeGreaterThan(0);
      expect(text(element, 'required'), name).toBe('false');
    }
  });

  it('defines the partner roster: a unique stable id, a unique name key, the local types, an optional account', () => {
    const object = objectFile(PARTNER_OBJECT);
    expect(text(object, 'label')).toBe('Partner Ledger Partner');
    const nameField = children(object, 'nameField')[0]!;
    expect(text(nameField, 'type')).toBe('Text');
    const fields = fieldFiles(PARTNER_OBJECT);
    expect([...fields.keys()].sort()).toEqual(
      [PARTNER_EXTERNAL_ID, ...Object.values(PARTNER_FIELDS).filter((name) => name !== 'Name')].sort(),
    );
    for (const [name, element] of fields) {
      expectSchema(element, 'CustomField', `${PARTNER_OBJECT}.${name}`);
      expect(text(element, 'description')?.length ?? 0, name).toBeGreaterThan(0);
      expect(text(element, 'inlineHelpText')?.length ?? 0, name).toBeGreaterThan(0);
    }
    const external = fields.get(PARTNER_EXTERNAL_ID)!;
    expect([text(external, 'externalId'), text(external, 'unique'), text(external, 'caseSensitive')]).toEqual([
      'true',
      'true',
      'false',
    ]);
    expect(Number(text(external, 'length'))).toBe(crypto.randomUUID().length);
    const key = fields.get(PARTNER_FIELDS.key)!;
    expect(text(key, 'unique')).toBe('true');
    expect(Number(text(key, 'length'))).toBeGreaterThanOrEqual(LIMITS.partnerName);
    const type = fields.get(PARTNER_FIELDS.type)!;
    expect(text(children(type, 'valueSet')[0]!, 'restricted')).toBe('true');
    expect(picklistValues(type).map((value) => value.apiName)).toEqual([...PARTNER_TYPES]);
    expect(Number(text(fields.get(PARTNER_FIELDS.tier)!, 'length'))).toBeGreaterThanOrEqual(LIMITS.partnerTier);
    const account = fields.get(PARTNER_FIELDS.account)!;
    expect([text(account, 'type'), text(account, 'referenceTo'), text(account, 'required')]).toEqual([
      'Lookup',
      'Account',
      'false',
    ]);
    // Attributions name the partner by its stable id, a UUID.
    const partnerId = field(ATTRIBUTION_OBJECT, ATTRIBUTION_FIELDS.partnerId);
    expect([text(partnerId, 'type'), text(partnerId, 'length')]).toEqual(['Text', '36']);
  });

  describe('permission sets', () => {
    const custom = [ATTRIBUTION_OBJECT, SUMMARY_OBJECT, PARTNER_OBJECT].flatMap((object) =>
      [...fieldFiles(object)].map(([name, element]) => ({
        name: `${object}.${name}`,
        required: text(element, 'required') === 'true',
        formula: isFormula(element),
      })),
    );

    function permissionSet(name: string) {
      const set = parse(join(SOURCE, `permissionsets/${name}.permissionset-meta.xml`));
      expect(set.name).toBe('PermissionSet');
      expectSchema(set, 'PermissionSet', name);
      const fields = new Map(
        children(set, 'fieldPermissions').map((p) => [
          text(p, 'field'),
          { read: text(p, 'readable'), edit: text(p, 'editable') },
        ]),
      );
      const access = ['allowRead', 'allowCreate', 'allowEdit', 'allowDelete', 'viewAllRecords', 'modifyAllRecords'];
      const objects = Object.fromEntries(
        children(set, 'objectPermissions').map((p) => [text(p, 'object'), access.map((k) => text(p, k))]),
      );
      return { set, fields, objects };
    }

    it('leaves no custom field required, since a permission set cannot grant access to a required field', () => {
      expect(custom.filter((f) => f.required)).toEqual([]);
    });

    it('lets a Partner Ledger user read every custom field and edit every field it writes, never delete', () => {
      const { set, fields, objects } = permissionSet('Partner_Ledger_User');
      expect(text(set, 'label')).toBe('Partner Ledger User');
      for (const { name, formula } of custom) {
        // A formula is computed by Salesforce: readable, never editable.
        expect(fields.get(name), name).toEqual({ read: 'true', edit: formula ? 'false' : 'true' });
      }
      const ofTheseObjects = [...fields.keys()].filter((name) => !name?.startsWith(`${RULES_OBJECT}.`));
      expect(ofTheseObjects.sort()).toEqual(custom.map((f) => f.name).sort());
      const readCreateEdit = ['true', 'true', 'true', 'false', 'false', 'false'];
      const readOnly = ['true', 'false', 'false', 'false', 'false', 'false'];
      expect(objects).toEqual({
        [ATTRIBUTION_OBJECT]: readCreateEdit,
        [SUMMARY_OBJECT]: readCreateEdit,
        [RULES_OBJECT]: readOnly,
        [PARTNER_OBJECT]: readCreateEdit,
      });
    });

    it('lets a Partner Ledger user read every team rule and change none: the org refuses the change', () => {
      const { fields } = permissionSet('Partner_Ledger_User');
      const names = [...fieldFiles(RULES_OBJECT).keys()];
      expect(names.length).toBeGreaterThan(0);
      for (const name of names)
        expect(fields.get(`${RULES_OBJECT}.${name}`), name).toEqual({ read: 'true', edit: 'false' });
    });

    it('lets a Partner Ledger admin change the team rules (never delete them) and do anything to the roster', () => {
      const { set, fields, objects } = permissionSet('Partner_Ledger_Admin');
      expect(text(set, 'label')).toBe('Partner Ledger Admin');
      const names = [RULES_OBJECT, PARTNER_OBJECT].flatMap((object) =>
        [...fieldFiles(object).keys()].map((name) => `${object}.${name}`),
      );
      for (const name of names) expect(fields.get(name), name).toEqual({ read: 'true', edit: 'true' });
      expect([...fields.keys()].sort()).toEqual(names.sort());
      expect(objects).toEqual({
        [RULES_OBJECT]: ['true', 'true', 'true', 'false', 'false', 'false'],
        [PARTNER_OBJECT]: ['true', 'true', 'true', 'true', 'true', 'true'],
      });
    });

    it('lets a report reader read every custom field and change nothing', () => {
      const { set, fields, objects } = permissionSet('Partner_Ledger_Reader');
      expect(text(set, 'label')).toBe('Partner Ledger Reader');
      for (const { name } of custom) expect(fields.get(name), name).toEqual({ read: 'true', edit: 'false' });
      expect([...fields.keys()].sort()).toEqual(custom.map((f) => f.name).sort());
      const readOnly = ['true', 'false', 'false', 'false', 'false', 'false'];
      expect(objects).toEqual({
        [ATTRIBUTION_OBJECT]: readOnly,
        [SUMMARY_OBJECT]: readOnly,
        [PARTNER_OBJECT]: readOnly,
      });
    });
  });
});
