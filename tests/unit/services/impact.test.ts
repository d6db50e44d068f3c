import { afterEach, describe, expect, it } from 'vitest';
import { addAttribution } from '../../../lib/store/attributions';
import type { PartnerLedgerDb } from '../../../lib/store/db';
import { createConnectionService } from '../../../lib/services/connection';
import {
  CURRENT_QUARTER_FRESH_MS,
  createImpactService,
  isPeriodFresh,
  type ImpactAnswer,
} from '../../../lib/services/impact';
import { createSeedData, USER_IDS, type OrgData } from '../../fake-org/data';
import { clearClosedDeals, seedImpact, type ImpactSeed } from '../../fake-org/impact-seed';
import { createRestApi } from '../../fake-org/rest/api';
import { extensionSessionFor } from '../../fake-org/rest/extension-session';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';
import { changeContext, freshDb } from '../../builders';

const API_HOST = 'acme.my.salesforce.com';
const PAGE = 'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=AllOpportunities';
/** Wednesday 18 November 2026: Q4 is under way, Q3 is the last complete quarter. */
const NOW = new Date('2026-11-18T10:00:00.000Z');
const Q3 = { firstDay: '2026-07-01', lastDay: '2026-09-30' };
const Q4 = { firstDay: '2026-10-01', lastDay: '2026-11-17' };

/** Sourced deals won 60 % of the time, deals without partners 25 %: a difference that holds. */
const UPLIFT: ImpactSeed = {
  ...Q3,
  sourced: { closed: 60, won: 36 },
  influenced: { closed: 30, won: 12 },
  none: { closed: 200, won: 50 },
};

const dbs: PartnerLedgerDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setup(options: { seed?: ImpactSeed; session?: boolean; state?: OrgData } = {}) {
  const state = options.state ?? createSeedData(NOW);
  clearClosedDeals(state);
  if (options.seed) seedImpact(state, options.seed);
  let nowMs = NOW.getTime();
  const api = createRestApi({ state, classicOrigin: `https://${API_HOST}` }, { now: () => new Date(nowMs) });
  const session = extensionSessionFor(api.createSession(USER_IDS.jordanKim), API_HOST);
  const db = freshDb();
  dbs.push(db);
  const findSession =
    options.session === false
      ? async () => ({ ok: false as const, reason: 'no_session' as const, message: 'Open Salesforce in a tab.' })
      : async () => ({ ok: true as const, session });
  const connection = createConnectionService({ db, fetch: inProcessFetch(api), findSession, now: () => nowMs });
  await connection.rememberPage(PAGE);
  const service = createImpactService({ db, connection, now: () => nowMs, timeZone: () => 'UTC' });
  return { state, api, db, connection, service, advance: (ms: number) => (nowMs += ms) };
}

/** Text without its spaces: percentages are written with the locale's own (narrow, no-break) space. */
const squeeze = (text: string) => text.replace(/\s/g, '');

function group(answer: ImpactAnswer, name: 'sourced' | 'influenced' | 'none') {
  return answer.report.groups.find((figures) => figures.group === name)!;
}

describe('Partner impact from the org', () => {
  it('counts every group from the org and states the verdict, within the call bound', async () => {
    const { service, api } = await setup({ seed: UPLIFT });
    api.resetCalls();
    const answer = await service.report({ quarterKey: '2026-Q3', locale: 'en-US' });
    expect(answer.source).toBe('org');
    expect(answer.quarter.key).toBe('2026-Q3');
    expect(answer.inProgress).toBe(false);
    expect([group(answer, 'sourced').closed, group(answer, 'sourced').won]).toEqual([60, 36]);
    expect([group(answer, 'influenced').closed, group(answer, 'influenced').won]).toEqual([30, 12]);
    expect([group(answer, 'none').closed, group(answer, 'none').won]).toEqual([200, 50]);
    // Deal sizes and cycles come from the won deals fetched one by one.
    expect(group(answer, 'none').amounts[0]!.n).toBe(50);
    expect(group(answer, 'none').cycle.n).toBe(50);
    expect(answer.report.comparisons[0]).toMatchObject({ group: 'sourced', kind: 'holds' });
    expect(squeeze(answer.report.comparisons[0]!.sentence)).toContain('won60%ofthetime,against25%withoutpartners');
    expect(answer.report.partners.map((partner) => partner.partnerName).sort()).toEqual([
      'Globex Cloud Reseller',
      'Northwind Systems Integration',
    ]);
    // Lost deals without partners are counted, not fetched: 50 won ones and 90 tags are the records.
    expect(answer.fetched).toBe(50 + 90);
    // The currency facts, the count, one batch of won deals and one of tags (connecting is counted apart).
    expect(answer.calls).toBe(4);
    expect(answer.calls).toBeLessThanOrEqual(6 + Math.ceil(answer.fetched / 2000));
  });

  it('keeps a quarter that has ended: shown again with no call', async () => {
    const { service, api, state } = await setup({ seed: UPLIFT });
    await service.report({ quarterKey: '2026-Q3' });
    state.opportunities.push({ ...state.opportunities.find((o) => o.IsClosed)!, Id: '006Ka00000ZZZZZQzAAA' });
    api.resetCalls();
    const again = await service.report({ quarterKey: '2026-Q3' });
    expect(again).toMatchObject({ source: 'org', cached: true, calls: 0, fetched: 0 });
    expect(api.countCalls()).toBe(0);
    expect(group(again, 'none').closed).toBe(200);
    // Unless the user asks to read it again.
    const refreshed = await service.report({ quarterKey: '2026-Q3', refresh: true });
    expect(refreshed.cached).toBe(false);
    expect(api.countCalls('/query')).toBeGreaterThan(0);
  });

  it('reads the current quarter again after five minutes, and opens on it by default', async () => {
    const { service, api, advance } = await setup({
      seed: { ...Q4, sourced: { closed: 12, won: 6 }, influenced: { closed: 0, won: 0 }, none: { closed: 40, won: 8 } },
    });
    const first = await service.report({});
    expect(first.quarter.key).toBe('2026-Q4');
    expect(first.inProgress).toBe(true);
    expect(first.choices.map((choice) => choice.key)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
    expect(group(first, 'sourced').closed).toBe(12);
    api.resetCalls();
    expect((await service.report({})).cached).toBe(true);
    advance(CURRENT_QUARTER_FRESH_MS);
    expect((await service.report({})).cached).toBe(false);
    expect(api.countCalls('/query')).toBeGreaterThan(0);
  });

  it('pages through thousands of won deals, 2,000 a batch, within 6 + ceil(fetched / 2,000) calls', async () => {
    const { service, api } = await setup({
      seed: {
        ...Q3,
        sourced: { closed: 2_100, won: 900 },
        influenced: { closed: 0, won: 0 },
        none: { closed: 9_000, won: 4_500 },
      },
    });
    api.resetCalls();
    const answer = await service.report({ quarterKey: '2026-Q3' });
    expect(group(answer, 'none')).toMatchObject({ closed: 9_000, won: 4_500 });
    expect(group(answer, 'sourced')).toMatchObject({ closed: 2_100, won: 900 });
    expect(answer.fetched).toBe(4_500 + 2_100);
    // The currency facts, the count, 3 batches of won deals and 2 of tags.
    expect(answer.calls).toBe(1 + 1 + 3 + 2);
    expect(answer.calls).toBeLessThanOrEqual(6 + Math.ceil(answer.fetched / 2_000));
    expect(api.countCalls('/query')).toBeGreaterThanOrEqual(answer.calls);
  });

  it('shows no verdict when the groups win alike', async () => {
    const { service } = await setup({
      seed: {
        ...Q3,
        sourced: { closed: 40, won: 12 },
        influenced: { closed: 40, won: 12 },
        none: { closed: 200, won: 60 },
      },
    });
    const answer = await service.report({ quarterKey: '2026-Q3' });
    expect(answer.report.comparisons.map((comparison) => comparison.kind)).toEqual(['unclear', 'unclear']);
    expect(answer.report.headline).toBeUndefined();
    expect((await service.headline()).headline).toBeUndefined();
  });

  it('gives the last complete quarter’s headline for the weekly summary when a verdict holds', async () => {
    const { service } = await setup({ seed: UPLIFT });
    const { quarterKey, headline } = await service.headline('en-US');
    expect(quarterKey).toBe('2026-Q3');
    expect(squeeze(headline!)).toBe(
      squeeze('Q3 2026: partner-sourced deals were won 60% of the time, against 25% without partners (holds at 95%)'),
    );
  });
});

describe('Partner impact without API access', () => {
  async function tagLocally(db: PartnerLedgerDb, opportunityId: string, partnerName: string) {
    await addAttribution(
      db,
      {
        orgKey: 'acme',
        opportunityId,
        partnerName,
        kind: 'sourced',
        note: '',
        reason: 'Partner review',
        touch: { type: 'joint_call', date: '2026-08-01', note: '' },
      },
      changeContext({ newId: () => crypto.randomUUID() }),
    );
  }

  async function knownDeal(db: PartnerLedgerDb, id: string, won: boolean, closeDate: string) {
    await db.opportunities.put({
      id,
      orgKey: 'acme',
      name: `Deal ${id}`,
      source: 'api',
      seenAt: NOW.toISOString(),
      createdAt: '2026-06-01T09:00:00.000Z',
      closeDate,
      isClosed: true,
      isWon: won,
      amount: 1_000,
      currency: 'USD',
    });
  }

  it('uses the data on this computer and says why, with no call', async () => {
    const { service, db, api } = await setup({ session: false });
    await knownDeal(db, '006Ka00000001QzAAA', true, '2026-08-10');
    await knownDeal(db, '006Ka00000002QzAAA', false, '2026-08-11');
    await knownDeal(db, '006Ka00000003QzAAA', true, '2026-10-11'); // Q4: not in Q3
    await tagLocally(db, '006Ka00000001QzAAA', 'Globex Cloud Reseller');
    api.resetCalls();
    const answer = await service.report({ quarterKey: '2026-Q3' });
    expect(answer.source).toBe('local');
    expect(answer.localReason).toBe('Open Salesforce in a tab.');
    expect(group(answer, 'sourced')).toMatchObject({ closed: 1, won: 1 });
    expect(group(answer, 'none')).toMatchObject({ closed: 1, won: 0 });
    expect(api.countCalls()).toBe(0);
  });

  it('leaves the org alone when sync pauses for the daily allowance', async () => {
    const { service, db, api } = await setup({ seed: UPLIFT });
    await db.syncState.put({ orgKey: 'acme', usage: { used: 14_000, limit: 15_000, at: NOW.toISOString() } });
    api.resetCalls();
    const answer = await service.report({ quarterKey: '2026-Q3' });
    expect(answer).toMatchObject({ source: 'local', localReason: 'Paused to save your org’s daily API allowance.' });
    expect(api.countCalls()).toBe(0);
  });
});

describe('isPeriodFresh', () => {
  it('keeps an ended quarter for good and the current one for five minutes', () => {
    const at = NOW.toISOString();
    expect(isPeriodFresh({ final: true, fetchedAt: at }, NOW.getTime() + 365 * 86_400_000)).toBe(true);
    expect(isPeriodFresh({ final: false, fetchedAt: at }, NOW.getTime() + CURRENT_QUARTER_FRESH_MS - 1)).toBe(true);
    expect(isPeriodFresh({ final: false, fetchedAt: at }, NOW.getTime() + CURRENT_QUARTER_FRESH_MS)).toBe(false);
    // A clock set back is no reason to trust an old answer.
    expect(isPeriodFresh({ final: false, fetchedAt: at }, NOW.getTime() - 1)).toBe(false);
  });
});
