// @vitest-environment node
// The fake org must describe and validate Partner Ledger's objects exactly as the salesforce/ project deploys
// them, or the e2e tests pass against an org no customer has. This reads the field files themselves.
import { describe, expect, it } from 'vitest';
import { createSeedData } from '../../../fake-org/data';
import { findObject, type FieldDef } from '../../../fake-org/rest/schema';
import { children, fieldFiles, isFormula, text } from '../../salesforce-xml';
import { NOW } from './helpers';

const OBJECTS = ['Partner_Attribution__c', 'Partner_Attribution_Summary__c'] as const;

/** The `describe` type of each metadata field type. */
const DESCRIBE_TYPES: Record<string, FieldDef['type']> = {
  Text: 'string',
  LongTextArea: 'textarea',
  Picklist: 'picklist',
  Lookup: 'reference',
  Number: 'double',
  Percent: 'percent',
  Currency: 'currency',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
};

describe('the fake org agrees with salesforce/', () => {
  const state = createSeedData(NOW);
  for (const objectName of OBJECTS) {
    const object = findObject(objectName)!;
    const described = new Map(object.fields(state).map((field) => [field.name, field]));
    for (const [name, file] of fieldFiles(objectName)) {
      it(`${objectName}.${name}: type, length, precision, required, picklist and relationship`, () => {
        const field = described.get(name);
        expect(field, `${name} is missing from the fake org`).toBeDefined();
        const type = text(file, 'type')!;
        expect(field!.type).toBe(DESCRIBE_TYPES[type]);
        expect(field!.writable).toBe(!isFormula(file));
        const length = text(file, 'length');
        if (length) expect(field!.length).toBe(Number(length));
        const precision = text(file, 'precision');
        if (precision)
          expect([field!.precision, field!.scale]).toEqual([Number(precision), Number(text(file, 'scale'))]);
        expect(Boolean(field!.required)).toBe(text(file, 'required') === 'true');
        if (type === 'Lookup') {
          expect(field!.referenceTo).toBe(text(file, 'referenceTo'));
          expect(field!.relationshipName).toBe(`${name.replace(/__c$/, '')}__r`);
        }
        if (type === 'Picklist') {
          const valueSet = children(file, 'valueSet')[0]!;
          const values = children(children(valueSet, 'valueSetDefinition')[0]!, 'value').map((v) =>
            text(v, 'fullName'),
          );
          expect(field!.picklistValues).toEqual(values);
          expect(Boolean(field!.restrictedPicklist)).toBe(text(valueSet, 'restricted') === 'true');
        }
      });
    }
  }

  it('names each child relationship of a parent as the lookup field declares it', () => {
    for (const [name, file] of fieldFiles('Partner_Attribution__c')) {
      if (text(file, 'type') !== 'Lookup') continue;
      const parent = findObject(text(file, 'referenceTo')!);
      if (!parent) continue;
      const relationships = parent
        .childRelationships(state)
        .filter((child) => child.childSObject === 'Partner_Attribution__c' && child.field === name)
        .map((child) => child.relationshipName);
      expect(relationships, `${parent.name} → ${name}`).toEqual([`${text(file, 'relationshipName')}__r`]);
    }
  });
});
