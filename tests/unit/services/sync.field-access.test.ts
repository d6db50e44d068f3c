import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../lib/services';
import type { PartnerLedgerDb } from '../../../lib/store/db';
import { createSeedData, DEMO_OPPORTUNITY_IDS, USER_IDS } from '../../fake-org/data';
import { createRestApi } from '../../fake-org/rest/api';
import { extensionSessionFor } from '../../fake-org/rest/extension-session';
import { applyFieldAccessProfile, FIELD_ACCESS_PROFILES } from '../../fake-org/rest/field-access';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';
import { freshDb } from '../../builders';

const API_HOST = 'acme.my.salesforce.com';
const NOW = new Date('2026-11-20T12:00:00.000Z');
const OPPORTUNITY = DEMO_OPPORTUNITY_IDS.flagship;
const PAGE = `https://acme.lightning.force.com/lightning/r/Opportunity/${OPPORTUNITY}/view`;
const LIST = 'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=AllOpportunities';

const dbs: PartnerLedgerDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** The extension's services against the fake org, signed in as a user of `profile`. */
function servicesWith(profile: string) {
  const state = createSeedData(NOW);
  applyFieldAccessProfile(state, profile);
  const api = createRestApi({ state, classicOrigin: `https://${API_HOST}` });
  const session = extensionSessionFor(api.createSession(USER_IDS.danaReyes), API_HOST);
  const db = freshDb();
  dbs.push(db);
  const services = createServices({
    db,
    now: () => NOW,
    salesforce: { fetch: inProcessFetch(api), findSession: async () => ({ ok: true, session }) },
  });
  return { api, db, services, state };
}

const NOTICES: Record<string, string> = {
  'no-amount': 'Amount hidden by your Salesforce field access',
  'no-probability': 'Probability hidden by your Salesforce field access',
  'no-forecast-category': 'Forecast Category hidden by your Salesforce field access',
  'no-owner-name': 'Opportunity Owner hidden by your Salesforce field access',
};

describe('field-level security', () => {
  it.each(Object.keys(FIELD_ACCESS_PROFILES))(
    '%s: the record page reads the other facts, says what is hidden, and keeps the connection',
    async (profile) => {
      const { api, services } = servicesWith(profile);
      const [field] = FIELD_ACCESS_PROFILES[profile]!;
      const panel = await services.attributions.refresh(OPPORTUNITY, PAGE);
      expect(panel?.facts?.hiddenFields).toEqual([field]);
      expect(panel?.facts?.stage).toBe('Negotiation/Review');
      if (field !== 'Amount') expect(panel?.facts?.amount).toBe(120_000);
      expect(services.connection.isOpen('acme')).toBe(true);
      expect(services.connection.state('acme')?.status).toBe('connected');

      // A list view opened next neither fails nor reconnects.
      api.resetCalls();
      const others = [DEMO_OPPORTUNITY_IDS.htmlName, DEMO_OPPORTUNITY_IDS.newThisWeek];
      expect(await services.sync.fetchOpportunities(LIST, others)).toBe(1);
      expect(api.countCalls('/describe')).toBe(0);
      expect(services.connection.isOpen('acme')).toBe(true);

      const report = await services.summary.report();
      expect(report.hiddenFields).toEqual([NOTICES[profile]]);
      if (field === 'Amount') {
        expect(report.newPipelineKnown).toBe(false);
        expect(report.newPipelineUnknownReason).toBe(NOTICES[profile]);
      } else {
        expect(report.newPipelineKnown).toBe(true);
      }
      expect(services.connection.isOpen('acme')).toBe(true);
    },
  );

  it('leaves out a field hidden after connecting, asks again once, and keeps the connection', async () => {
    const { api, services, state } = servicesWith('no-probability');
    for (const user of state.users) user.hiddenFields = [];
    await services.connection.rememberPage(PAGE);
    await services.connection.open('acme');
    for (const user of state.users) user.hiddenFields = ['Amount'];
    api.resetCalls();
    const panel = await services.attributions.refresh(OPPORTUNITY, PAGE);
    expect(panel?.facts?.hiddenFields).toEqual(['Amount']);
    expect(api.countCalls('/query')).toBeLessThanOrEqual(3);
    expect(services.connection.isOpen('acme')).toBe(true);
  });
});
