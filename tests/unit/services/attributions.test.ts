import { describe, expect, it } from 'vitest';
import { createAttributionService } from '../../../lib/services/attributions';
import { freshDbs, opportunityId } from '../../builders';

const OPP = opportunityId(11);
/** Friday 20 Nov 2026, local noon: the user's calendar date is the 20th in any zone within ±11 h. */
const NOW = new Date(2026, 10, 20, 12);

const newDb = freshDbs();

function setup(refreshed = true) {
  const db = newDb();
  const changed: string[] = [];
  const refreshes: [string, string][] = [];
  const sync = {
    changed: (orgKey: string) => void changed.push(orgKey),
    refreshOpportunity: async (pageUrl: string, opportunityId: string) => {
      refreshes.push([pageUrl, opportunityId]);
      return refreshed;
    },
  };
  const service = createAttributionService({ db, now: () => NOW, newId: () => crypto.randomUUID(), sync });
  return { db, service, changed, refreshes };
}

const tag = (partnerName: string, kind: 'sourced' | 'influenced', extra: Record<string, unknown> = {}) => ({
  orgKey: 'acme',
  opportunityId: OPP,
  partnerName,
  kind,
  note: '',
  touch: { type: 'joint_call' as const, date: '2026-11-18', note: '' },
  ...extra,
});

describe('the attribution service', () => {
  it('gives the panel its data: claims, partners, credit under the rules, history and today', async () => {
    const { service } = setup();
    const sourced = await service.add(tag('Northwind', 'sourced'));
    const influenced = await service.add(tag('Globex', 'influenced'));
    const data = await service.panelData(OPP);
    expect(data.attributions.map((a) => a.partnerName).sort()).toEqual(['Globex', 'Northwind']);
    expect(data.partners.map((p) => p.name).sort()).toEqual(['Globex', 'Northwind']);
    expect(data.credit).toEqual({ [sourced.id]: 1, [influenced.id]: 1 });
    expect(data.disputed).toBe(false);
    expect(data.today).toBe('2026-11-20');
    expect(data.history.length).toBeGreaterThanOrEqual(2);
    expect(data.facts).toBeUndefined();
  });

  it('shows the facts the org reported, and marks an API created date as the one that counts', async () => {
    const { db, service } = setup();
    await db.opportunities.put({
      id: OPP,
      orgKey: 'acme',
      name: 'Acme renewal',
      source: 'api',
      seenAt: NOW.toISOString(),
      createdDate: '2026-11-02',
      amount: 50_000,
      currency: 'EUR',
      stage: 'Prospecting',
      fetchedAt: '2026-11-20T08:00:00.000Z',
    });
    expect(await service.panelData(OPP)).toMatchObject({
      createdDate: '2026-11-02',
      createdDateFromApi: true,
      facts: { amount: 50_000, currency: 'EUR', stage: 'Prospecting', fetchedAt: '2026-11-20T08:00:00.000Z' },
    });
  });

  it('shows and checks the claims of the page’s org only: a sandbox with production’s ids is another ledger', async () => {
    const { service } = setup();
    await service.add(tag('Northwind', 'sourced'));
    // The same opportunity id in a sandbox copied from production: its own sourced claim is no dispute.
    await service.add(tag('Globex', 'sourced', { orgKey: 'acme--uat' }));
    const production = await service.panelData(OPP, 'acme');
    const sandbox = await service.panelData(OPP, 'acme--uat');
    expect(production.attributions.map((a) => a.partnerName)).toEqual(['Northwind']);
    expect(sandbox.attributions.map((a) => a.partnerName)).toEqual(['Globex']);
    expect(production.disputed).toBe(false);
    expect(sandbox.disputed).toBe(false);
  });

  it('tells sync of every change, with the org of the attribution changed', async () => {
    const { service, changed } = setup();
    const saved = await service.add(tag('Northwind', 'sourced'));
    await service.addTouch({ attributionId: saved.id, type: 'intro_referral', date: '2026-11-19', note: '' });
    await service.remove(saved.id, {});
    expect(changed).toEqual(['acme', 'acme', 'acme']);
  });

  it('keeps a competing claim as a dispute until one is kept', async () => {
    const { service, changed } = setup();
    const first = await service.add(tag('Northwind', 'sourced'));
    await service.add(tag('Initech', 'sourced', { competingClaim: true }));
    expect((await service.panelData(OPP)).disputed).toBe(true);
    const resolved = await service.resolveDispute({ opportunityId: OPP, keepAttributionId: first.id });
    expect(resolved).toEqual({ opportunityId: OPP });
    expect((await service.panelData(OPP)).disputed).toBe(false);
    expect(changed).toHaveLength(3);
    expect(await service.counts()).toMatchObject({ sourced: 1 });
  });

  it('refreshes from the org only for a request from a page, answering with the panel data if it fetched', async () => {
    const page = `https://acme.lightning.force.com/lightning/r/Opportunity/${OPP}/view`;
    const fetched = setup(true);
    expect(await fetched.service.refresh(OPP, undefined)).toBeNull();
    expect(fetched.refreshes).toEqual([]);
    expect(await fetched.service.refresh(OPP, page)).toMatchObject({ attributions: [], today: '2026-11-20' });
    expect(fetched.refreshes).toEqual([[page, OPP]]);

    const fresh = setup(false);
    expect(await fresh.service.refresh(OPP, page)).toBeNull();
  });
});
