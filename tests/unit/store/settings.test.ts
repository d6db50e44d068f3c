import { describe, expect, it } from 'vitest';
import { getLocalActor, getUiSettings, updateUiSettings } from '../../../lib/store/settings';
import { freshDb } from '../helpers';

describe('settings', () => {
  it('opens the panel expanded the first time and remembers a collapse', async () => {
    const db = freshDb();
    expect(await getUiSettings(db)).toEqual({ panelCollapsed: false });
    await updateUiSettings(db, { panelCollapsed: true });
    expect(await getUiSettings(db)).toEqual({ panelCollapsed: true });
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
