import { describe, expect, it } from 'vitest';
import { DEFAULT_TEAM_RULES } from '../../../../../lib/attribution/rules-team';
import {
  fromRulesRecord,
  mayChangeRules,
  rulesRecordSchema,
  rulesVersion,
  teamRulesQuery,
  toRulesRecord,
} from '../../../../../lib/crm/salesforce/queries/team-rules';

const STAMPS = { LastModifiedDate: '2026-11-20T12:00:00.000+0000', LastModifiedBy: { Name: 'Jordan Kim' } };

describe('the team rules record', () => {
  it('reads back what it writes, with who changed it and when from the org', () => {
    const entry = { by: 'Jordan Kim', at: '2026-11-20T12:00:00.000Z', changes: [] };
    const record = rulesRecordSchema.parse({ ...toRulesRecord(DEFAULT_TEAM_RULES, [entry]), ...STAMPS });
    expect(fromRulesRecord(record)).toEqual({
      ok: true,
      value: { rules: DEFAULT_TEAM_RULES, changedBy: 'Jordan Kim', changedAt: STAMPS.LastModifiedDate, log: [entry] },
    });
    expect(toRulesRecord(DEFAULT_TEAM_RULES, [])).toMatchObject({ Key__c: 'team', Pause_Above_Percent__c: 80 });
  });

  it('refuses a record with a value out of range or unreadable weights, naming the field', () => {
    const good = toRulesRecord(DEFAULT_TEAM_RULES, []);
    const far = fromRulesRecord(rulesRecordSchema.parse({ ...good, ...STAMPS, Lock_After_Days__c: -3 }));
    expect(far).toEqual({
      ok: false,
      problem:
        'The team rules in Salesforce could not be used (attribution.lockAfterDays: Days cannot be negative.). ' +
        'The last good rules stay.',
    });
    const weights = fromRulesRecord(rulesRecordSchema.parse({ ...good, ...STAMPS, Touch_Weights__c: '{oops' }));
    expect(weights.ok).toBe(false);
    const model = fromRulesRecord(rulesRecordSchema.parse({ ...good, ...STAMPS, Influence_Model__c: 'loudest' }));
    expect(model.ok ? '' : model.problem).toMatch(/Choose how influence credit is split/);
  });

  it('leaves damaged log entries out but keeps the rules', () => {
    const log = JSON.stringify([
      { by: '', at: 'yesterday' },
      { by: 'Alex Morgan', at: '2026-11-19T09:00:00Z', changes: [] },
    ]);
    const read = fromRulesRecord(
      rulesRecordSchema.parse({ ...toRulesRecord(DEFAULT_TEAM_RULES, []), ...STAMPS, Change_Log__c: log }),
    );
    expect(read.ok && read.value.log.map((entry) => entry.by)).toEqual(['Alex Morgan']);
  });

  it('keeps the log within the field, dropping the oldest entries', () => {
    const long = 'x'.repeat(100);
    const changes = Array.from({ length: 40 }, () => ({ rule: long.slice(0, 80), before: long, after: long }));
    const log = Array.from({ length: 20 }, (_, i) => ({ by: `User ${i}`, at: '2026-11-20T12:00:00.000Z', changes }));
    const written = JSON.parse(String(toRulesRecord(DEFAULT_TEAM_RULES, log).Change_Log__c)) as { by: string }[];
    expect(written.length).toBeLessThan(20);
    expect(written[0]?.by).toBe('User 0');
    expect(String(toRulesRecord(DEFAULT_TEAM_RULES, log).Change_Log__c).length).toBeLessThanOrEqual(32_768);
  });

  it('queries the one record by its key, tells saves apart to the millisecond, and reads the permission', () => {
    expect(teamRulesQuery()).toMatch(/FROM Partner_Ledger_Rules__c WHERE Key__c = 'team' LIMIT 1$/);
    expect(rulesVersion(undefined, [])).toBe('');
    expect(rulesVersion('a', [{ at: '1' }])).not.toBe(rulesVersion('a', [{ at: '2' }]));
    expect(mayChangeRules({ createable: true, updateable: true })).toBe(true);
    expect(mayChangeRules({ createable: false, updateable: true })).toBe(false);
  });
});
