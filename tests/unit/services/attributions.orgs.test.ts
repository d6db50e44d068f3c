// A sandbox copied from production keeps production's record ids: every read the pages make is of one org.
import { describe, expect, it } from 'vitest';
import { toId18 } from '../../../lib/record-id';
import { createAttributionService } from '../../../lib/services/attributions';
import { createSummaryService } from '../../../lib/services/summary/service';
import { createWarmthService } from '../../../lib/services/warmth';
import { learnOrgId } from '../../../lib/store/org-ids';
import { opportunitiesOf, opportunityOf } from '../../../lib/store/opportunities';
import { writeSetting } from '../../../lib/store/settings';
import { BUILT_AT, freshDbs, opportunityId } from '../../builders';

const OPP = opportunityId(21);
const PRODUCTION = toId18('00DAk000001prod')!;
const SANDBOX = toId18('00DAk000002sbox')!;
/** Friday 20 Nov 2026, local noon. */
const NOW = new Date(2026, 10, 20, 12);

const newDb = freshDbs();

function setup() {
  const db = newDb();
  const changed: string[] = [];
  const sync = {
    changed: (orgKey: string) => void changed.push(orgKey),
    refreshOpportunity: async () => false,
  };
  const attributions = createAttributionService({ db, now: () => NOW, newId: () => crypto.randomUUID(), sync });
  const warmth = createWarmthService({ db, now: () => NOW });
  const summary = createSummaryService({ db, now: () => NOW, timeZone: () => 'UTC' });
  return { db, attributions, warmth, summary, changed };
}

const tag = (orgKey: string, partnerName: string, kind: 'sourced' | 'influenced' = 'sourced') => ({
  orgKey,
  opportunityId: OPP,
  opportunityName: 'Acme renewal',
  partnerName,
  kind,
  note: '',
  touch: { type: 'joint_call' as const, date: '2026-11-18', note: '' },
});

/** Both orgs connected once: production is `acme`, its full sandbox `acme--uat`. */
async function connectedOrgs() {
  const ctx = setup();
  await learnOrgId(ctx.db, 'acme', PRODUCTION, BUILT_AT);
  await learnOrgId(ctx.db, 'acme--uat', SANDBOX, BUILT_AT);
  return ctx;
}

describe('one org per read, with identical record ids', () => {
  it('keeps a claim made on a page under its org id, and tells sync of that org', async () => {
    const { db, attributions, changed } = await connectedOrgs();
    const saved = await attributions.add(tag('acme--uat', 'Northwind'));
    expect((await db.attributions.get(saved.id))?.orgKey).toBe(SANDBOX);
    expect((await db.opportunities.get(OPP))?.orgKey).toBe(SANDBOX);
    expect(changed).toEqual([SANDBOX]);
  });

  it('shows each org’s panel only its own claims, credit, history and disputes', async () => {
    const { attributions } = await connectedOrgs();
    const inSandbox = await attributions.add(tag('acme--uat', 'Northwind'));
    const inProduction = await attributions.add(tag('acme', 'Globex'));
    const sandbox = await attributions.panelData(OPP, 'acme--uat');
    const production = await attributions.panelData(OPP, 'acme');
    expect(sandbox.attributions.map((a) => a.partnerName)).toEqual(['Northwind']);
    expect(production.attributions.map((a) => a.partnerName)).toEqual(['Globex']);
    // Each org has one sourced claim: no dispute across orgs.
    expect(sandbox.disputed).toBe(false);
    expect(production.disputed).toBe(false);
    expect(Object.keys(production.credit)).toEqual([inProduction.id]);
    // The claim and its touch: every line of each trail names that org's partner only.
    expect(production.history.map((h) => h.what)).toEqual([
      'Logged joint call on Nov 18, 2026 for Globex',
      'Added Globex as partner-sourced',
    ]);
    expect(sandbox.history.map((h) => h.what)).toEqual([
      'Logged joint call on Nov 18, 2026 for Northwind',
      'Added Northwind as partner-sourced',
    ]);
    // Resolving a dispute is within the kept claim's org: production's claim stays.
    await expect(attributions.resolveDispute({ opportunityId: OPP, keepAttributionId: inSandbox.id })).rejects.toThrow(
      'no longer disputed',
    );
    expect((await attributions.panelData(OPP, 'acme')).attributions).toHaveLength(1);
  });

  it('finds the rows again under a renamed My Domain once it reports the same org id', async () => {
    const { db, attributions } = await connectedOrgs();
    await attributions.add(tag('acme', 'Globex'));
    expect((await attributions.panelData(OPP, 'acme-corp')).attributions).toEqual([]);
    await learnOrgId(db, 'acme-corp', PRODUCTION, NOW.toISOString());
    expect((await attributions.panelData(OPP, 'acme-corp')).attributions.map((a) => a.partnerName)).toEqual(['Globex']);
  });

  it('counts a sandbox’s copy of a production deal as another deal', async () => {
    const { attributions } = await connectedOrgs();
    await attributions.add(tag('acme--uat', 'Northwind'));
    await attributions.add(tag('acme', 'Globex', 'influenced'));
    expect(await attributions.counts()).toEqual({ opportunities: 2, sourced: 1, influenced: 1 });
  });

  it('gives badges only of the page’s org', async () => {
    const { attributions, warmth } = await connectedOrgs();
    await attributions.add(tag('acme--uat', 'Northwind'));
    expect(Object.keys((await warmth.read([OPP], false, 'acme--uat')).warmth)).toEqual([OPP]);
    expect((await warmth.read([OPP], false, 'acme')).warmth).toEqual({});
  });

  it('gives the weekly summary of the last page’s org only', async () => {
    const { db, attributions, summary } = await connectedOrgs();
    await attributions.add(tag('acme--uat', 'Northwind'));
    // The sandbox's facts of the deal, created this week: production has none of its own.
    await db.opportunities.put({
      id: OPP,
      orgKey: SANDBOX,
      name: 'Acme renewal',
      source: 'api',
      seenAt: BUILT_AT,
      createdDate: '2026-11-17',
      createdAt: '2026-11-17T12:00:00.000Z',
      amount: 50_000,
      currency: 'USD',
      stage: 'Prospecting',
      isClosed: false,
      isWon: false,
      fetchedAt: BUILT_AT,
    });
    await writeSetting(db, 'lastOrg', 'acme');
    const production = await summary.report();
    expect(production.summary.byPartner).toEqual([]);
    await writeSetting(db, 'lastOrg', 'acme--uat');
    const sandbox = await summary.report();
    expect(sandbox.summary.byPartner.map((line) => [line.partnerName, line.sourcedPipelineCents])).toEqual([
      ['Northwind', 50_000_00],
    ]);
    expect(production.summary.figures.byCurrency.every((line) => line.sourcedOpportunities === 0)).toBe(true);
  });

  it('reads cached facts of an opportunity only when they are the org’s', async () => {
    const { db } = await connectedOrgs();
    await db.opportunities.put({ id: OPP, orgKey: SANDBOX, name: 'Acme renewal', source: 'page', seenAt: BUILT_AT });
    expect((await opportunityOf(db, SANDBOX, OPP))?.name).toBe('Acme renewal');
    expect(await opportunityOf(db, PRODUCTION, OPP)).toBeUndefined();
    expect((await opportunitiesOf(db, PRODUCTION, [OPP, opportunityId(22)])).every((row) => !row)).toBe(true);
    expect((await opportunitiesOf(db, SANDBOX, [OPP]))[0]?.orgKey).toBe(SANDBOX);
  });
});
