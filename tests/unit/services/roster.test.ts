import { describe, expect, it } from 'vitest';
import { createConnectionService } from '../../../lib/services/connection';
import { createRosterService } from '../../../lib/services/roster';
import { addPartner } from '../../../lib/store/partners';
import { writeSetting } from '../../../lib/store/settings';
import { createSeedData, ORG_ID, USER_IDS } from '../../fake-org/data';
import { createRestApi } from '../../fake-org/rest/api';
import { extensionSessionFor } from '../../fake-org/rest/extension-session';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';
import { changeContext, freshDb } from '../../builders';

const API_HOST = 'acme.my.salesforce.com';
const PAGE = 'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=AllOpportunities';

async function setup() {
  const state = createSeedData(new Date('2026-11-20T12:00:00Z'));
  const api = createRestApi({ state, classicOrigin: `https://${API_HOST}` });
  const session = extensionSessionFor(api.createSession(USER_IDS.danaReyes), API_HOST);
  const db = freshDb();
  const connection = createConnectionService({
    db,
    fetch: inProcessFetch(api),
    findSession: async () => ({ ok: true as const, session }),
  });
  const scheduled: string[] = [];
  const service = createRosterService({ db, connection, schedule: (orgKey) => scheduled.push(orgKey) });
  await connection.rememberPage(PAGE);
  return { state, api, db, service, scheduled };
}

const input = (name: string) => ({ name, type: null, tier: null, accountId: null, active: true });

describe('the roster merge on first connection', () => {
  it('shows nothing to confirm for a browser without partners', async () => {
    const { service } = await setup();
    expect(await service.preview()).toBeNull();
  });

  it('previews with queries only, then merges when the user confirms', async () => {
    const { state, api, db, service, scheduled } = await setup();
    await addPartner(db, input('Globex'), changeContext());
    await addPartner(db, input('Hooli'), changeContext({ newId: () => '22222222-2222-4222-8222-222222222222' }));
    state.customObjects.Partner_Ledger_Partner__c.records.push({
      Id: 'a0P000000000001AAA',
      External_Id__c: '99999999-9999-4999-8999-999999999999',
      Name: 'GLOBEX',
      Partner_Key__c: 'globex',
      Type__c: null,
      Tier__c: 'Gold',
      Active__c: true,
      Account__c: null,
      SystemModstamp: '2026-11-20T11:00:00.000Z',
    });
    api.resetCalls();
    expect(await service.preview()).toEqual({ orgKey: ORG_ID, matching: 1, adding: 1, fromOrg: 0 });
    expect(api.countCalls('/composite/sobjects')).toBe(0);
    expect(state.customObjects.Partner_Ledger_Partner__c.records).toHaveLength(1);

    expect(await service.merge()).toEqual({ pulled: 1, pushed: 1 });
    // Once connected, the org's rows (and its roster's state) live under its org id.
    expect(scheduled).toEqual([ORG_ID]);
    expect((await db.partners.toArray()).map((p) => [p.name, p.tier]).sort()).toEqual([
      ['GLOBEX', 'Gold'],
      ['Hooli', null],
    ]);
    expect(state.customObjects.Partner_Ledger_Partner__c.records.map((r) => r.Name).sort()).toEqual([
      'GLOBEX',
      'Hooli',
    ]);
    // Merged once: nothing waits any more.
    expect(await service.preview()).toBeNull();
  });
});

describe('the org the roster is kept with', () => {
  it('says so on another org’s pages, and moves the roster there when the user chooses', async () => {
    const { db, service } = await setup();
    await addPartner(db, input('Globex'), changeContext());
    // This browser's roster was kept with another org (a sandbox, say) before this one's page was seen.
    await writeSetting(db, 'rosterOrg', 'acme--uat');
    expect(await service.home()).toEqual({ keptWith: 'acme--uat', here: 'acme' });
    expect(await service.preview()).toBeNull();

    await service.keepHere();
    expect(await service.home()).toBeNull();
    // The merge preview comes next, for this org; Globex is new to it.
    expect(await service.preview()).toMatchObject({ orgKey: ORG_ID, adding: 1 });
  });

  it('says nothing while the roster is kept with this org, or with none yet', async () => {
    const { db, service } = await setup();
    expect(await service.home()).toBeNull();
    await writeSetting(db, 'rosterOrg', 'acme');
    expect(await service.home()).toBeNull();
  });
});
