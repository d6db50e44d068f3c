// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkFields, isPermanentRefusal } from '../../../../lib/crm/salesforce/field-check';
import {
  TOUCHES_FIELD_LENGTH,
  toOrgTouch,
  touchesFieldValue,
  touchesFit,
} from '../../../../lib/crm/salesforce/touches-field';

describe('checkFields', () => {
  it('answers what the org would: too long, restricted picklist, out of range', () => {
    const errors = checkFields('Partner_Attribution__c', {
      Partner_Name__c: 'x'.repeat(121),
      Kind__c: 'co-sell',
      Partner_Type__c: 'florist',
      Touch_Count__c: 10_000,
      Credit__c: 100,
      Note__c: null,
    });
    expect(errors.map((error) => [error.statusCode, error.fields])).toEqual([
      ['STRING_TOO_LONG', ['Partner_Name__c']],
      ['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['Kind__c']],
      ['NUMBER_OUTSIDE_VALID_RANGE', ['Touch_Count__c']],
    ]);
    expect(errors[0]!.message).toBe(`Partner Name: data value too large: ${'x'.repeat(100)}... (max length=120)`);
  });

  it('takes a record within every limit', () => {
    expect(checkFields('Partner_Attribution__c', { Partner_Name__c: 'x'.repeat(120), Kind__c: 'sourced' })).toEqual([]);
  });

  it('tells refusals no retry can fix from those that may pass later', () => {
    expect(isPermanentRefusal([{ statusCode: 'STRING_TOO_LONG' }])).toBe(true);
    expect(isPermanentRefusal([{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }])).toBe(true);
    expect(isPermanentRefusal([{ statusCode: 'UNABLE_TO_LOCK_ROW' }])).toBe(false);
    expect(isPermanentRefusal([{ statusCode: 'STRING_TOO_LONG' }, { statusCode: 'UNABLE_TO_LOCK_ROW' }])).toBe(false);
    expect(isPermanentRefusal([])).toBe(false);
  });
});

describe('Touches__c', () => {
  const touch = (id: string, deleted: 0 | 1, note = 'said yes') => ({
    id,
    type: 'joint_call',
    date: '2026-11-18',
    note,
    link: 'https://example.com/call',
    createdAt: '2026-11-18T10:00:00.000Z',
    version: `000001763460000:00000:d0000001-0000-4000-8000-000000000001`,
    deleted,
    createdBy: { deviceId: 'd0000001-0000-4000-8000-000000000001', userName: 'Dana' },
  });

  it('writes touches in id order, and tombstones without their note and link', () => {
    expect(JSON.parse(touchesFieldValue([touch('b', 1), touch('a', 0)]))).toEqual([
      toOrgTouch(touch('a', 0)),
      { ...toOrgTouch(touch('b', 0)), note: '', link: null, deleted: true },
    ]);
  });

  it('tells whether touches fit the field, counting JSON escapes', () => {
    expect(touchesFit([touch('a', 0, 'x'.repeat(TOUCHES_FIELD_LENGTH - 1_000))])).toBe(true);
    expect(touchesFit([touch('a', 0, '"'.repeat(TOUCHES_FIELD_LENGTH / 2))])).toBe(false);
    expect(touchesFit([touch('a', 1, '"'.repeat(TOUCHES_FIELD_LENGTH))])).toBe(true);
  });
});
