// Claims on a lead through the real REST client against the fake org: recorded on the lead, pulled by a
// teammate, carried to the opportunity when the lead is converted (once, whichever browsers notice), or left on
// the lead with the reason when it is converted without one; Credited_Amount__c follows the amount.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCalendarDate } from '../../../lib/attribution/format';
import { carriedText, notCarriedText } from '../../../lib/attribution/lead-carry';
import {
  convertedLeadSchema,
  convertedLeadsQueries,
  toLeadConversion,
} from '../../../lib/crm/salesforce/queries/lead-conversion';
import { createRestClient } from '../../../lib/crm/salesforce/rest-client';
import { toId18 } from '../../../lib/record-id';
import { requeueIfAmountChanged } from '../../../lib/store/credited-amounts';
import { addAttribution, listAttributions } from '../../../lib/store/attributions';
import { listHistory } from '../../../lib/store/history';
import { applyLeadConversion, pendingLeadIds } from '../../../lib/store/lead-conversion';
import { carryConvertedLeads } from '../../../lib/sync/lead-conversion';
import { syncOnce } from '../../../lib/sync/run';
import type { SyncApi } from '../../../lib/sync/types';
import { createSeedData, DEMO_OPPORTUNITY_IDS, USER_IDS, type CustomRecord } from '../../fake-org/data';
import { convertLead, LEAD_IDS } from '../../fake-org/leads';
import { createRestApi } from '../../fake-org/rest/api';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';
import { changeOn, clock, device, ORG, syncContext, TOUCH, type Device } from './helpers';

const devices: Device[] = [];
const leadIdOf = (n: number) => toId18(`00QAk0000${String(n).padStart(6, '0')}`)!;
afterEach(async () => {
  for (const dev of devices.splice(0)) {
    dev.db.close();
    await dev.db.delete();
  }
});

function setup() {
  const time = clock(Date.parse('2026-12-05T09:00:00Z'));
  const state = createSeedData(new Date(time.ms));
  const api = createRestApi(state, { now: () => new Date(time.ms) });
  const client = (userId: string) =>
    createRestClient({
      apiHost: 'acme.my.salesforce.com',
      sessionId: api.createSession(userId),
      fetch: inProcessFetch(api),
    }) as unknown as SyncApi;
  const records = (): CustomRecord[] => state.customObjects.Partner_Attribution__c.records;
  const browser = (index: number, userId: string) => {
    const dev = device(index, time, { prefix: 'leads' });
    devices.push(dev);
    return { dev, ctx: syncContext(dev, time, client(userId)) };
  };
  return { time, state, records, browser };
}

describe('claims on a lead', () => {
  it('go to the org on the lead, and move once to the opportunity when two browsers notice it', async () => {
    const { time, state, records, browser } = setup();
    const pm = browser(0, USER_IDS.jordanKim);
    const ae = browser(1, USER_IDS.danaReyes);
    const saved = await addAttribution(
      pm.dev.db,
      {
        orgKey: ORG,
        opportunityId: LEAD_IDS.adaLovelace,
        partnerName: 'Northwind Systems Integration',
        kind: 'sourced',
        note: 'Brought Ada to us',
        touch: { ...TOUCH, type: 'intro_referral', date: '2026-12-01', note: 'Intro call' },
      },
      changeOn(pm.dev, time),
    );
    await syncOnce(pm.ctx, ORG);
    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({
      External_Id__c: saved.id,
      Lead__c: LEAD_IDS.adaLovelace,
      Opportunity__c: null,
      Credited_Amount__c: null,
    });

    time.advance(60_000);
    await syncOnce(ae.ctx, ORG);
    expect(await pendingLeadIds(ae.dev.db, ORG)).toEqual([LEAD_IDS.adaLovelace]);

    time.advance(60_000);
    const { opportunity } = convertLead(state, LEAD_IDS.adaLovelace, {
      userId: USER_IDS.jordanKim,
      createOpportunity: true,
      opportunityName: 'Analytical Engines - Platform',
      now: new Date(time.ms),
    });
    // Both browsers notice at the same time: neither has seen the other's carry.
    await Promise.all([syncOnce(pm.ctx, ORG), syncOnce(ae.ctx, ORG)]);

    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({
      External_Id__c: saved.id,
      Lead__c: LEAD_IDS.adaLovelace,
      Opportunity__c: opportunity!.Id,
      Deleted__c: false,
    });
    expect(JSON.parse(String(records()[0]!.Touches__c)).map((t: { note: string }) => t.note)).toEqual(['Intro call']);

    for (const dev of [pm.dev, ae.dev]) {
      expect(await listAttributions(dev.db, LEAD_IDS.adaLovelace)).toEqual([]);
      const [carried] = await listAttributions(dev.db, opportunity!.Id);
      expect(carried).toMatchObject({ id: saved.id, partnerName: 'Northwind Systems Integration', kind: 'sourced' });
      expect(carried!.touches.map((t) => t.note)).toEqual(['Intro call']);
      expect(carried!.carriedFrom).toMatch(/^Carried from lead Ada Lovelace, converted on /);
      expect(carried!.carriedFrom).toMatch(/ by Jordan Kim$/);
      expect(await pendingLeadIds(dev.db, ORG)).toEqual([]);
    }
    // The history moved with the claim: the lead's entries, then the carry.
    const history = await listHistory(pm.dev.db, opportunity!.Id);
    expect(history[0]!.what).toBe(
      'Moved Northwind Systems Integration (partner-sourced) from the lead to the opportunity',
    );
    expect(history[0]!.reason).toMatch(/^Carried from lead Ada Lovelace, converted on .* by Jordan Kim$/);
    expect(history.map((entry) => entry.what)).toContain('Added Northwind Systems Integration as partner-sourced');

    // Later syncs ask nothing more about the lead and change nothing.
    time.advance(60_000);
    const again = await carryConvertedLeads(pm.ctx, ORG);
    expect(again).toMatchObject({ checked: 0, calls: 0, carried: 0 });
    await syncOnce(ae.ctx, ORG);
    expect(records()).toHaveLength(1);
  });

  it('stay on a lead converted without an opportunity, each saying why', async () => {
    const { time, state, records, browser } = setup();
    const pm = browser(0, USER_IDS.jordanKim);
    await addAttribution(
      pm.dev.db,
      {
        orgKey: ORG,
        opportunityId: LEAD_IDS.alanTuring,
        partnerName: 'Acme SI',
        kind: 'influenced',
        note: '',
        touch: TOUCH,
      },
      changeOn(pm.dev, time),
    );
    await syncOnce(pm.ctx, ORG);
    convertLead(state, LEAD_IDS.alanTuring, { userId: USER_IDS.jordanKim, createOpportunity: false });
    time.advance(60_000);
    const report = await carryConvertedLeads(pm.ctx, ORG);
    expect(report).toMatchObject({ checked: 1, converted: 1, carried: 0, notCarried: 1, calls: 1 });
    const [claim] = await listAttributions(pm.dev.db, LEAD_IDS.alanTuring);
    expect(claim!.notCarried).toMatch(/^Not carried: the lead was converted on .* without an opportunity/);
    expect(records()[0]).toMatchObject({ Lead__c: LEAD_IDS.alanTuring, Opportunity__c: null });
    // Nothing left to ask about.
    expect(await pendingLeadIds(pm.dev.db, ORG)).toEqual([]);
  });

  it('applying a conversion twice carries nothing the second time', async () => {
    const { time, browser } = setup();
    const pm = browser(0, USER_IDS.jordanKim);
    await addAttribution(
      pm.dev.db,
      {
        orgKey: ORG,
        opportunityId: LEAD_IDS.graceHopper,
        partnerName: 'Acme SI',
        kind: 'influenced',
        note: '',
        touch: TOUCH,
      },
      changeOn(pm.dev, time),
    );
    const conversion = {
      leadId: LEAD_IDS.graceHopper,
      leadName: 'Grace Hopper',
      convertedDate: '2026-12-05',
      opportunityId: DEMO_OPPORTUNITY_IDS.flagship,
    };
    expect(await applyLeadConversion(pm.dev.db, ORG, conversion, changeOn(pm.dev, time))).toEqual({
      carried: 1,
      notCarried: 0,
    });
    expect(await applyLeadConversion(pm.dev.db, ORG, conversion, changeOn(pm.dev, time))).toEqual({
      carried: 0,
      notCarried: 0,
    });
    expect(await listAttributions(pm.dev.db, DEMO_OPPORTUNITY_IDS.flagship)).toHaveLength(1);
  });
});

describe('Credited_Amount__c', () => {
  it('splits the fetched amount by credit, each kind adding up to the amount, and is blank when unknown', async () => {
    const { time, state, records, browser } = setup();
    const pm = browser(0, USER_IDS.jordanKim);
    const opp = state.opportunities.find((o) => o.Id === DEMO_OPPORTUNITY_IDS.flagship)!;
    const add = (partnerName: string, kind: 'sourced' | 'influenced') =>
      addAttribution(
        pm.dev.db,
        { orgKey: ORG, opportunityId: opp.Id, partnerName, kind, note: '', touch: TOUCH },
        { ...changeOn(pm.dev, time) },
      );
    const sourced = await add('Acme SI', 'sourced');
    await syncOnce(pm.ctx, ORG);
    expect(records().find((r) => r.External_Id__c === sourced.id)!.Credited_Amount__c).toBeNull();

    // The facts arrive (as the panel's one-call read stores them): the next send carries the amount.
    await pm.dev.db.opportunities.put({
      id: opp.Id,
      orgKey: ORG,
      name: opp.Name,
      source: 'api',
      seenAt: new Date(time.ms).toISOString(),
      fetchedAt: new Date(time.ms).toISOString(),
      amount: 1000.01,
      currency: null,
    });
    time.advance(1000);
    const first = await add('Globex', 'influenced');
    time.advance(1000);
    const second = await add('Initech', 'influenced');
    time.advance(1000);
    await syncOnce(pm.ctx, ORG);
    const amountOf = (id: string) => records().find((r) => r.External_Id__c === id)!.Credited_Amount__c as number;
    expect(amountOf(first.id) + amountOf(second.id)).toBeCloseTo(1000.01, 2);
    expect([amountOf(first.id), amountOf(second.id)].sort()).toEqual([500, 500.01]);
  });
});

describe('the words and the queries', () => {
  it('says where a carried claim came from, and why one was not carried', () => {
    expect(carriedText({ leadName: 'Ada Lovelace', convertedDate: '2026-12-03', convertedBy: 'Jordan Kim' })).toBe(
      `Carried from lead Ada Lovelace, converted on ${formatCalendarDate('2026-12-03')} by Jordan Kim`,
    );
    expect(carriedText({ leadName: 'Ada Lovelace', convertedDate: '2026-12-03' })).toBe(
      `Carried from lead Ada Lovelace, converted on ${formatCalendarDate('2026-12-03')}`,
    );
    expect(notCarriedText({ convertedDate: '2026-12-03' })).toMatch(
      `Not carried: the lead was converted on ${formatCalendarDate('2026-12-03')} without an opportunity`,
    );
  });

  it('asks about 200 leads per query, and reads a conversion with or without an opportunity', () => {
    const ids = Array.from({ length: 401 }, (_, i) => leadIdOf(i + 1));
    const queries = convertedLeadsQueries(ids);
    expect(queries).toHaveLength(3);
    expect(queries[0]).toMatch(/^SELECT Id, Name, CreatedDate, IsConverted, ConvertedDate, ConvertedOpportunityId, /);
    expect(queries[0]).toContain('FROM Lead WHERE IsConverted = true AND Id IN (');
    expect(() => convertedLeadsQueries(["00Q' OR Id != '"])).toThrow();
    const base = {
      Id: LEAD_IDS.adaLovelace,
      Name: 'Ada Lovelace',
      CreatedDate: '2026-11-29T10:00:00.000+0000',
      IsConverted: true,
      ConvertedDate: '2026-12-03',
      LastModifiedBy: { Name: 'Jordan Kim' },
    };
    expect(
      toLeadConversion(
        convertedLeadSchema.parse({
          ...base,
          ConvertedOpportunityId: DEMO_OPPORTUNITY_IDS.flagship,
          ConvertedOpportunity: { Name: 'Flagship' },
        }),
      ),
    ).toEqual({
      leadId: LEAD_IDS.adaLovelace,
      leadName: 'Ada Lovelace',
      leadCreatedDate: '2026-11-29',
      convertedDate: '2026-12-03',
      convertedBy: 'Jordan Kim',
      opportunityId: DEMO_OPPORTUNITY_IDS.flagship,
      opportunityName: 'Flagship',
    });
    expect(toLeadConversion(convertedLeadSchema.parse({ ...base, ConvertedOpportunityId: null }))).toMatchObject({
      opportunityId: null,
    });
    expect(toLeadConversion(convertedLeadSchema.parse({ ...base, IsConverted: false }))).toBeUndefined();
    expect(convertedLeadSchema.safeParse({ ...base, Id: DEMO_OPPORTUNITY_IDS.flagship }).success).toBe(false);
  });

  it('queues an opportunity’s claims again when its amount changes, and not when it stays', async () => {
    const { time, browser } = setup();
    const pm = browser(0, USER_IDS.jordanKim);
    const saved = await addAttribution(
      pm.dev.db,
      {
        orgKey: ORG,
        opportunityId: DEMO_OPPORTUNITY_IDS.flagship,
        partnerName: 'Acme SI',
        kind: 'sourced',
        note: '',
        touch: TOUCH,
      },
      changeOn(pm.dev, time),
    );
    await pm.dev.db.outbox.clear();
    const facts = { id: DEMO_OPPORTUNITY_IDS.flagship, amount: 100, currency: 'USD' };
    const fetched = { ...facts, fetchedAt: '2026-12-05T09:00:00.000Z' };
    expect(await requeueIfAmountChanged(pm.dev.db, fetched, facts, '2026-12-05T10:00:00.000Z')).toBe(0);
    expect(
      await requeueIfAmountChanged(pm.dev.db, fetched, { ...facts, amount: 120 }, '2026-12-05T10:00:00.000Z'),
    ).toBe(1);
    expect((await pm.dev.db.outbox.toArray()).map((row) => row.attributionId)).toEqual([saved.id]);
    // Already queued: not twice.
    expect(
      await requeueIfAmountChanged(pm.dev.db, fetched, { ...facts, amount: 130 }, '2026-12-05T10:00:00.000Z'),
    ).toBe(0);
  });
});
