import { describe, expect, it } from 'vitest';
import { indexDeals } from '../../../lib/attribution/deal-index';
import { summarizeWeek } from '../../../lib/attribution/summary';
import {
  isAuthor,
  isMadeOrTouchedBy,
  scopeIndex,
  summaryScopeSchema,
  type Author,
} from '../../../lib/attribution/summary-scope';
import { BERLIN, opportunity, PARTNERS, summaryInput, tag } from './summary-fixtures';

const THIS_DEVICE = 'd0000001-0000-4000-8000-000000000001';
const OTHER_DEVICE = 'd0000002-0000-4000-8000-000000000002';
const ME = '005Ak00000000AAIAY';
const TEAMMATE = '005Ak00000000BBIAY';

const local: Author = { deviceId: THIS_DEVICE };
const connected: Author = { deviceId: THIS_DEVICE, userId: ME, userName: 'Ada Lovelace' };

describe('isAuthor', () => {
  it('knows a change made in this browser by its device id, before and after connecting', () => {
    expect(isAuthor({ deviceId: THIS_DEVICE }, local)).toBe(true);
    expect(isAuthor({ deviceId: THIS_DEVICE }, connected)).toBe(true);
    expect(isAuthor({ deviceId: OTHER_DEVICE }, local)).toBe(false);
  });

  it('lets the Salesforce user id decide when both carry one', () => {
    expect(isAuthor({ deviceId: OTHER_DEVICE, userId: ME }, connected)).toBe(true);
    // The same browser, used by another Salesforce user: theirs, not mine.
    expect(isAuthor({ deviceId: THIS_DEVICE, userId: TEAMMATE }, connected)).toBe(false);
  });

  it('knows a record pulled from the org by the name the org gives its author, only once connected', () => {
    expect(isAuthor({ deviceId: OTHER_DEVICE, userName: 'Ada Lovelace' }, connected)).toBe(true);
    expect(isAuthor({ deviceId: OTHER_DEVICE, userName: 'Grace Hopper' }, connected)).toBe(false);
    expect(isAuthor({ deviceId: OTHER_DEVICE, userName: 'Ada Lovelace' }, { ...local, userName: 'Ada Lovelace' })).toBe(
      false,
    );
  });
});

describe('isMadeOrTouchedBy', () => {
  const teammateClaim = { createdBy: { deviceId: OTHER_DEVICE, userName: 'Grace Hopper' } };

  it('counts a claim the user created', () => {
    expect(isMadeOrTouchedBy({ createdBy: { deviceId: THIS_DEVICE } }, [], local)).toBe(true);
  });

  it('counts a teammate’s claim the user logged a touch on, or last changed in the org', () => {
    expect(isMadeOrTouchedBy(teammateClaim, [], connected)).toBe(false);
    expect(isMadeOrTouchedBy(teammateClaim, [{ deviceId: OTHER_DEVICE }, { deviceId: THIS_DEVICE }], connected)).toBe(
      true,
    );
    expect(isMadeOrTouchedBy({ ...teammateClaim, lastModifiedByName: 'Ada Lovelace' }, [], connected)).toBe(true);
    expect(isMadeOrTouchedBy({ ...teammateClaim, lastModifiedByName: 'Grace Hopper' }, [], connected)).toBe(false);
  });
});

describe('scopeIndex', () => {
  const deals = [opportunity('o1', { amountCents: 500_000 }), opportunity('o2', { amountCents: 200_000 })];
  const tags = [
    tag('o1', PARTNERS.acme, 'sourced', { mine: true }),
    tag('o2', PARTNERS.globex, 'sourced'),
    tag('o2', PARTNERS.initech, 'influenced', { mine: true }),
  ];
  const index = indexDeals(deals, tags, BERLIN.timeZone);

  it('keeps every tag for the team, and only the user’s for mine', () => {
    expect(scopeIndex(index, 'team')).toBe(index);
    const mine = scopeIndex(index, 'mine');
    expect(mine.tags.map((t) => t.partnerName)).toEqual(['Acme SI', 'Initech']);
    // Made once per index.
    expect(scopeIndex(index, 'mine')).toBe(mine);
  });

  it('gives the team both sourced deals and the user only theirs', () => {
    const team = summarizeWeek(index, summaryInput()).figures.byCurrency[0];
    const mine = summarizeWeek(scopeIndex(index, 'mine'), summaryInput()).figures.byCurrency[0];
    expect(team).toMatchObject({ sourcedOpportunities: 2, sourcedPipelineCents: 700_000 });
    expect(mine).toMatchObject({
      sourcedOpportunities: 1,
      sourcedPipelineCents: 500_000,
      influencedOpportunities: 1,
      influencedPipelineCents: 200_000,
    });
  });

  it('leaves a deal with none of the user’s tags out of every list', () => {
    const onlyTeam = indexDeals(deals, [tag('o2', PARTNERS.globex, 'influenced', { touches: [] })], BERLIN.timeZone);
    expect(onlyTeam.needsReview.length).toBeGreaterThan(0);
    expect(scopeIndex(onlyTeam, 'mine').needsReview).toEqual([]);
  });
});

describe('summaryScopeSchema', () => {
  it('takes team or mine only', () => {
    expect(summaryScopeSchema.parse('mine')).toBe('mine');
    expect(summaryScopeSchema.safeParse('everyone').success).toBe(false);
  });
});
