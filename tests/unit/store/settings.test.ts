import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../lib/attribution/model';
import {
  chooseRole,
  DEFAULT_UI,
  getLocalActor,
  getRules,
  getUiSettings,
  readSetting,
  READY_PREFIX,
  ROLE_PRESETS,
  updateSettingFamily,
  updateUiSettings,
  writeSetting,
} from '../../../lib/store/settings';
import type { WeeklySummaryReport } from '../../../lib/services/summary/service';
import { freshDb } from '../../builders';

describe('settings', () => {
  it('opens the panel expanded the first time and remembers a collapse', async () => {
    const db = freshDb();
    expect(await getUiSettings(db)).toEqual(DEFAULT_UI);
    expect(DEFAULT_UI.panelCollapsed).toBe(false);
    await updateUiSettings(db, { panelCollapsed: true });
    expect(await getUiSettings(db)).toEqual({ ...DEFAULT_UI, panelCollapsed: true });
  });

  it('sets a role’s defaults, and each switch can still change afterwards', async () => {
    const db = freshDb();
    const ae = await chooseRole(db, 'account_executive');
    expect(ae).toMatchObject({
      role: 'account_executive',
      panelCollapsed: true,
      listBadges: true,
      boardBadges: true,
      recordBadge: true,
    });
    await updateUiSettings(db, { boardBadges: false });
    expect((await getUiSettings(db)).boardBadges).toBe(false);
    const pm = await chooseRole(db, 'partner_manager');
    expect(pm).toMatchObject({ role: 'partner_manager', ...ROLE_PRESETS.partner_manager });
    expect(pm.panelCollapsed).toBe(false);
    expect(pm.listBadges).toBe(false);
    expect(pm.warmth).toEqual(DEFAULT_UI.warmth);
  });

  it('keeps warmth thresholds saved before and fills in ones never set', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'ui', value: { panelCollapsed: true, warmth: { hotTouchDays: 7 } } });
    const expected = { ...DEFAULT_UI, panelCollapsed: true, warmth: { hotTouchDays: 7, warmTouchDays: 45 } };
    expect(await getUiSettings(db)).toEqual(expected);
  });

  it('keeps what is still valid of a damaged ui value, field by field', async () => {
    const db = freshDb();
    await db.settings.put({
      key: 'ui',
      value: {
        panelCollapsed: 'yes',
        listBadges: false,
        role: 'manager',
        warmth: { hotTouchDays: -3, warmTouchDays: 60 },
      },
    });
    expect(await getUiSettings(db)).toEqual({
      ...DEFAULT_UI,
      listBadges: false,
      warmth: { hotTouchDays: 14, warmTouchDays: 60 },
    });
    await db.settings.put({ key: 'ui', value: 'collapsed' });
    expect(await getUiSettings(db)).toEqual(DEFAULT_UI);
  });

  it('fills in rules never set and replaces damaged ones with their defaults', async () => {
    const db = freshDb();
    expect(await getRules(db)).toEqual(DEFAULT_RULES);
    await db.settings.put({
      key: 'rules',
      value: { influenceModel: 'custom', touchWeights: { joint_call: 5, other: -1 }, sourcedWindowDays: 1.5 },
    });
    expect(await getRules(db)).toEqual({
      ...DEFAULT_RULES,
      influenceModel: 'custom',
      touchWeights: { ...DEFAULT_RULES.touchWeights, joint_call: 5 },
    });
  });

  it('makes one device id and keeps it', async () => {
    const db = freshDb();
    let n = 0;
    const newId = () => `id-${++n}`;
    const first = await getLocalActor(db, newId);
    const second = await getLocalActor(db, newId);
    expect(first).toEqual({ deviceId: 'id-1' });
    expect(second).toEqual(first);
  });
});

describe('the settings registry', () => {
  // The outline of a report is what a stored one is checked for.
  const report = {
    summary: { week: {}, figures: {}, byPartner: [] },
    currentWeekKey: '2026-11-16',
    previousWeekKey: '2026-11-09',
    changes: [],
    newPipelineKnown: true,
  } as unknown as WeeklySummaryReport;
  const READY = { at: 1, report };
  const CURRENCY = { multiCurrency: false, currency: 'EUR', fetchedAt: '2026-11-20T10:00:00.000Z' };

  it('reads back what was written, for fixed keys and for each family', async () => {
    const db = freshDb();
    await writeSetting(db, 'clock', { wallMs: 1_790_000_000_000, counter: 3 });
    await writeSetting(db, 'page:acme', 'https://acme.lightning.force.com/lightning/page/home');
    await writeSetting(db, 'orgCurrency:acme', CURRENCY);
    await writeSetting(db, `${READY_PREFIX}acme:1:UTC:2026-11-16`, READY);
    expect(await readSetting(db, 'clock')).toEqual({ wallMs: 1_790_000_000_000, counter: 3 });
    expect(await readSetting(db, 'page:acme')).toBe('https://acme.lightning.force.com/lightning/page/home');
    expect(await readSetting(db, 'orgCurrency:acme')).toEqual(CURRENCY);
    expect(await readSetting(db, `${READY_PREFIX}acme:1:UTC:2026-11-16`)).toEqual(READY);
    expect(await readSetting(db, 'lastOrg')).toBeUndefined();
  });

  it('gives undefined for a stored value that does not pass its key’s schema, and keeps it stored', async () => {
    const db = freshDb();
    const damaged = [
      { key: 'clock', value: { wallMs: -1, counter: 0 } },
      { key: 'user', value: { userId: '005Ak00000Ab1CdIAJ' } },
      { key: 'lastOrg', value: 42 },
      { key: 'pauseAboveShare', value: 0.2 },
      { key: 'deviceId', value: '' },
      { key: 'page:acme', value: 'acme.lightning.force.com' },
      { key: 'orgCurrency:acme', value: { multiCurrency: 'no', fetchedAt: '2026-11-20T10:00:00.000Z' } },
      { key: `${READY_PREFIX}acme:1:UTC:2026-11-16`, value: { at: 1, report: { summary: {} } } },
    ] as const;
    for (const row of damaged) await db.settings.put(row);
    for (const row of damaged) {
      expect(await readSetting(db, row.key), row.key).toBeUndefined();
      expect((await db.settings.get(row.key))?.value, row.key).toEqual(row.value);
    }
  });

  it('changes every valid value of a family and leaves the rest alone', async () => {
    const db = freshDb();
    const first = `${READY_PREFIX}acme:1:UTC:2026-11-16` as const;
    const second = `${READY_PREFIX}acme:1:UTC:2026-11-09` as const;
    const damaged = `${READY_PREFIX}acme:1:UTC:2026-11-02` as const;
    await writeSetting(db, first, READY);
    await writeSetting(db, second, { ...READY, at: 2 });
    await db.settings.put({ key: damaged, value: 'not a report' });
    await writeSetting(db, 'page:acme', 'https://acme.lightning.force.com/');
    await updateSettingFamily(db, READY_PREFIX, (ready) => ({ ...ready, outdated: true }));
    expect(await readSetting(db, first)).toEqual({ ...READY, outdated: true });
    expect(await readSetting(db, second)).toEqual({ ...READY, at: 2, outdated: true });
    expect((await db.settings.get(damaged))?.value).toBe('not a report');
    expect(await readSetting(db, 'page:acme')).toBe('https://acme.lightning.force.com/');
  });
});
