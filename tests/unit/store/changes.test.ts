import { describe, expect, it } from 'vitest';
import { addAttribution } from '../../../lib/store/attributions';
import { onAttributionsChanged } from '../../../lib/store/changes';
import { updateUiSettings } from '../../../lib/store/settings';
import { changeContext, freshDb, opportunityId } from '../../builders';

// The debounce is generous so a slow, busy machine still sees the two writes as one burst.
const DEBOUNCE_MS = 200;
const settle = () => new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 2));

describe('attribution change events', () => {
  it('fires once after a burst of attribution changes, not for other tables or other databases', async () => {
    const db = freshDb();
    const other = freshDb();
    // Creating a database tells every listener that everything changed: open it first.
    await Promise.all([db.open(), other.open()]);
    await settle();
    let fired = 0;
    const stop = onAttributionsChanged(db.name, () => fired++, { debounceMs: DEBOUNCE_MS });
    await updateUiSettings(db, { listBadges: false });
    await settle();
    expect(fired).toBe(0);
    // Two writes started together: one burst.
    await Promise.all(
      [1, 2].map((n) =>
        addAttribution(
          db,
          {
            orgKey: 'acme',
            opportunityId: opportunityId(n),
            partnerName: 'Acme SI',
            kind: 'influenced',
            note: '',
            touch: { type: 'joint_call', date: '2026-11-19', note: '' },
          },
          changeContext({ newId: () => crypto.randomUUID() }),
        ),
      ),
    );
    await settle();
    expect(fired).toBe(1);
    await addAttribution(
      other,
      {
        orgKey: 'acme',
        opportunityId: opportunityId(3),
        partnerName: 'Acme SI',
        kind: 'influenced',
        note: '',
        touch: { type: 'joint_call', date: '2026-11-19', note: '' },
      },
      changeContext({ newId: () => crypto.randomUUID() }),
    );
    await settle();
    expect(fired).toBe(1);
    stop();
  });
});
