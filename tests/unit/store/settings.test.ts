import { describe, expect, it } from 'vitest';
import { chooseRole, DEFAULT_UI, getLocalActor, getUiSettings, ROLE_PRESETS, updateUiSettings } from '../../../lib/store/settings';
import { freshDb } from '../helpers';

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
    expect(ae).toMatchObject({ role: 'account_executive', panelCollapsed: true, listBadges: true, boardBadges: true, recordBadge: true });
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
    expect(await getUiSettings(db)).toEqual({ ...DEFAULT_UI, panelCollapsed: true, warmth: { hotTouchDays: 7, warmTouchDays: 45 } });
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
