import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/messaging/handlers';
import { createMessageRouter } from '../../../lib/messaging/router';
import { createServices } from '../../../lib/services';
import { createDb, type PartnerLedgerDb } from '../../../lib/store/db';
import { isDatabaseClosedError, reopenIfClosed, withReopen } from '../../../lib/store/reopen';

let n = 0;
const dbs: PartnerLedgerDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function freshDb(): PartnerLedgerDb {
  const db = createDb(`reopen-test-${++n}`);
  dbs.push(db);
  return db;
}

describe('reopening the database', () => {
  it('recognises Dexie’s DatabaseClosedError, also when it wraps another', () => {
    expect(isDatabaseClosedError(new Dexie.DatabaseClosedError())).toBe(true);
    expect(isDatabaseClosedError({ name: 'OpenFailedError', inner: { name: 'InvalidStateError' } })).toBe(true);
    expect(isDatabaseClosedError(new Error('disk on fire'))).toBe(false);
    expect(isDatabaseClosedError(undefined)).toBe(false);
  });

  it('reopens a closed database and runs the operation once more', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'lastOrg', value: 'acme' });
    db.close();
    await expect(db.settings.get('lastOrg')).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    let runs = 0;
    const value = await withReopen(db, async () => {
      runs += 1;
      return db.settings.get('lastOrg');
    });
    expect(value).toEqual({ key: 'lastOrg', value: 'acme' });
    expect(runs).toBe(2);
    expect(db.isOpen()).toBe(true);
  });

  it('does not retry other failures, nor a second closed failure', async () => {
    const db = freshDb();
    let runs = 0;
    await expect(
      withReopen(db, async () => {
        runs += 1;
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(runs).toBe(1);
    runs = 0;
    await expect(
      withReopen(db, async () => {
        runs += 1;
        throw new Dexie.DatabaseClosedError();
      }),
    ).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    expect(runs).toBe(2);
    expect(await reopenIfClosed(db, new Error('other'))).toBe(false);
  });

  it('answers a request after another context closed the database under the background', async () => {
    const db = freshDb();
    await db.open();
    const route = createMessageRouter(createHandlers(createServices({ db })), () => 'extension_page', {
      recover: (error) => reopenIfClosed(db, error),
    });
    db.close();
    const answer = await route({ type: 'getAttributionCounts', payload: {} }, {});
    expect(answer).toMatchObject({ ok: true });
  });

  it('answers after another context deleted the database (a version change), with a fresh one', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'lastOrg', value: 'acme' });
    await Dexie.delete(db.name);
    const route = createMessageRouter(createHandlers(createServices({ db })), () => 'extension_page', {
      recover: (error) => reopenIfClosed(db, error),
    });
    expect(await route({ type: 'getAttributionCounts', payload: {} }, {})).toMatchObject({ ok: true });
    expect(await db.settings.get('lastOrg')).toBeUndefined();
  });

  it('retries a request once when the database was closed while it ran', async () => {
    const db = freshDb();
    const handlers = createHandlers(createServices({ db }));
    let calls = 0;
    const route = createMessageRouter(
      {
        ...handlers,
        getAttributionCounts: async (payload, meta) => {
          calls += 1;
          if (calls === 1) {
            db.close();
            throw new Dexie.DatabaseClosedError();
          }
          return handlers.getAttributionCounts(payload, meta);
        },
      },
      () => 'extension_page',
      { recover: (error) => reopenIfClosed(db, error) },
    );
    expect(await route({ type: 'getAttributionCounts', payload: {} }, {})).toMatchObject({ ok: true });
    expect(calls).toBe(2);
  });
});
