import { describe, expect, it } from 'vitest';
import { parseLimitInfo } from '../../../../lib/crm/salesforce/limits';

describe('parseLimitInfo', () => {
  it('reads api-usage', () => {
    expect(parseLimitInfo('api-usage=25/15000')).toEqual({ used: 25, limit: 15000 });
  });

  it('tolerates other entries, before or after', () => {
    expect(parseLimitInfo('api-usage=18/5000, per-app-api-usage=17/250(appName=sample-app)')).toEqual({
      used: 18,
      limit: 5000,
    });
    expect(parseLimitInfo('per-app-api-usage=17/250(appName=sample-app), api-usage=19/5000')).toEqual({
      used: 19,
      limit: 5000,
    });
    expect(parseLimitInfo(' API-Usage = 7 / 100000 ')).toEqual({ used: 7, limit: 100000 });
  });

  it("does not mistake per-app usage for the org's", () => {
    expect(parseLimitInfo('per-app-api-usage=17/250(appName=sample-app)')).toBeUndefined();
  });

  it('gives undefined for absent or unreadable headers', () => {
    expect(parseLimitInfo(null)).toBeUndefined();
    expect(parseLimitInfo('')).toBeUndefined();
    expect(parseLimitInfo('api-usage=a/b')).toBeUndefined();
    expect(parseLimitInfo('api-usage=5/0')).toBeUndefined();
    expect(parseLimitInfo('api-usage=99999999999999999999/1')).toBeUndefined();
  });
});
