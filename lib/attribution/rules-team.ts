/**
 * The team's rules: everything that must be the same in every browser of an org for their figures to agree
 * (the influence model and its weights, the attribution window and lock, the warmth thresholds, the first
 * day of the week, and the default API pause threshold). They live in the org (salesforce/README.md, "Team
 * rules"); this module is the pure part: their shape, their check, and what a change between two of them is.
 */
import { z } from '../zod';
import {
  DEFAULT_RULES,
  INFLUENCE_MODELS,
  INFLUENCE_MODEL_LABELS,
  TOUCH_TYPES,
  TOUCH_TYPE_LABELS,
  type AttributionRules,
  type TouchType,
} from './model';
import type { Weekday } from './summary-types';
import { DEFAULT_WARMTH_RULES, type WarmthRules } from './warmth';

export interface TeamRules {
  attribution: AttributionRules;
  warmth: WarmthRules;
  /** 0 = Sunday … 6 = Saturday. */
  firstDayOfWeek: Weekday;
  /** Background sync pauses once this share (0.5..1) of the org's daily API allocation is used. */
  pauseAboveShare: number;
}

export const DEFAULT_TEAM_RULES: TeamRules = {
  attribution: DEFAULT_RULES,
  warmth: DEFAULT_WARMTH_RULES,
  firstDayOfWeek: 1,
  pauseAboveShare: 0.8,
};

const wholeDays = (most: number) =>
  z.number().int('Use whole days.').min(0, 'Days cannot be negative.').max(most, `Use at most ${most} days.`);

const weightsSchema = z.object(
  Object.fromEntries(
    TOUCH_TYPES.map((type) => [
      type,
      z.number().min(0, 'Weights cannot be negative.').max(100, 'Keep weights at 100 or less.'),
    ]),
  ) as Record<TouchType, z.ZodNumber>,
);

/** The whole set, strictly: a value that does not pass is refused, never patched with a default. */
export const teamRulesSchema = z.object({
  attribution: z.object({
    influenceModel: z.enum(INFLUENCE_MODELS, 'Choose how influence credit is split.'),
    touchWeights: weightsSchema,
    sourcedWindowDays: wholeDays(365),
    lockAfterDays: wholeDays(730),
  }),
  warmth: z
    .object({ hotTouchDays: wholeDays(365), warmTouchDays: wholeDays(730) })
    .refine((rules) => rules.warmTouchDays >= rules.hotTouchDays, {
      message: 'Warm must reach at least as far back as Hot.',
      path: ['warmTouchDays'],
    }),
  firstDayOfWeek: z.literal([0, 1, 2, 3, 4, 5, 6], 'Choose a day of the week.'),
  pauseAboveShare: z.number().min(0.5, 'Pause at 50 % or more.').max(1, 'Pause at 100 % or less.'),
}) satisfies z.ZodType<TeamRules>;

/** One rule that differs between two sets, in words: what it is, and its value before and after. */
export interface RuleChange {
  rule: string;
  before: string;
  after: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const daysText = (days: number) => `${days} ${days === 1 ? 'day' : 'days'}`;

/** Each rule with its label and how its value reads. */
const RULES: readonly { rule: string; value: (rules: TeamRules) => string }[] = [
  { rule: 'Influence credit model', value: (r) => INFLUENCE_MODEL_LABELS[r.attribution.influenceModel] },
  ...TOUCH_TYPES.map((type) => ({
    rule: `Weight of ${TOUCH_TYPE_LABELS[type]}`,
    value: (r: TeamRules) => String(r.attribution.touchWeights[type]),
  })),
  { rule: 'Attribution window', value: (r) => daysText(r.attribution.sourcedWindowDays) },
  { rule: 'Lock attribution after', value: (r) => daysText(r.attribution.lockAfterDays) },
  { rule: 'Hot within', value: (r) => daysText(r.warmth.hotTouchDays) },
  { rule: 'Warm within', value: (r) => daysText(r.warmth.warmTouchDays) },
  { rule: 'First day of the week', value: (r) => WEEKDAYS[r.firstDayOfWeek] ?? String(r.firstDayOfWeek) },
  { rule: 'Pause sync above', value: (r) => `${Math.round(r.pauseAboveShare * 100)} % of the daily API limit` },
];

/** What differs between two sets of rules, in the order the options page shows them. */
export function diffTeamRules(before: TeamRules, after: TeamRules): RuleChange[] {
  return RULES.flatMap(({ rule, value }) => {
    const [was, is] = [value(before), value(after)];
    return was === is ? [] : [{ rule, before: was, after: is }];
  });
}

/** Whether a change of rules changes anyone's credit: the model, or the weights while the model uses them. */
export function changesCredit(before: AttributionRules, after: AttributionRules): boolean {
  if (before.influenceModel !== after.influenceModel) return true;
  if (after.influenceModel !== 'custom') return false;
  return TOUCH_TYPES.some((type) => before.touchWeights[type] !== after.touchWeights[type]);
}

/** Whether two sets hold the same rules. */
export function sameTeamRules(a: TeamRules, b: TeamRules): boolean {
  return diffTeamRules(a, b).length === 0;
}
