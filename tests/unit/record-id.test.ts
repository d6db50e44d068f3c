import { describe, expect, it } from 'vitest';
import { getKeyPrefix, isIdOf, isRecordId, toId18, toOpportunityId } from '../../lib/record-id';

describe('record ids', () => {
  it('converts 15 to 18 characters with the documented checksum', () => {
    expect(toId18('001M000000qfPyS')).toBe('001M000000qfPySIAU');
  });

  it('keeps an 18-character id as it is and rejects a wrong checksum', () => {
    expect(toId18('001M000000qfPySIAU')).toBe('001M000000qfPySIAU');
    expect(isRecordId('001M000000qfPySIAV')).toBe(false);
    expect(toId18('001M000000qfPySIAV')).toBeUndefined();
  });

  it('rejects malformed ids', () => {
    for (const bad of ['', '006', '006ABC', '006000000000000!', '006Ab0000001234XYZW', '<script>alert(1)']) {
      expect(isRecordId(bad), bad).toBe(false);
    }
  });

  it('knows key prefixes', () => {
    expect(getKeyPrefix('006Ak00000BcDeF')).toBe('006');
    expect(isIdOf('Opportunity', '006Ak00000BcDeF')).toBe(true);
    expect(isIdOf('Opportunity', '001M000000qfPyS')).toBe(false);
    expect(toOpportunityId('001M000000qfPyS')).toBeUndefined();
    expect(toOpportunityId('006Ak00000BcDeF')).toHaveLength(18);
  });
});
