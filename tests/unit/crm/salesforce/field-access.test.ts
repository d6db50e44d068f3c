import { describe, expect, it } from 'vitest';
import { classifyResponse } from '../../../../lib/crm/salesforce/api-errors';
import { hiddenFactFields, hiddenFieldInError, hiddenFieldNotice } from '../../../../lib/crm/salesforce/field-access';

const OWNER = { name: 'OwnerId', relationshipName: 'Owner' };
const ALL = [{ name: 'Amount' }, { name: 'Probability' }, { name: 'ForecastCategoryName' }, OWNER];

describe('field access', () => {
  it('finds nothing hidden when the describe has every fact field', () => {
    expect(hiddenFactFields(ALL)).toEqual([]);
  });

  it('finds each field the describe leaves out, and an owner that cannot be followed', () => {
    expect(hiddenFactFields(ALL.filter((field) => field.name !== 'Amount'))).toEqual(['Amount']);
    expect(hiddenFactFields([{ name: 'Amount' }, { name: 'Probability' }, { name: 'OwnerId' }])).toEqual([
      'ForecastCategoryName',
      'Owner.Name',
    ]);
  });

  it('says what is hidden in plain words', () => {
    expect(hiddenFieldNotice('Amount')).toBe('Amount hidden by your Salesforce field access');
    expect(hiddenFieldNotice('ForecastCategoryName')).toBe('Forecast Category hidden by your Salesforce field access');
    expect(hiddenFieldNotice('Owner.Name')).toBe('Opportunity Owner hidden by your Salesforce field access');
  });

  it('reads the hidden field from an INVALID_FIELD answer, even after a long query', () => {
    const query = `SELECT Id, Amount FROM Opportunity WHERE Id IN (${"'006000000000001AAA', ".repeat(40)})`;
    const message = `\n${query}\n       ^\nERROR at Row:1:Column:12\nNo such column 'Amount' on entity 'Opportunity'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`;
    const error = classifyResponse(400, JSON.stringify([{ errorCode: 'INVALID_FIELD', message }]));
    expect(error.kind).toBe('invalid_request');
    expect(hiddenFieldInError(error)).toBe('Amount');
    expect(error.message).not.toContain('SELECT');
    const other = classifyResponse(
      400,
      JSON.stringify([{ errorCode: 'INVALID_FIELD', message: "No such column 'Foo__c' on entity 'Opportunity'" }]),
    );
    expect(hiddenFieldInError(other)).toBeUndefined();
    expect(hiddenFieldInError(new Error("No such column 'Amount' on entity 'Opportunity'"))).toBeUndefined();
  });
});
