import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/messaging/handlers';
import { createMessageRouter } from '../../../lib/messaging/router';
import { createServices } from '../../../lib/services';
import type { PartnerLedgerDb } from '../../../lib/store/db';
import { freshDb, opportunityId } from '../../builders';

const OPP = opportunityId(7);

function setup(trusted = true) {
  const db = freshDb();
  const route = createMessageRouter(createHandlers(createServices({ db })), () => trusted);
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
      'This page does not show a valid opportunity (an 18-character 006 id).',
    ],
    [
      'a 15-character id',
      add({ opportunityId: OPP.slice(0, 15) }),
      'This page does not show a valid opportunity (an 18-character 006 id).',
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
      () => true,
    );
    const answer = await broken({ type: 'getAttributionCounts', payload: {} }, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('disk on fire');
  });
});
