import { describe, expect, it } from 'vitest';
import { initialVersion, outboxEntryFor } from '../../../../lib/store/migrations/v002-to-v003';
import { attributionRowSchema, outboxRowSchema, touchRowSchema } from '../../../../lib/store/rows';
import { compareClockVersions, parseVersion } from '../../../../lib/time/hlc';
import { v2, V2_DEVICE, V2_OTHER_DEVICE } from './fixtures/v2';

describe('initialVersion', () => {
  it('is the time of the last change, counter 0, and the author’s device', () => {
    expect(initialVersion({ updatedAt: '2026-09-04T07:05:59.999Z', createdBy: { deviceId: V2_DEVICE } })).toBe(
      `001788505559999:00000:${V2_DEVICE}`,
    );
    const attribution = v2.attributions[0]!;
    expect(attribution.createdBy.deviceId).toBe(V2_OTHER_DEVICE);
    expect(parseVersion(initialVersion(attribution))).toEqual({
      wallMs: Date.parse(attribution.updatedAt),
      counter: 0,
      deviceId: V2_OTHER_DEVICE,
    });
  });

  it('orders rows by their last change, so any later change made with sync wins over them', () => {
    const earlier = initialVersion({ updatedAt: '2026-09-10T09:00:00.000Z', createdBy: { deviceId: V2_OTHER_DEVICE } });
    const later = initialVersion({ updatedAt: '2026-09-10T09:02:30.000Z', createdBy: { deviceId: V2_DEVICE } });
    expect(compareClockVersions(later, earlier)).toBeGreaterThan(0);
  });

  it('counts a time it cannot read, or one before 1970, as 0 rather than write a malformed version', () => {
    expect(initialVersion({ updatedAt: 'yesterday', createdBy: { deviceId: V2_DEVICE } })).toBe(
      `000000000000000:00000:${V2_DEVICE}`,
    );
    expect(initialVersion({ updatedAt: '1969-12-31T23:59:59.000Z', createdBy: { deviceId: V2_DEVICE } })).toBe(
      `000000000000000:00000:${V2_DEVICE}`,
    );
  });

  it('gives every v2 attribution and touch a version the current row schemas accept', () => {
    for (const row of v2.attributions) {
      expect(attributionRowSchema.safeParse({ ...row, version: initialVersion(row) }).success, row.id).toBe(true);
    }
    for (const row of v2.touches) {
      expect(touchRowSchema.safeParse({ ...row, version: initialVersion(row) }).success, row.id).toBe(true);
    }
  });
});

describe('outboxEntryFor', () => {
  const removed = { ...v2.attributions[3]!, version: initialVersion(v2.attributions[3]!) };

  it('queues the attribution as it is now, at its last change', () => {
    expect(removed.deleted).toBe(1);
    expect(outboxEntryFor(removed)).toEqual({
      orgKey: 'acme',
      attributionId: removed.id,
      version: removed.version,
      queuedAt: removed.updatedAt,
    });
  });

  it('queues it at another time when told', () => {
    expect(outboxEntryFor(removed, '2026-11-20T10:00:00.000Z').queuedAt).toBe('2026-11-20T10:00:00.000Z');
  });

  it('makes an entry the outbox schema accepts once stored with its number', () => {
    expect(outboxRowSchema.safeParse({ seq: 1, ...outboxEntryFor(removed) }).success).toBe(true);
  });
});
