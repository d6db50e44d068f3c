import { describe, expect, it } from 'vitest';
import { createRestClient } from '../../../../lib/crm/salesforce/rest-client';
import { addAttribution } from '../../../../lib/store/attributions';
import type { PartnerLedgerDb } from '../../../../lib/store/db';
import {
  FACTS_FRESH_MS,
  isWeekTotalFresh,
  needsFacts,
  orgCurrency,
  refreshAttributedFacts,
  weekNewPipeline,
  type SummaryDataContext,
} from '../../../../lib/services/summary/org-figures';
import type { SyncApi } from '../../../../lib/sync/types';
import { createSeedData, USER_IDS, type OrgData } from '../../../fake-org/data';
import { createRestApi } from '../../../fake-org/rest/api';
import { inProcessFetch } from '../../../fake-org/rest/in-process-fetch';
import { changeContext, freshDbs } from '../../../builders';

const API_HOST = 'acme.my.salesforce.com';
const NOW = new Date('2026-11-18T10:00:00.000Z');
const WEEK = { key: '2026-11-16', start: '2026-11-16T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' };
const LAST_WEEK = { key: '2026-11-09', start: '2026-11-09T00:00:00.000Z', end: '2026-11-16T00:00:00.000Z' };

const newDb = freshDbs();

function setup(options: { multiCurrency?: boolean; state?: OrgData } = {}) {
  const state = options.state ?? createSeedData(NOW, { multiCurrency: options.multiCurrency ?? false });
  let nowMs = NOW.getTime();
  const api = createRestApi({ state, classicOrigin: `https://${API_HOST}` }, { now: () => new Date(nowMs) });
  const client = createRestClient({
    apiHost: API_HOST,
    sessionId: api.createSession(USER_IDS.jordanKim),
    fetch: inProcessFetch(api),
    apiVersion: '66.0',
  });
  const db = newDb();
  const ctx: SummaryDataContext = {
    db,
    api: client as unknown as SyncApi,
    now: () => nowMs,
    multiCurrency: state.org.IsMultiCurrency,
    apiHost: API_HOST,
    apiVersion: '66.0',
  };
  return { state, api, db, ctx, advance: (ms: number) => (nowMs += ms) };
}

async function tag(db: PartnerLedgerDb, opportunityIds: readonly string[]) {
  for (const [i, opportunityId] of opportunityIds.entries()) {
    await addAttribution(
      db,
      {
        orgKey: 'acme',
        opportunityId,
        partnerName: `Partner ${i % 3}`,
        kind: 'influenced',
        note: '',
        touch: { type: 'joint_call', date: '2026-11-10', note: '' },
      },
      changeContext({ newId: () => crypto.randomUUID() }),
    );
  }
}

describe('needsFacts', () => {
  const fresh = {
    id: 'x',
    orgKey: 'acme',
    name: 'X',
    source: 'api' as const,
    seenAt: NOW.toISOString(),
    createdAt: NOW.toISOString(),
    fetchedAt: NOW.toISOString(),
  };

  it('asks for facts that are missing, from the page only, without an instant, or a day old', () => {
    expect(needsFacts(undefined, NOW.getTime())).toBe(true);
    expect(needsFacts({ ...fresh, source: 'page' }, NOW.getTime())).toBe(true);
    const { createdAt: _none, ...noInstant } = fresh;
    expect(needsFacts(noInstant, NOW.getTime())).toBe(true);
    expect(needsFacts(fresh, NOW.getTime() + FACTS_FRESH_MS - 1)).toBe(false);
    expect(needsFacts(fresh, NOW.getTime() + FACTS_FRESH_MS)).toBe(true);
  });
});

describe('isWeekTotalFresh', () => {
  const row = {
    orgKey: 'acme',
    weekKey: WEEK.key,
    byCurrency: {},
    opportunities: 0,
    fetchedAt: NOW.toISOString(),
    final: false,
  };

  it('keeps a finished week for ever and the current week for five minutes', () => {
    expect(isWeekTotalFresh(undefined, NOW.getTime())).toBe(false);
    expect(isWeekTotalFresh(row, NOW.getTime() + 4 * 60_000)).toBe(true);
    expect(isWeekTotalFresh(row, NOW.getTime() + 5 * 60_000)).toBe(false);
    expect(isWeekTotalFresh({ ...row, final: true }, NOW.getTime() + 400 * 86_400_000)).toBe(true);
  });
});

describe('refreshAttributedFacts', () => {
  it(
    'fetches the facts of every attributed opportunity in ceil(n / 200) queries at most, then none while ' + 'fresh',
    async () => {
      const { state, api, db, ctx, advance } = setup();
      const ids = state.opportunities.slice(0, 30).map((o) => o.Id);
      await tag(db, ids);
      api.resetCalls();
      expect(await refreshAttributedFacts(ctx, 'acme')).toBe(1);
      expect(api.countCalls('/query')).toBe(Math.ceil(ids.length / 200));
      const rows = await db.opportunities.bulkGet(ids);
      for (const [i, row] of rows.entries()) {
        const source = state.opportunities[i]!;
        expect(row).toMatchObject({
          source: 'api',
          name: source.Name,
          amount: source.Amount,
          isWon: source.IsWon,
          createdAt: source.CreatedDate,
          closeDate: source.CloseDate,
        });
      }
      // Fresh for a day: no call.
      expect(await refreshAttributedFacts(ctx, 'acme')).toBe(0);
      advance(FACTS_FRESH_MS);
      expect(await refreshAttributedFacts(ctx, 'acme')).toBe(1);
    },
  );

  it('keeps what is known of an opportunity the org no longer returns', async () => {
    const { state, db, ctx } = setup();
    const gone = state.opportunities[0]!;
    await tag(db, [gone.Id]);
    await db.opportunities.put({
      id: gone.Id,
      orgKey: 'acme',
      name: 'Seen on the page',
      source: 'page',
      seenAt: NOW.toISOString(),
      createdDate: '2026-11-02',
    });
    state.opportunities.splice(0, 1);
    expect(await refreshAttributedFacts(ctx, 'acme')).toBe(1);
    expect(await db.opportunities.get(gone.Id)).toMatchObject({ name: 'Seen on the page', source: 'page' });
  });

  it('splits a long list into several queries that each fit in a request', async () => {
    const { state, api, db, ctx } = setup({ state: createSeedData(NOW, { extraOpportunities: 700 }) });
    const ids = state.opportunities.map((o) => o.Id);
    // Stored directly (the facts refresh reads only which opportunities have a live attribution).
    await db.attributions.bulkAdd(
      ids.map((opportunityId) => ({
        id: crypto.randomUUID(),
        orgKey: 'acme',
        opportunityId,
        partnerId: 'p1',
        kind: 'influenced' as const,
        note: '',
        createdBy: { deviceId: 'device-1' },
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        deleted: 0 as const,
        version: '001795168800000:00000:device-1',
      })),
    );
    api.resetCalls();
    const calls = await refreshAttributedFacts(ctx, 'acme');
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThanOrEqual(Math.ceil(ids.length / 200));
    expect(api.countCalls('/query')).toBe(calls);
    expect(await db.opportunities.where('orgKey').equals('acme').count()).toBe(ids.length);
  });
});

describe('org currency and weekly totals', () => {
  it('reads a single-currency org’s currency once a day and sums a week in it', async () => {
    const { state, api, ctx, advance } = setup();
    api.resetCalls();
    const currency = await orgCurrency(ctx, 'acme');
    expect(currency).toMatchObject({ multiCurrency: false, currency: 'USD' });
    expect(await orgCurrency(ctx, 'acme')).toEqual(currency);
    expect(api.countCalls('/query')).toBe(1);

    const total = await weekNewPipeline(ctx, 'acme', WEEK, currency);
    const expected = state.opportunities
      .filter((o) => o.CreatedDate >= WEEK.start && o.CreatedDate < WEEK.end)
      .reduce((sum, o) => sum + Math.round((o.Amount ?? 0) * 100), 0);
    expect(total.byCurrency).toEqual({ USD: expected });
    expect(total.final).toBe(false);
    expect(api.countCalls('/query')).toBe(2);
    // The current week is read again after five minutes, not before.
    await weekNewPipeline(ctx, 'acme', WEEK, currency);
    expect(api.countCalls('/query')).toBe(2);
    advance(5 * 60_000);
    await weekNewPipeline(ctx, 'acme', WEEK, currency);
    expect(api.countCalls('/query')).toBe(3);
    // A finished week is read once and kept.
    expect((await weekNewPipeline(ctx, 'acme', LAST_WEEK, currency)).final).toBe(true);
    advance(30 * 86_400_000);
    await weekNewPipeline(ctx, 'acme', LAST_WEEK, currency);
    expect(api.countCalls('/query')).toBe(4);
  });

  it('converts a multi-currency org’s corporate sums back to each currency with its rates', async () => {
    const { state, db, ctx } = setup({ multiCurrency: true });
    const inWeek = state.opportunities.filter(
      (o) => o.CreatedDate >= WEEK.start && o.CreatedDate < WEEK.end && o.Amount !== null,
    );
    inWeek[0]!.CurrencyIsoCode = 'EUR';
    inWeek[1]!.CurrencyIsoCode = 'GBP';
    const currency = await orgCurrency(ctx, 'acme');
    expect(currency.rates).toMatchObject({ corporateCurrency: 'USD', rates: { USD: 1, EUR: 0.8, GBP: 0.625 } });
    const total = await weekNewPipeline(ctx, 'acme', WEEK, currency);
    const own = (code: string) =>
      state.opportunities
        .filter((o) => o.CreatedDate >= WEEK.start && o.CreatedDate < WEEK.end && (o.CurrencyIsoCode ?? 'USD') === code)
        .reduce((sum, o) => sum + Math.round((o.Amount ?? 0) * 100), 0);
    expect(total.byCurrency).toEqual({ EUR: own('EUR'), GBP: own('GBP'), USD: own('USD') });
    expect(await db.weekTotals.get(['acme', WEEK.key])).toMatchObject({ byCurrency: total.byCurrency });
  });
});
