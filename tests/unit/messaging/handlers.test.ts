import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../lib/attribution/model';
import { createHandlers } from '../../../lib/messaging/handlers';
import type { Handlers } from '../../../lib/messaging/router';
import type { RequestType } from '../../../lib/messaging/schemas';
import { requestSchemas } from '../../../lib/messaging/schemas';
import type { Services } from '../../../lib/services';
import { DEFAULT_TEAM_RULES } from '../../../lib/attribution/rules-team';

/** Services whose every method records its call and answers with its own name. */
function recordingServices() {
  const calls: [string, unknown[]][] = [];
  const service = (name: string) =>
    new Proxy(
      {},
      {
        get:
          (_target, method) =>
          async (...args: unknown[]) => {
            calls.push([`${name}.${String(method)}`, args]);
            return `${name}.${String(method)}`;
          },
      },
    );
  const names = ['attributions', 'partners', 'settings', 'backup', 'warmth', 'connection', 'sync', 'summary'];
  names.push('webhook', 'impact', 'teamRules', 'roster');
  const services = Object.fromEntries(names.map((name) => [name, service(name)])) as unknown as Services;
  return { services, calls };
}

const PAGE = 'https://acme.lightning.force.com/lightning/r/Opportunity/006Ak000000000001AAA/view';
/** The sender tab's cookie store: the handlers pass it on, so the session used is that tab's user's. */
const STORE = 'firefox-container-1';
const OPP = '006Ak000000000001AAA';
const WEEK = '2026-11-16';

/** Each request, a payload as the router hands it over, and the service call it must become. */
const ROUTES: { [K in RequestType]: [payload: Parameters<Handlers[K]>[0], call: string, args: unknown[]] } = {
  getPanelData: [{ orgKey: 'acme', opportunityId: OPP }, 'attributions.panelData', [OPP, 'acme']],
  refreshOpportunity: [{ orgKey: 'acme', opportunityId: OPP }, 'attributions.refresh', [OPP, PAGE, 'acme', STORE]],
  leadConverted: [{ orgKey: 'acme', leadId: '00QAk000000000001AAA' }, 'attributions.leadConverted', [PAGE]],
  addAttribution: [
    {
      orgKey: 'acme',
      opportunityId: OPP,
      partnerName: 'Globex',
      kind: 'sourced',
      note: '',
      touch: { type: 'joint_call', date: '2026-11-18', note: '', link: undefined },
    },
    'attributions.add',
    [
      {
        orgKey: 'acme',
        opportunityId: OPP,
        partnerName: 'Globex',
        kind: 'sourced',
        note: '',
        touch: { type: 'joint_call', date: '2026-11-18', note: '', link: undefined },
      },
    ],
  ],
  addTouch: [
    { attributionId: 'a-1', type: 'joint_call', date: '2026-11-18', note: '', link: undefined },
    'attributions.addTouch',
    [{ attributionId: 'a-1', type: 'joint_call', date: '2026-11-18', note: '', link: undefined }],
  ],
  removeAttribution: [{ id: 'a-1', reason: 'Wrong deal' }, 'attributions.remove', ['a-1', { reason: 'Wrong deal' }]],
  resolveDispute: [
    { opportunityId: OPP, keepAttributionId: 'a-1' },
    'attributions.resolveDispute',
    [{ opportunityId: OPP, keepAttributionId: 'a-1' }],
  ],
  getAttributionCounts: [{}, 'attributions.counts', []],
  getWarmth: [{ orgKey: 'acme', opportunityIds: [OPP], includeTagged: true }, 'warmth.read', [[OPP], true, 'acme']],
  fetchOpportunities: [{ orgKey: 'acme', opportunityIds: [OPP] }, 'sync.fetchOpportunities', [PAGE, [OPP], STORE]],
  listPartners: [{}, 'partners.list', []],
  addPartner: [
    { name: 'Globex', type: null, tier: null, accountId: null, active: true },
    'partners.add',
    [{ name: 'Globex', type: null, tier: null, accountId: null, active: true }],
  ],
  updatePartner: [{ id: 'p-1', patch: { tier: 'Gold' } }, 'partners.update', ['p-1', { tier: 'Gold' }]],
  importPartners: [{ rows: [] }, 'partners.import', [[]]],
  getRosterMerge: [{}, 'roster.preview', []],
  mergeRoster: [{}, 'roster.merge', []],
  getRosterHome: [{}, 'roster.home', []],
  keepRosterHere: [{}, 'roster.keepHere', []],
  getUiSettings: [{}, 'settings.ui', []],
  saveUiSettings: [{ patch: { listBadges: false } }, 'settings.saveUi', [{ listBadges: false }]],
  setPanelCollapsed: [{ collapsed: true }, 'settings.saveUi', [{ panelCollapsed: true }]],
  chooseRole: [{ role: 'account_executive' }, 'settings.chooseRole', ['account_executive']],
  getPartnerImpact: [
    { quarterKey: '2026-Q3', locale: 'en-GB' },
    'impact.report',
    [{ quarterKey: '2026-Q3', locale: 'en-GB' }],
  ],
  getImpactHeadline: [{ locale: 'en-GB' }, 'impact.headline', ['en-GB']],
  getRules: [{}, 'settings.rules', []],
  saveRules: [{ rules: DEFAULT_RULES }, 'settings.saveRules', [DEFAULT_RULES]],
  getTeamRules: [{ refresh: true }, 'teamRules.refreshAndView', []],
  saveTeamRules: [{ rules: DEFAULT_TEAM_RULES, basedOn: 'v1' }, 'teamRules.save', [DEFAULT_TEAM_RULES, 'v1']],
  getSummarySettings: [{}, 'settings.summary', []],
  saveSummarySettings: [
    { settings: { firstDayOfWeek: 1, notifications: { enabled: false, weekday: 1, hour: 9, minute: 0 } } },
    'settings.saveSummary',
    [{ firstDayOfWeek: 1, notifications: { enabled: false, weekday: 1, hour: 9, minute: 0 } }],
  ],
  getConnection: [{}, 'connection.current', []],
  checkConnection: [{}, 'connection.checkAgain', []],
  setPauseAboveShare: [{ share: 0.9 }, 'connection.setPauseAboveShare', [0.9]],
  syncNow: [{}, 'sync.syncNowByUser', []],
  getWeeklySummary: [{ weekKey: WEEK, scope: 'mine' }, 'summary.readyReport', [WEEK, { fresh: false, scope: 'mine' }]],
  getSummaryLists: [{ weekKey: WEEK, scope: 'mine' }, 'summary.lists', [WEEK, 'mine']],
  saveSummaryScope: [{ scope: 'mine' }, 'summary.chooseScope', ['mine']],
  postSummaryToWebhook: [{ weekKey: WEEK }, 'webhook.post', [WEEK, 'team']],
  createBackup: [{ includeWebhook: true }, 'backup.create', [{ includeWebhook: true }]],
  restoreBackup: [{ text: '{}' }, 'backup.restore', ['{}']],
};

describe('the handler map', () => {
  it('covers every request of the protocol', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(requestSchemas).sort());
    const handlers = createHandlers(recordingServices().services);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(requestSchemas).sort());
  });

  it.each(Object.entries(ROUTES))('answers %s with one service call', async (type, [payload, call, args]) => {
    const { services, calls } = recordingServices();
    type Handler = (payload: unknown, meta: { senderUrl?: string; cookieStoreId?: string }) => Promise<unknown>;
    const handlers = createHandlers(services) as Record<string, Handler>;
    const answer = await handlers[type]!(payload, { senderUrl: PAGE, cookieStoreId: STORE });
    expect(calls).toEqual([[call, args]]);
    // Answers pass through untouched, but for the count of calls a list view's fetch made.
    expect(answer).toEqual(type === 'fetchOpportunities' ? { calls: call } : call);
  });

  it('asks for the current week’s report, waiting for a fresh one only when asked to', async () => {
    const { services, calls } = recordingServices();
    const handlers = createHandlers(services);
    await handlers.getWeeklySummary({}, {});
    await handlers.getWeeklySummary({ fresh: true }, {});
    expect(calls).toEqual([
      ['summary.readyReport', [undefined, { fresh: false }]],
      ['summary.readyReport', [undefined, { fresh: true }]],
    ]);
  });
});
