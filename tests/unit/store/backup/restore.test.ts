import { describe, expect, it } from 'vitest';
import { freshDbs } from '../../../builders';
import { AppError } from '../../../../lib/errors';
import { createBackup } from '../../../../lib/store/backup/create';
import { parseBackup } from '../../../../lib/store/backup/format';
import { restoreBackup } from '../../../../lib/store/backup/restore';
import { nextVersion } from '../../../../lib/store/clock';
import { formatVersion } from '../../../../lib/time/hlc';
import { v2 } from '../migrations/fixtures/v2';
import {
  at,
  CHANGED_MS,
  contentOf,
  fileOf,
  fill,
  GLOBEX,
  INFLUENCED,
  me,
  NORTHWIND,
  NOW,
  OTHER_DEVICE,
  parsedSample,
  REMOVED,
  sampleTables,
  SOURCED,
  versioned,
} from './fixtures';

const newDb = freshDbs();

describe('round trip', () => {
  it('restores exactly what was backed up into a fresh database', async () => {
    const source = newDb();
    await fill(source, sampleTables());
    const text = JSON.stringify(await createBackup(source, NOW));

    const parsed = parseBackup(text);
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    const target = newDb();
    const counts = await restoreBackup(target, parsed.backup, { now: '2026-11-21T08:00:00.000Z' });
    expect(counts).toEqual({
      partners: 2,
      attributions: 3,
      touches: 3,
      opportunities: 2,
      audit: 3,
      settings: 3,
      summaries: 1,
    });

    const restored = await contentOf(target);
    const original = await contentOf(source);
    expect(restored.settings.find((s) => s.key === 'lastRestore')).toBeDefined();
    expect({ ...restored, settings: restored.settings.filter((s) => s.key !== 'lastRestore') }).toEqual(original);
  });
});

describe('restoreBackup', () => {
  it('replaces what was there, keeps this browser’s device id and records the restore in settings', async () => {
    const db = newDb();
    await db.settings.add({ key: 'deviceId', value: OTHER_DEVICE });
    await db.partners.add({
      ...sampleTables().partners[0]!,
      id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
      name: 'Old',
      normalizedName: 'old',
    });
    await db.audit.add({
      at: NOW,
      actor: me,
      entity: 'partner',
      entityId: NORTHWIND,
      action: 'create',
      before: null,
      after: null,
    });

    const counts = await restoreBackup(db, parsedSample(), {
      now: '2026-11-21T08:00:00.000Z',
      actor: { deviceId: OTHER_DEVICE },
    });

    expect((await db.partners.toArray()).map((p) => p.name).sort()).toEqual(['Globex Café', 'Northwind Systems']);
    expect((await db.audit.toArray()).map((a) => a.seq)).toEqual([1, 2, 7]);
    expect(await db.settings.get('deviceId')).toEqual({ key: 'deviceId', value: OTHER_DEVICE });
    expect(await db.settings.get('ui')).toEqual({ key: 'ui', value: { panelCollapsed: true } });
    expect(await db.settings.get('lastRestore')).toEqual({
      key: 'lastRestore',
      value: { at: '2026-11-21T08:00:00.000Z', fileExportedAt: NOW, counts, by: { deviceId: OTHER_DEVICE } },
    });
  });

  it('numbers new audit entries after the restored ones', async () => {
    const db = newDb();
    await restoreBackup(db, parsedSample(), { now: NOW });
    const seq = await db.audit.add({
      at: NOW,
      actor: me,
      entity: 'partner',
      entityId: GLOBEX,
      action: 'update',
      before: null,
      after: null,
    });
    expect(seq).toBe(8);
  });

  it('changes nothing when a write fails midway', async () => {
    const db = newDb();
    const before = sampleTables();
    await fill(db, before);
    const snapshot = await contentOf(db);

    // Two attributions with one id, as if validation had missed it: the attributions bulkAdd fails after
    // partners were cleared and rewritten.
    await db.outbox.add({ orgKey: 'acme', attributionId: SOURCED, version: at(0), queuedAt: NOW });
    await db.syncState.add({ orgKey: 'acme', lastPullAt: NOW });
    const outbox = await db.outbox.toArray();
    const bad = parsedSample();
    const renamed = { ...bad.tables.partners[0]!, name: 'Northwind Renamed', normalizedName: 'northwind renamed' };
    bad.tables.partners = [renamed];
    bad.tables.attributions = [bad.tables.attributions[0]!, { ...bad.tables.attributions[1]!, id: SOURCED }];

    const error = await restoreBackup(db, bad, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/^The backup could not be restored, so nothing was changed \(.+\)\.$/);
    expect(await contentOf(db)).toEqual(snapshot);
    expect(await db.settings.get('lastRestore')).toBeUndefined();
    expect(await db.outbox.toArray()).toEqual(outbox);
    expect(await db.syncState.toArray()).toEqual([{ orgKey: 'acme', lastPullAt: NOW }]);
  });

  it('starts sync over: clears the outbox and sync state and queues every restored attribution', async () => {
    const db = newDb();
    await db.outbox.bulkAdd([
      { orgKey: 'acme', attributionId: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0', version: at(5), queuedAt: NOW },
      { orgKey: 'acme', attributionId: SOURCED, version: at(4), queuedAt: NOW },
    ]);
    await db.syncState.add({
      orgKey: 'acme',
      pullCursor: '2026-11-20T09:59:00.000+0000',
      lastPullAt: NOW,
      failures: 2,
    });
    const restoredAt = '2026-11-21T08:00:00.000Z';

    await restoreBackup(db, parsedSample(), { now: restoredAt });

    expect(await db.syncState.count()).toBe(0);
    const outbox = await db.outbox.toArray();
    expect(outbox.map(({ seq: _seq, ...entry }) => entry)).toEqual([
      { orgKey: 'acme', attributionId: SOURCED, version: at(0), queuedAt: restoredAt },
      { orgKey: 'acme', attributionId: INFLUENCED, version: at(2, OTHER_DEVICE), queuedAt: restoredAt },
      { orgKey: 'acme', attributionId: REMOVED, version: at(1), queuedAt: restoredAt },
    ]);
    expect(new Set(outbox.map((entry) => entry.seq)).size).toBe(3);
  });

  it('never moves this browser’s clock back, and dates later changes after everything restored', async () => {
    const db = newDb();
    await db.settings.add({ key: 'deviceId', value: OTHER_DEVICE });
    const ahead = { wallMs: CHANGED_MS + 60_000, counter: 3 };
    await db.settings.add({ key: 'clock', value: ahead });
    await restoreBackup(db, parsedSample(), { now: NOW });
    expect(await db.settings.get('clock')).toEqual({ key: 'clock', value: ahead });

    // A browser whose clock is behind the backup moves up to the latest version restored …
    const behind = newDb();
    await behind.settings.add({ key: 'deviceId', value: OTHER_DEVICE });
    await behind.settings.add({ key: 'clock', value: { wallMs: CHANGED_MS - 60_000, counter: 9 } });
    const backup = parsedSample();
    backup.tables.settings = backup.tables.settings.filter((s) => s.key !== 'clock');
    backup.tables.touches[0]!.version = at(7, OTHER_DEVICE);
    await restoreBackup(behind, backup, { now: NOW });
    expect(await behind.settings.get('clock')).toEqual({ key: 'clock', value: { wallMs: CHANGED_MS, counter: 7 } });
    // … so a change made here next, even with the wall clock behind, is newer than any restored row.
    const next = await nextVersion(behind, OTHER_DEVICE, CHANGED_MS - 3_600_000);
    expect(next).toBe(formatVersion({ wallMs: CHANGED_MS, counter: 8 }, OTHER_DEVICE));
    const restored = [...(await behind.attributions.toArray()), ...(await behind.touches.toArray())];
    for (const row of restored) expect(next > row.version, row.id).toBe(true);

    // The file's own clock counts too, when it is the latest.
    const fresh = newDb();
    const withClock = parsedSample();
    withClock.tables.settings.find((s) => s.key === 'clock')!.value = { wallMs: CHANGED_MS + 5, counter: 0 };
    await restoreBackup(fresh, withClock, { now: NOW });
    expect(await fresh.settings.get('clock')).toEqual({ key: 'clock', value: { wallMs: CHANGED_MS + 5, counter: 0 } });
  });

  it('refuses a backup that did not come through parseBackup for this schema', async () => {
    const db = newDb();
    const stale = { ...parsedSample(), schemaVersion: 1 };
    await expect(restoreBackup(db, stale)).rejects.toThrow(
      'This backup has not been checked for this version of Partner Ledger.',
    );
  });
});

describe('restoreBackup: older schema versions', () => {
  it('restores an upgraded v2 backup and queues every attribution, removed ones included', async () => {
    const result = parseBackup(fileOf(2, v2));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const db = newDb();
    await db.settings.add({ key: 'deviceId', value: OTHER_DEVICE });
    await restoreBackup(db, result.backup, { now: NOW });
    const outbox = await db.outbox.toArray();
    expect(outbox.map((entry) => [entry.attributionId, entry.version])).toEqual(
      v2.attributions.map(versioned).map((a) => [a.id, a.version]),
    );
    expect(v2.attributions.some((a) => a.deleted === 1)).toBe(true);
    expect((await db.touches.toArray()).every((t) => /^\d{15}:00000:/.test(t.version))).toBe(true);
    expect(await db.settings.get('deviceId')).toEqual({ key: 'deviceId', value: OTHER_DEVICE });
  });
});

describe('restoreBackup: the Slack webhook', () => {
  it('keeps this browser’s webhook when the file leaves it out', async () => {
    const db = newDb();
    const webhookUrl = 'https://hooks.slack.com/services/T000/B000/keepme';
    await db.settings.add({
      key: 'summary',
      value: { firstDayOfWeek: 1, notifications: { enabled: false, weekday: 1, hour: 9 }, webhookUrl },
    });
    await restoreBackup(db, parsedSample(), { now: '2026-11-21T08:00:00.000Z' });
    expect((await db.settings.get('summary'))?.value).toMatchObject({ webhookUrl });
  });
});

describe('restoreBackup: forged clocks', () => {
  it('does not move this browser’s clock to a clock or version far ahead of now that a file carries', async () => {
    const db = newDb();
    const forged = parsedSample();
    forged.tables.settings.find((s) => s.key === 'clock')!.value = { wallMs: 999_999_999_999_999, counter: 99_999 };
    forged.tables.touches[0]!.version = '999999999999999:99999:zzz';
    await restoreBackup(db, forged, { now: NOW });
    const clock = (await db.settings.get('clock'))?.value as { wallMs: number };
    expect(clock.wallMs).toBeLessThanOrEqual(Date.parse(NOW));
  });
});
