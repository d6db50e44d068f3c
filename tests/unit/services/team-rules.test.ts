// The team's rules, end to end in Node: browsers of one fake org with different rules of their own converge on
// the org's, only those who may change them can, a bad record keeps the last good rules, a teammate's newer
// save wins, and a change of model refreshes Credit__c in the org through the normal push.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../lib/attribution/model';
import { DEFAULT_TEAM_RULES, type TeamRules } from '../../../lib/attribution/rules-team';
import { createServices, type Services } from '../../../lib/services';
import { getRules, saveRules } from '../../../lib/store/settings';
import { createSeedData, USER_IDS } from '../../fake-org/data';
import { createRestApi } from '../../fake-org/rest/api';
import { extensionSessionFor } from '../../fake-org/rest/extension-session';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';
import { freshDb } from '../../builders';

const API_HOST = 'acme.my.salesforce.com';
const NOW = new Date('2026-11-20T12:00:00Z');

function setupOrg() {
  const state = createSeedData(NOW);
  const api = createRestApi({ state, classicOrigin: `https://${API_HOST}` });
  return { state, api };
}

type Org = ReturnType<typeof setupOrg>;

async function browser(org: Org, userId: string, clock: { now: Date } = { now: NOW }) {
  const db = freshDb();
  const session = extensionSessionFor(org.api.createSession(userId), API_HOST);
  const services = createServices({
    db,
    now: () => clock.now,
    salesforce: { fetch: inProcessFetch(org.api), findSession: async () => ({ ok: true as const, session }) },
  });
  const page = `https://acme.lightning.force.com/lightning/r/Opportunity/${org.state.opportunities[0]!.Id}/view`;
  await services.connection.rememberPage(page);
  return { db, services };
}

const withModel = (influenceModel: TeamRules['attribution']['influenceModel']): TeamRules => ({
  ...DEFAULT_TEAM_RULES,
  attribution: { ...DEFAULT_RULES, influenceModel },
});

async function tagInfluenced(services: Services, opportunityId: string, partnerName: string, date: string) {
  return services.attributions.add({
    orgKey: 'acme',
    opportunityId,
    partnerName,
    kind: 'influenced',
    note: '',
    touch: { type: 'joint_call', date, note: '' },
  });
}

describe('team rules in the org', () => {
  it('makes two browsers with different rules of their own apply the team’s once connected', async () => {
    const org = setupOrg();
    const admin = await browser(org, USER_IDS.jordanKim);
    const ae = await browser(org, USER_IDS.danaReyes);
    await saveRules(admin.db, { ...DEFAULT_RULES, influenceModel: 'last_touch' });
    await saveRules(ae.db, { ...DEFAULT_RULES, influenceModel: 'position_based', sourcedWindowDays: 30 });

    // Before any team rules exist, each browser's own apply, labelled so.
    const before = await ae.services.teamRules.refreshAndView();
    expect(before.source).toBe('local');
    expect(before.rules.attribution.influenceModel).toBe('position_based');

    // The admin saves while connected: the rules become the team's, in the org.
    const saved = await admin.services.teamRules.save(withModel('first_touch'));
    expect(saved).toMatchObject({
      source: 'team',
      canChange: true,
      changedBy: 'Jordan Kim',
      orgName: 'Acme Cloud (demo)',
    });
    expect(org.state.customObjects.Partner_Ledger_Rules__c.records).toHaveLength(1);

    const view = await ae.services.teamRules.refreshAndView();
    expect(view).toMatchObject({ source: 'team', changedBy: 'Jordan Kim', canChange: false });
    expect(view.reason).toMatch(/Only Salesforce admins, or users with the Partner Ledger Admin permission set/);
    expect(await getRules(ae.db)).toEqual(await getRules(admin.db));
    expect((await getRules(ae.db)).influenceModel).toBe('first_touch');
    // The audit: who, when, before and after.
    expect(view.log[0]).toMatchObject({ by: 'Jordan Kim', at: NOW.toISOString() });
    expect(view.log[0]!.changes).toContainEqual({
      rule: 'Influence credit model',
      before: 'Last touch',
      after: 'First touch',
    });
  });

  it('refuses a save by someone who may not change them, in plain words, and changes nothing in the org', async () => {
    const org = setupOrg();
    const admin = await browser(org, USER_IDS.jordanKim);
    const ae = await browser(org, USER_IDS.danaReyes);
    await admin.services.teamRules.save(withModel('even'));
    await ae.services.teamRules.refreshAndView();
    const record = { ...org.state.customObjects.Partner_Ledger_Rules__c.records[0] };
    await expect(ae.services.teamRules.save(withModel('custom'))).rejects.toThrow(/Only Salesforce admins/);
    expect(org.state.customObjects.Partner_Ledger_Rules__c.records[0]).toEqual(record);
  });

  it('keeps the last good rules and says what is wrong when the org’s record does not pass', async () => {
    const org = setupOrg();
    const admin = await browser(org, USER_IDS.jordanKim);
    await admin.services.teamRules.save(withModel('last_touch'));
    org.state.customObjects.Partner_Ledger_Rules__c.records[0]!.Window_Days__c = 9_000;
    const view = await admin.services.teamRules.refreshAndView();
    expect(view.problem).toMatch(/could not be used .*Use at most 365 days.*The last good rules stay/);
    expect(view.rules.attribution.influenceModel).toBe('last_touch');
    expect(view.rules.attribution.sourcedWindowDays).toBe(DEFAULT_RULES.sourcedWindowDays);
  });

  it('lets the org’s newer save win when two admins change the rules from what each last read', async () => {
    const org = setupOrg();
    const clock = { now: NOW };
    const first = await browser(org, USER_IDS.jordanKim, clock);
    const second = await browser(org, USER_IDS.alexMorgan, clock);
    await first.services.teamRules.save(withModel('even'));
    const shown = await second.services.teamRules.refreshAndView();
    clock.now = new Date(NOW.getTime() + 60_000);
    await first.services.teamRules.save(withModel('first_touch'));
    // The second admin's page still shows what it read; its save is refused, within the same second too.
    await expect(second.services.teamRules.save(withModel('last_touch'), shown.version)).rejects.toThrow(
      /A teammate changed/,
    );
    const view = await second.services.teamRules.view();
    expect(view.rules.attribution.influenceModel).toBe('first_touch');
    expect(org.state.customObjects.Partner_Ledger_Rules__c.records[0]!.Influence_Model__c).toBe('first_touch');
  });

  it('refreshes Credit__c in the org after the model changes, in one push, and every browser computes it', async () => {
    const org = setupOrg();
    const admin = await browser(org, USER_IDS.jordanKim);
    const ae = await browser(org, USER_IDS.danaReyes);
    await admin.services.teamRules.save(withModel('even'));
    const opportunityId = org.state.opportunities[0]!.Id;
    await tagInfluenced(admin.services, opportunityId, 'Globex Systems', '2026-11-02');
    await tagInfluenced(admin.services, opportunityId, 'Initech Partners', '2026-11-16');
    await admin.services.sync.syncNow('acme');
    const credits = () =>
      org.state.customObjects.Partner_Attribution__c.records.map((r) => [r.Partner_Name__c, r.Credit__c]).sort();
    expect(credits()).toEqual([
      ['Globex Systems', 50],
      ['Initech Partners', 50],
    ]);
    await ae.services.sync.syncNow('acme');
    await ae.services.sync.syncNow('acme');
    // The weekly summary reads the deal's facts once, in the background, and queues the claims whose amount it
    // learns: settled here, so the last sync below shows what the new rules alone make this browser send.
    await ae.services.summary.dataChanged();
    await ae.services.sync.syncNow('acme');
    expect(await ae.db.outbox.count()).toBe(0);

    // The admin switches to last touch: the claims are queued and the next push sends their new credit.
    await admin.services.teamRules.save(withModel('last_touch'));
    org.api.resetCalls();
    await admin.services.sync.syncNow('acme');
    expect(org.api.countCalls('/composite/sobjects/Partner_Attribution__c')).toBe(1);
    expect(credits()).toEqual([
      ['Globex Systems', 0],
      ['Initech Partners', 100],
    ]);

    // The other browser computes the same credit after its next pull, without pushing anything itself.
    org.api.resetCalls();
    await ae.services.sync.syncNow('acme');
    expect(org.api.countCalls('/composite/sobjects/Partner_Attribution__c')).toBe(0);
    const panel = await ae.services.attributions.panelData(opportunityId, 'acme');
    expect(Object.values(panel.credit).sort()).toEqual([0, 1]);
  });
});
