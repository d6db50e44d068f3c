// Size budgets before the org refuses: the evidence sent with a claim always fits Touches__c, a touch that
// cannot fit is refused in the panel with nothing lost, a record the org refuses for good is parked with its
// reason while the rest of the outbox flows, and names fit their fields.
import { afterEach, describe, expect, it } from 'vitest';
import { normalizePartnerName } from '../../../lib/attribution/names';
import { FIELD_LIMITS } from '../../../lib/crm/salesforce/field-limits.generated';
import { AppError } from '../../../lib/errors';
import { actorSchema } from '../../../lib/store/rows';
import { addAttribution, addTouch, removeAttribution } from '../../../lib/store/attributions';
import { pushOutbox } from '../../../lib/sync/push';
import { syncOnce } from '../../../lib/sync/run';
import type { SyncApi, UpsertResult } from '../../../lib/sync/types';
import { changeOn, clock, device, ORG, syncContext, TOUCH, type Device } from './helpers';
import { opportunityId as opportunity } from '../../builders';
import { MemoryOrg } from './memory-org';

const TOUCHES_LENGTH = FIELD_LIMITS.Partner_Attribution__c.Touches__c.length;

const devices: Device[] = [];
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.db.delete()));
});

function setup() {
  const time = clock();
  const org = new MemoryOrg({ now: () => time.ms });
  const a = device(1, time);
  devices.push(a);
  return { time, org, a };
}

const longTouch = (n: number) => ({
  type: 'joint_call' as const,
  date: '2026-11-18',
  // Quotes double in JSON: the budget is what the org stores, not what the user typed.
  note: `${n} ${'"'.repeat(1_900)}`,
  link: `https://example.com/${'p'.repeat(1_900)}`,
});

describe('Touches__c budget', () => {
  it('refuses the touch that would not fit, with a clear message, and keeps everything else', async () => {
    const { time, org, a } = setup();
    const view = await addAttribution(
      a.db,
      {
        orgKey: ORG,
        opportunityId: opportunity(1),
        partnerName: 'Initech',
        kind: 'influenced',
        note: '',
        touch: TOUCH,
      },
      changeOn(a, time),
    );
    let refused: unknown;
    for (let n = 0; n < 40 && !refused; n++) {
      time.advance(1_000);
      try {
        await addTouch(a.db, { attributionId: view.id, ...longTouch(n) }, changeOn(a, time));
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(/Salesforce.*(room|fit)/i);
    const kept = await a.db.touches.count();
    expect(kept).toBeGreaterThan(20);
    const summary = await syncOnce(syncContext(a, time, org.connect(a.userName)), ORG);
    expect(summary).toMatchObject({ status: 'synced', failedRecords: 0 });
    const stored = org.get(view.id)!;
    expect(String(stored.Touches__c).length).toBeLessThanOrEqual(TOUCHES_LENGTH);
    expect(JSON.parse(String(stored.Touches__c))).toHaveLength(kept);
  });

  it('sends the tombstones of a removed claim without their notes and links', async () => {
    const { time, org, a } = setup();
    const view = await addAttribution(
      a.db,
      {
        orgKey: ORG,
        opportunityId: opportunity(2),
        partnerName: 'Initech',
        kind: 'influenced',
        note: '',
        touch: TOUCH,
      },
      changeOn(a, time),
    );
    for (let n = 0; n < 10; n++) await addTouch(a.db, { attributionId: view.id, ...longTouch(n) }, changeOn(a, time));
    await syncOnce(syncContext(a, time, org.connect(a.userName)), ORG);
    time.advance(1_000);
    await removeAttribution(a.db, view.id, changeOn(a, time));
    await syncOnce(syncContext(a, time, org.connect(a.userName)), ORG);
    const touches = JSON.parse(String(org.get(view.id)!.Touches__c)) as { note: string; link: string | null }[];
    expect(touches).toHaveLength(11);
    expect(touches.every((touch) => touch.note === '' && touch.link === null)).toBe(true);
  });
});

describe('permanent refusals', () => {
  /** The org refuses one external id for good, as a validation rule or a restricted picklist would. */
  function refusing(api: SyncApi, id: string, calls: string[][]): SyncApi {
    return {
      ...api,
      upsertCollection: async (object, field, records) => {
        calls.push(records.map((record) => String(record.External_Id__c)));
        const passed = records.filter((record) => record.External_Id__c !== id);
        const answers = [...(await api.upsertCollection(object, field, passed))];
        return records.map(
          (record): UpsertResult =>
            record.External_Id__c === id
              ? {
                  success: false,
                  errors: [
                    {
                      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                      message: 'Partner attributions need a partner manager',
                      fields: [],
                    },
                  ],
                }
              : answers.shift()!,
        );
      },
    };
  }

  it('parks a record the org refuses for good, with its reason, and keeps the rest of the outbox flowing', async () => {
    const { time, org, a } = setup();
    const add = (n: number) =>
      addAttribution(
        a.db,
        { orgKey: ORG, opportunityId: opportunity(n), partnerName: `P${n}`, kind: 'sourced', note: '', touch: TOUCH },
        changeOn(a, time),
      );
    const bad = await add(1);
    await add(2);
    const calls: string[][] = [];
    const api = refusing(org.connect(a.userName), bad.id, calls);
    const first = await pushOutbox(syncContext(a, time, api), ORG);
    expect(first).toMatchObject({ succeeded: 1, failed: [{ id: bad.id }] });
    const failure = (await a.db.syncState.get(ORG))?.pushFailures?.[bad.id];
    expect(failure).toMatchObject({
      permanent: true,
      error: expect.stringMatching(/FIELD_CUSTOM_VALIDATION_EXCEPTION/),
    });

    // Days later, with another change queued: the parked record is not sent again, the new one is.
    time.advance(3 * 24 * 60 * 60_000);
    const third = await add(3);
    const second = await pushOutbox(syncContext(a, time, api), ORG);
    expect(calls.at(-1)).toEqual([third.id]);
    expect(second).toMatchObject({ succeeded: 1, deferred: 1 });
    expect(await a.db.outbox.where({ attributionId: bad.id }).count()).toBe(1);

    // A new change to the parked claim sends it again.
    await addTouch(a.db, { attributionId: bad.id, ...TOUCH }, changeOn(a, time));
    await pushOutbox(syncContext(a, time, api), ORG);
    expect(calls.at(-1)).toEqual([bad.id]);
  });

  it('parks a record that is over a field limit without spending a call on it', async () => {
    const { time, org, a } = setup();
    const view = await addAttribution(
      a.db,
      { orgKey: ORG, opportunityId: opportunity(4), partnerName: 'Initech', kind: 'sourced', note: '', touch: TOUCH },
      changeOn(a, time),
    );
    // A note longer than the org's field, as a restored backup from a future version might hold.
    await a.db.attributions.update(view.id, {
      note: 'n'.repeat(FIELD_LIMITS.Partner_Attribution__c.Note__c.length + 1),
    });
    const calls: string[][] = [];
    const report = await pushOutbox(syncContext(a, time, refusing(org.connect(a.userName), 'none', calls)), ORG);
    expect(calls).toEqual([]);
    expect(report.failed).toEqual([{ id: view.id, error: expect.stringMatching(/^STRING_TOO_LONG: Note/) }]);
    expect((await a.db.syncState.get(ORG))?.pushFailures?.[view.id]).toMatchObject({ permanent: true });
  });
});

describe('names fit their fields', () => {
  it('keeps a 121-character Salesforce user name (First Name 40, a space, Last Name 80)', () => {
    const name = `${'F'.repeat(40)} ${'L'.repeat(80)}`;
    expect(actorSchema.safeParse({ deviceId: 'd0000001-0000-4000-8000-000000000001', userName: name }).success).toBe(
      true,
    );
  });

  it('recomposes partner keys after removing accents, so they are no longer than the name', () => {
    expect(normalizePartnerName('삼성전자 주식회사')).toBe('삼성전자 주식회사');
    expect(normalizePartnerName('Globex  Café')).toBe('globex cafe');
    expect(normalizePartnerName('Ｇｌｏｂｅｘ')).toBe('globex');
    const korean = '가'.repeat(120);
    expect(normalizePartnerName(korean).length).toBeLessThanOrEqual(
      FIELD_LIMITS.Partner_Attribution__c.Partner_Key__c.length,
    );
  });
});
