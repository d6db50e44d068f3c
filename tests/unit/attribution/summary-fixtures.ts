// Small builders for weekly-summary tests: a Berlin org, Monday-first weeks, the week of 16–22 Nov 2026.
import { DEFAULT_RULES } from '../../../lib/attribution/model';
import type {
  SummaryAttribution,
  SummaryInput,
  SummaryOpportunity,
  WeekSettings,
} from '../../../lib/attribution/summary-types';
import { weekOfDate } from '../../../lib/time/week';

export const BERLIN: WeekSettings = { timeZone: 'Europe/Berlin', firstDayOfWeek: 1 };
/** 16–22 Nov 2026 in Berlin: [2026-11-15T23:00Z, 2026-11-22T23:00Z). */
export const WEEK = weekOfDate('2026-11-16', BERLIN);

export const PARTNERS = {
  acme: { partnerId: 'p-acme', partnerName: 'Acme SI' },
  globex: { partnerId: 'p-globex', partnerName: 'Globex' },
  initech: { partnerId: 'p-initech', partnerName: 'Initech' },
} as const;

export function opportunity(id: string, overrides: Partial<SummaryOpportunity> = {}): SummaryOpportunity {
  return {
    id,
    name: `Deal ${id}`,
    amountCents: 100_000,
    currency: 'USD',
    createdAt: '2026-11-18T10:00:00.000Z',
    isClosed: false,
    isWon: false,
    stage: 'Prospecting',
    ...overrides,
  };
}

let nextTag = 0;

export function tag(
  opportunityId: string,
  partner: { partnerId: string; partnerName: string },
  kind: SummaryAttribution['kind'],
  overrides: Partial<SummaryAttribution> = {},
): SummaryAttribution {
  return {
    id: `t${String(nextTag++).padStart(4, '0')}`,
    opportunityId,
    ...partner,
    kind,
    createdAt: '2026-11-18T11:00:00.000Z',
    touches: [{ type: 'joint_call', date: '2026-11-18' }],
    ...overrides,
  };
}

export function summaryInput(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    week: WEEK,
    settings: BERLIN,
    now: '2026-11-21T12:00:00.000Z',
    opportunities: [],
    attributions: [],
    rules: { influenceModel: DEFAULT_RULES.influenceModel, touchWeights: DEFAULT_RULES.touchWeights },
    newPipeline: {},
    ...overrides,
  };
}
