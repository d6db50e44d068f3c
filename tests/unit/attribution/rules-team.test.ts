import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../lib/attribution/model';
import {
  changesCredit,
  DEFAULT_TEAM_RULES,
  diffTeamRules,
  teamRulesSchema,
  type TeamRules,
} from '../../../lib/attribution/rules-team';

const custom: TeamRules = {
  ...DEFAULT_TEAM_RULES,
  attribution: { ...DEFAULT_RULES, influenceModel: 'custom' },
};

describe('team rules', () => {
  it('lists each rule that differs, in words, before and after', () => {
    const after: TeamRules = {
      ...custom,
      attribution: { ...custom.attribution, touchWeights: { ...DEFAULT_RULES.touchWeights, joint_call: 5 } },
      warmth: { hotTouchDays: 7, warmTouchDays: 45 },
      firstDayOfWeek: 0,
      pauseAboveShare: 0.9,
    };
    expect(diffTeamRules(DEFAULT_TEAM_RULES, after)).toEqual([
      { rule: 'Influence credit model', before: 'Even split', after: 'Custom weights by touch type' },
      { rule: 'Weight of Joint call', before: '2', after: '5' },
      { rule: 'Hot within', before: '14 days', after: '7 days' },
      { rule: 'First day of the week', before: 'Monday', after: 'Sunday' },
      { rule: 'Pause sync above', before: '80 % of the daily API limit', after: '90 % of the daily API limit' },
    ]);
    expect(diffTeamRules(after, after)).toEqual([]);
  });

  it('tells a change that moves credit from one that does not', () => {
    expect(changesCredit(DEFAULT_RULES, { ...DEFAULT_RULES, influenceModel: 'last_touch' })).toBe(true);
    // Weights count only under the custom model.
    const weights = { ...DEFAULT_RULES.touchWeights, joint_call: 9 };
    expect(changesCredit(DEFAULT_RULES, { ...DEFAULT_RULES, touchWeights: weights })).toBe(false);
    expect(changesCredit(custom.attribution, { ...custom.attribution, touchWeights: weights })).toBe(true);
    expect(changesCredit(DEFAULT_RULES, { ...DEFAULT_RULES, sourcedWindowDays: 10 })).toBe(false);
  });

  it('refuses rules that do not hold, saying why in plain words', () => {
    expect(teamRulesSchema.safeParse(DEFAULT_TEAM_RULES).success).toBe(true);
    const warmBeforeHot = teamRulesSchema.safeParse({
      ...DEFAULT_TEAM_RULES,
      warmth: { hotTouchDays: 30, warmTouchDays: 7 },
    });
    expect(warmBeforeHot.error?.issues[0]?.message).toBe('Warm must reach at least as far back as Hot.');
    const pause = teamRulesSchema.safeParse({ ...DEFAULT_TEAM_RULES, pauseAboveShare: 0.2 });
    expect(pause.error?.issues[0]?.message).toBe('Pause at 50 % or more.');
  });
});
