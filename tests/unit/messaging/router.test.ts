import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/messaging/handlers';
import { createMessageRouter } from '../../../lib/messaging/router';
import { requestSchemas, type RequestType } from '../../../lib/messaging/schemas';
import { CONTENT_SCRIPT_REQUESTS, senderKind, type SenderKind } from '../../../lib/messaging/sender';
import { createServices } from '../../../lib/services';
import type { PartnerLedgerDb } from '../../../lib/store/db';
import { freshDb, opportunityId } from '../../builders';

const OPP = opportunityId(7);

function setup(trusted = true, kind: SenderKind = 'extension_page') {
  const db = freshDb();
  const route = createMessageRouter(createHandlers(createServices({ db })), () => (trusted ? kind : undefined));
  return { db, route };
}

const add = (payload: Record<string, unknown>) => ({
  type: 'addAttribution',
  payload: {
    orgKey: 'acme',
    opportunityId: OPP,
    partnerName: 'Northwind',
    kind: 'sourced',
    note: '',
    touch: { type: 'intro_referral', date: '2026-11-20' },
    ...payload,
  },
});

describe('message router', () => {
  let db: PartnerLedgerDb | undefined;
  afterEach(async () => {
    await db?.delete();
  });

  it('answers a valid request with typed data', async () => {
    const s = setup();
    db = s.db;
    const saved = await s.route(add({}), {});
    expect(saved).toMatchObject({ ok: true, data: { partnerName: 'Northwind', kind: 'sourced' } });
    const panel = await s.route({ type: 'getPanelData', payload: { orgKey: 'acme', opportunityId: OPP } }, {});
    expect(panel).toMatchObject({
      ok: true,
      data: {
        partners: [expect.objectContaining({ name: 'Northwind' })],
        disputed: false,
        ui: { panelCollapsed: false },
      },
    });
  });

  it('refuses a foreign sender before looking at the message', async () => {
    const s = setup(false);
    db = s.db;
    expect(await s.route(add({}), {})).toEqual({
      ok: false,
      error: { code: 'forbidden_sender', message: 'Messages are accepted only from Partner Ledger itself.' },
    });
    expect(await s.db.attributions.count()).toBe(0);
  });

  it.each([
    ['an unknown type', { type: 'dropDatabase', payload: {} }, 'The request was not understood.'],
    ['no envelope', 'hello', 'The request was not understood.'],
    ['an empty partner', add({ partnerName: '  ' }), 'Enter the partner’s name.'],
    [
      'a note over 2,000 characters',
      add({ note: 'x'.repeat(2001) }),
      'The note is too long: keep it under 2,000 characters.',
    ],
    ['an unknown kind', add({ kind: 'both' }), 'Choose Partner-sourced or Partner-influenced.'],
    [
      'an account id',
      add({ opportunityId: '001M000000qfPySIAU' }),
      'This page does not show a valid opportunity or lead (an 18-character 006 or 00Q id).',
    ],
    [
      'a 15-character id',
      add({ opportunityId: OPP.slice(0, 15) }),
      'This page does not show a valid opportunity or lead (an 18-character 006 or 00Q id).',
    ],
    ['a malformed remove', { type: 'removeAttribution', payload: { id: 'x' } }, 'That attribution id is not valid.'],
    [
      'a javascript: link',
      add({ touch: { type: 'joint_call', date: '2026-11-20', link: 'javascript:alert(1)' } }),
      'Links must be web addresses starting with http:// or https://.',
    ],
    [
      'an impossible touch date',
      add({ touch: { type: 'joint_call', date: '2026-02-30' } }),
      'The touch date must be a real date (year-month-day).',
    ],
    ['an unknown touch type', add({ touch: { type: 'lunch', date: '2026-11-20' } }), 'Choose the touch type.'],
    ['no touch at all', add({ touch: undefined }), 'Record the evidence: a touch type and a touch date.'],
  ])('refuses %s with a clear message and writes nothing', async (_name, message, text) => {
    const s = setup();
    db = s.db;
    const answer = await s.route(message, {});
    expect(answer).toEqual({ ok: false, error: { code: 'invalid_request', message: text } });
    expect(await s.db.attributions.count()).toBe(0);
    expect(await s.db.audit.count()).toBe(0);
  });

  it('passes rule violations through with their own code', async () => {
    const s = setup();
    db = s.db;
    await s.route(add({}), {});
    const second = await s.route(add({ partnerName: 'Initech' }), {});
    expect(second).toMatchObject({ ok: false, error: { code: 'duplicate_sourced' } });
  });

  it('hides unexpected failures behind a plain message', async () => {
    const s = setup();
    db = s.db;
    s.db.close();
    await s.db.delete();
    const broken = createMessageRouter(
      {
        ...createHandlers(createServices({ db: s.db })),
        getAttributionCounts: () => Promise.reject(new Error('disk on fire')),
      },
      () => 'extension_page',
    );
    const answer = await broken({ type: 'getAttributionCounts', payload: {} }, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('disk on fire');
  });
});

describe('requests from a content script', () => {
  const ID = 'abcdefghijklmnopabcdefghijklmnop';
  const ORIGIN = `chrome-extension://${ID}/`;
  const CONTENT_SCRIPT = { id: ID, url: 'https://acme.lightning.force.com/lightning/r/Opportunity/x/view', tab: {} };
  const OPTIONS_PAGE = { id: ID, url: `${ORIGIN}options.html`, tab: {} };
  let db: PartnerLedgerDb | undefined;
  afterEach(async () => {
    await db?.delete();
  });

  function realSenders() {
    db = freshDb();
    return createMessageRouter(createHandlers(createServices({ db })), (sender) =>
      senderKind(sender as never, ID, ORIGIN),
    );
  }

  const privileged: [RequestType, unknown][] = [
    ['createBackup', {}],
    ['restoreBackup', { text: '{}' }],
    ['importPartners', { rows: [] }],
    ['getRosterMerge', {}],
    ['mergeRoster', {}],
    ['getRosterHome', {}],
    ['keepRosterHere', {}],
    ['saveRules', { rules: {} }],
    ['getRules', {}],
    ['saveTeamRules', { rules: {} }],
    ['getTeamRules', {}],
    ['getSummarySettings', {}],
    ['saveSummarySettings', { settings: {} }],
    ['postSummaryToWebhook', {}],
    ['setPauseAboveShare', { share: 0.5 }],
    ['checkConnection', {}],
    ['syncNow', {}],
    ['getConnection', {}],
    ['addPartner', { name: 'X' }],
    ['updatePartner', { id: '00000000-0000-4000-8000-000000000000', patch: {} }],
    ['listPartners', {}],
  ];

  it.each(privileged)('refuses %s, before reading its payload', async (type, payload) => {
    const route = realSenders();
    expect(await route({ type, payload }, CONTENT_SCRIPT)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender', message: expect.stringMatching(/options page/) },
    });
  });

  it('does not hand the database, or the Slack webhook in it, to a content script', async () => {
    const route = realSenders();
    const answer = await route({ type: 'createBackup', payload: {} }, CONTENT_SCRIPT);
    expect(answer.ok).toBe(false);
    expect(await route({ type: 'createBackup', payload: {} }, OPTIONS_PAGE)).toMatchObject({ ok: true });
  });

  it('lets it make the panel’s and the badges’ requests', async () => {
    const route = realSenders();
    const panel = await route(
      { type: 'getPanelData', payload: { orgKey: 'acme', opportunityId: OPP } },
      CONTENT_SCRIPT,
    );
    expect(panel).toMatchObject({ ok: true });
    const saved = await route(add({}), CONTENT_SCRIPT);
    expect(saved).toMatchObject({ ok: true });
  });

  it('classifies every request kind: only the panel’s and the badges’ are open to content scripts', () => {
    const open = Object.keys(requestSchemas).filter((type) => CONTENT_SCRIPT_REQUESTS.has(type as RequestType));
    expect(open.sort()).toEqual(
      [
        'addAttribution',
        'addTouch',
        'fetchOpportunities',
        'leadConverted',
        'getPanelData',
        'getWarmth',
        'refreshOpportunity',
        'removeAttribution',
        'resolveDispute',
        'setPanelCollapsed',
      ].sort(),
    );
    const covered = new Set(privileged.map(([type]) => type));
    const untested = Object.keys(requestSchemas).filter(
      (type) => !CONTENT_SCRIPT_REQUESTS.has(type as RequestType) && !covered.has(type as RequestType),
    );
    // The rest are the extension pages' own reads and settings, refused the same way.
    expect(untested.sort()).toEqual(
      [
        'chooseRole',
        'getAttributionCounts',
        'getImpactHeadline',
        'getPartnerImpact',
        'getSummaryLists',
        'getUiSettings',
        'getWeeklySummary',
        'saveSummaryScope',
        'saveUiSettings',
      ].sort(),
    );
  });

  it.each([
    'chooseRole',
    'getAttributionCounts',
    'getImpactHeadline',
    'getPartnerImpact',
    'getSummaryLists',
    'getUiSettings',
    'getWeeklySummary',
    'saveSummaryScope',
    'saveUiSettings',
  ])('refuses %s too', async (type) => {
    const route = realSenders();
    const answer = await route({ type, payload: {} }, CONTENT_SCRIPT);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });
});

describe('what the router tells handlers about the sender', () => {
  it("passes the sender tab's cookie store with its page, as the browser reports them", async () => {
    const seen: unknown[] = [];
    const handlers = new Proxy({} as ReturnType<typeof createHandlers>, {
      get: () => async (_payload: unknown, meta: unknown) => {
        seen.push(meta);
        return null;
      },
    });
    const route = createMessageRouter(handlers, () => 'extension_page');
    const url = `https://acme.lightning.force.com/lightning/r/Opportunity/${OPP}/view`;
    const message = { type: 'refreshOpportunity', payload: { orgKey: 'acme', opportunityId: OPP } };
    await route(message, { url, tab: { id: 3, cookieStoreId: 'firefox-container-2' } });
    await route(message, { url, tab: { id: 4 } });
    expect(seen).toEqual([{ senderUrl: url, cookieStoreId: 'firefox-container-2' }, { senderUrl: url }]);
  });
});
