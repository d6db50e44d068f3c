// @vitest-environment node
// The generated field limits are the metadata in salesforce/, and every limit the extension enforces on its
// own fits within them. Regenerate with `npx tsx scripts/generate-field-limits.ts` when this fails.
import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_KINDS, LIMITS, PARTNER_TYPES } from '../../../../lib/attribution/model';
import { FIELD_LIMITS } from '../../../../lib/crm/salesforce/field-limits.generated';
import { ATTRIBUTION_FIELDS } from '../../../../lib/crm/salesforce/org-objects';
import { MAX_VERSION_LENGTH } from '../../../../lib/store/rows';
import { readFieldLimits } from '../../../../scripts/generate-field-limits';

const fields = FIELD_LIMITS.Partner_Attribution__c;

describe('field limits', () => {
  it('are what the metadata files in salesforce/ say, field for field', () => {
    expect(JSON.parse(JSON.stringify(FIELD_LIMITS))).toEqual(readFieldLimits());
  });

  it('cover every field the extension writes', () => {
    for (const name of Object.values(ATTRIBUTION_FIELDS)) expect(fields, name).toHaveProperty(name);
  });

  it('hold every local limit: what the panel accepts, the org stores', () => {
    expect(LIMITS.partnerName).toBeLessThanOrEqual(fields.Partner_Name__c.length);
    expect(LIMITS.partnerName).toBeLessThanOrEqual(fields.Partner_Key__c.length);
    expect(LIMITS.note).toBeLessThanOrEqual(fields.Note__c.length);
    expect(LIMITS.reason).toBeLessThanOrEqual(fields.Window_Override_Reason__c.length);
    expect(LIMITS.userName).toBe(fields.Attributed_By__c.length);
    expect(MAX_VERSION_LENGTH).toBe(fields.Version__c.length);
  });

  it('name the same picklist values as the extension', () => {
    expect(fields.Kind__c.picklist).toEqual({ restricted: true, values: [...ATTRIBUTION_KINDS] });
    expect(fields.Partner_Type__c.picklist).toEqual({ restricted: false, values: [...PARTNER_TYPES] });
  });

  it('give a user’s full name its 121 characters (First Name 40, a space, Last Name 80)', () => {
    expect(fields.Attributed_By__c.length).toBeGreaterThanOrEqual(121);
  });
});
