// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isIdOf, isRecordId } from '../../../../lib/record-id';
import { DEMO_OPPORTUNITY_IDS, opportunityId, PARTNER_ACCOUNT_IDS, USER_IDS } from '../../../fake-org/data';
import { LEAD_IDS } from '../../../fake-org/leads';
import { createSession } from '../../../fake-org/rest';
import { ATTRIBUTIONS, attribution, errorOf, NOW, records, setupOrg, V, type Reply } from './helpers';

type Result = {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
};

const results = (reply: Reply) => {
  expect(reply.status, reply.body).toBe(200);
  return reply.json<Result[]>();
};

describe('sObject Collections upsert', () => {
  it('creates records with ids, auto numbers, owner and system fields, then updates them by external id', async () => {
    const org = setupOrg();
    const created = results(
      await org.upsert([attribution('a-1'), attribution('a-2', { Kind__c: 'influenced', Credit__c: 33.333 })]),
    );
    expect(created).toEqual([
      { id: expect.any(String), success: true, errors: [], created: true },
      { id: expect.any(String), success: true, errors: [], created: true },
    ]);
    const [first, second] = org.state.customObjects.Partner_Attribution__c.records;
    expect(isRecordId(created[0]!.id!) && created[0]!.id!.startsWith('a0A') && created[0]!.id!.length === 18).toBe(
      true,
    );
    expect(first).toMatchObject({
      Id: created[0]!.id,
      Name: 'PA-000001',
      External_Id__c: 'a-1',
      OwnerId: USER_IDS.jordanKim,
      CreatedById: USER_IDS.jordanKim,
      LastModifiedById: USER_IDS.jordanKim,
      IsDeleted: false,
      Opportunity__c: DEMO_OPPORTUNITY_IDS.flagship,
      Partner_Account__c: null,
      Note__c: null,
    });
    expect(second).toMatchObject({ Name: 'PA-000002', Kind__c: 'influenced', Credit__c: 33.33 });

    const danaSid = createSession(org.state, USER_IDS.danaReyes);
    const updated = await org.request(
      'PATCH',
      ATTRIBUTIONS,
      {
        records: [
          {
            attributes: { type: 'Partner_Attribution__c' },
            External_Id__c: 'A-1',
            Note__c: 'joint call',
            Opportunity__c: DEMO_OPPORTUNITY_IDS.flagship.slice(0, 15),
          },
        ],
      },
      { Authorization: `Bearer ${danaSid}` },
    );
    expect(results(updated)).toEqual([{ id: created[0]!.id, success: true, errors: [], created: false }]);
    expect(org.state.customObjects.Partner_Attribution__c.records).toHaveLength(2);
    expect(first).toMatchObject({
      Note__c: 'joint call',
      LastModifiedById: USER_IDS.danaReyes,
      CreatedById: USER_IDS.jordanKim,
      Opportunity__c: DEMO_OPPORTUNITY_IDS.flagship,
    });
    const [queried] = await records(
      org,
      `SELECT Note__c, LastModifiedBy.Name, CreatedDate, SystemModstamp FROM Partner_Attribution__c WHERE Id = ` +
        `'${created[0]!.id}'`,
    );
    expect(queried).toMatchObject({ Note__c: 'joint call', LastModifiedBy: { Name: 'Dana Reyes' } });
  });

  it('stamps SystemModstamp strictly later on every write, even within one millisecond', async () => {
    const org = setupOrg(); // the clock stands still at NOW
    results(await org.upsert([attribution('a-1'), attribution('a-2'), attribution('a-3')]));
    const stampsOf = () =>
      org.state.customObjects.Partner_Attribution__c.records.map((record) => Date.parse(String(record.SystemModstamp)));
    const t = NOW.getTime();
    expect(stampsOf()).toEqual([t, t + 1, t + 2]);
    results(await org.upsert([attribution('a-1', { Note__c: 'again' })]));
    // a-1 was written again after a-3: it is now the latest.
    expect(stampsOf()).toEqual([t + 3, t + 1, t + 2]);
    expect(org.state.customObjects.Partner_Attribution__c.records[0]!.LastModifiedDate).toBe(
      org.state.customObjects.Partner_Attribution__c.records[0]!.SystemModstamp,
    );
    const rows = await records<{ External_Id__c: string; SystemModstamp: string }>(
      org,
      'SELECT External_Id__c, SystemModstamp FROM Partner_Attribution__c ORDER BY SystemModstamp',
    );
    expect(rows.map((row) => row.External_Id__c)).toEqual(['a-2', 'a-3', 'a-1']);
    expect(rows[2]!.SystemModstamp).toBe('2026-11-18T10:00:00.003+0000');
    expect(new Set(rows.map((row) => row.SystemModstamp)).size).toBe(3);
    // Follows the clock when it moves on.
    org.setNow(new Date('2026-11-19T08:00:00.000Z'));
    results(await org.upsert([attribution('a-2', { Note__c: 'tomorrow' })]));
    expect(org.state.customObjects.Partner_Attribution__c.records[1]!.SystemModstamp).toBe('2026-11-19T08:00:00.000Z');
  });

  it('reports per-record errors and writes the valid records when allOrNone is false', async () => {
    const org = setupOrg();
    const reply = await org.upsert([
      attribution('ok-1'),
      attribution('long', { Partner_Name__c: 'x'.repeat(256) }),
      attribution('range', { Credit__c: 1000 }),
      attribution('pick', { Kind__c: 'co-sell' }),
      attribution('no-opp', { Opportunity__c: opportunityId(9999) }),
      attribution('bad-id', { Opportunity__c: 'not-an-id' }),
      attribution('wrong-object', { Opportunity__c: PARTNER_ACCOUNT_IDS.northwind }),
      // Neither is required in salesforce/: a claim on a lead has no opportunity until the lead is converted.
      attribution('on-lead', { Opportunity__c: null, Lead__c: LEAD_IDS.adaLovelace }),
      attribution('readonly', { SystemModstamp: '2026-01-01T00:00:00Z', Name: 'PA-9' }),
      { ...attribution('x'), External_Id__c: null },
      attribution('dup'),
      attribution('DUP'),
      attribution('ok-2', {
        Touches__c: 't'.repeat(131_072),
        Partner_Account__c: PARTNER_ACCOUNT_IDS.northwind.slice(0, 15),
      }),
    ]);
    const list = results(reply);
    const codes = list.map((result) =>
      result.success ? 'ok' : result.errors.map((error) => error.statusCode).join('+'),
    );
    expect(codes).toEqual([
      'ok',
      'STRING_TOO_LONG',
      'NUMBER_OUTSIDE_VALID_RANGE',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'INVALID_CROSS_REFERENCE_KEY',
      'MALFORMED_ID',
      'FIELD_INTEGRITY_EXCEPTION',
      'ok',
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      'MISSING_ARGUMENT',
      'DUPLICATE_EXTERNAL_ID',
      'DUPLICATE_EXTERNAL_ID',
      'ok',
    ]);
    expect(list[1]!.errors[0]).toEqual({
      statusCode: 'STRING_TOO_LONG',
      message: `Partner Name: data value too large: ${'x'.repeat(100)}... (max length=120)`,
      fields: ['Partner_Name__c'],
    });
    expect(list[2]!.errors[0]!.message).toBe('Credit: value outside of valid range on numeric field: 1000');
    expect(list[3]!.errors[0]).toMatchObject({
      message: 'Kind: bad value for restricted picklist field: co-sell',
      fields: ['Kind__c'],
    });
    expect(list[4]!.errors[0]).toMatchObject({ message: 'invalid cross reference id', fields: ['Opportunity__c'] });
    expect(list[8]!.errors[0]!.fields).toEqual(['SystemModstamp', 'Name']);
    expect(list[9]!.errors[0]!.message).toBe('External_Id__c not specified');
    expect(list[10]!.errors[0]!.message).toBe('Duplicate external id specified: dup');
    expect(list[1]).not.toHaveProperty('id');
    const stored = org.state.customObjects.Partner_Attribution__c.records.map((record) => record.External_Id__c);
    expect(stored).toEqual(['ok-1', 'on-lead', 'ok-2']);
    expect(org.state.customObjects.Partner_Attribution__c.records[2]!.Partner_Account__c).toBe(
      PARTNER_ACCOUNT_IDS.northwind,
    );
  });

  it('rolls everything back with allOrNone when one record fails', async () => {
    const org = setupOrg();
    results(await org.upsert([attribution('existing', { Note__c: 'before' })]));
    const list = results(
      await org.upsert(
        [attribution('new'), attribution('existing', { Note__c: 'after' }), attribution('bad', { Kind__c: 'nope' })],
        true,
      ),
    );
    expect(list.map((result) => result.success)).toEqual([false, false, false]);
    expect(list[0]!.errors).toEqual([
      {
        statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
        message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
        fields: [],
      },
    ]);
    expect(list[2]!.errors[0]!.statusCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(
      org.state.customObjects.Partner_Attribution__c.records.map((record) => [record.External_Id__c, record.Note__c]),
    ).toEqual([['existing', 'before']]);
    const ok = results(await org.upsert([attribution('new'), attribution('existing', { Note__c: 'after' })], true));
    expect(ok.map((result) => [result.success, result.created])).toEqual([
      [true, true],
      [true, false],
    ]);
  });

  it('stores empty text as null, rounds numbers to their scale and turns null checkboxes into false', async () => {
    const org = setupOrg();
    results(
      await org.upsert([
        attribution('a', {
          Note__c: '',
          Touch_Count__c: 2.6,
          Deleted__c: null,
          Last_Touch_Date__c: '2026-11-02',
          Attributed_At__c: '2026-11-02T09:30:00.000+0100',
        }),
      ]),
    );
    expect(org.state.customObjects.Partner_Attribution__c.records[0]).toMatchObject({
      Note__c: null,
      Touch_Count__c: 3,
      Deleted__c: false,
      Last_Touch_Date__c: '2026-11-02',
      Attributed_At__c: '2026-11-02T08:30:00.000Z',
    });
    const [row] = await records(
      org,
      "SELECT Attributed_At__c, Last_Touch_Date__c FROM Partner_Attribution__c WHERE External_Id__c = 'a'",
    );
    expect(row).toMatchObject({ Attributed_At__c: '2026-11-02T08:30:00.000+0000', Last_Touch_Date__c: '2026-11-02' });
  });

  it.each<[string, unknown, string, string]>([
    ['bad JSON', '{"records": [', 'JSON_PARSER_ERROR', 'not valid JSON'],
    ['no records', { allOrNone: false }, 'JSON_PARSER_ERROR', 'records'],
    [
      'allOrNone not a boolean',
      { allOrNone: 'yes', records: [] },
      'JSON_PARSER_ERROR',
      'Cannot deserialize instance of boolean',
    ],
    ['a record without attributes.type', { records: [attribution('a')] }, 'JSON_PARSER_ERROR', 'attributes.type'],
    [
      'a record of another type',
      { records: [{ attributes: { type: 'Account' }, External_Id__c: 'a' }] },
      'INVALID_TYPE',
      'Account',
    ],
    [
      'an unknown field',
      { records: [{ attributes: { type: 'Partner_Attribution__c' }, ...attribution('a'), Foo__c: 1 }] },
      'INVALID_FIELD',
      "No such column 'Foo__c' on sobject of type Partner_Attribution__c",
    ],
    [
      'text in a number field',
      { records: [{ attributes: { type: 'Partner_Attribution__c' }, ...attribution('a'), Credit__c: 'lots' }] },
      'JSON_PARSER_ERROR',
      'Cannot deserialize instance of double from VALUE_STRING value lots',
    ],
    [
      'a string in a checkbox',
      { records: [{ attributes: { type: 'Partner_Attribution__c' }, ...attribution('a'), Deleted__c: 'yes' }] },
      'JSON_PARSER_ERROR',
      'Cannot deserialize instance of boolean',
    ],
    [
      'a bad date',
      {
        records: [
          { attributes: { type: 'Partner_Attribution__c' }, ...attribution('a'), Last_Touch_Date__c: '11/02/2026' },
        ],
      },
      'JSON_PARSER_ERROR',
      'Cannot deserialize instance of date',
    ],
    [
      'an object in a text field',
      { records: [{ attributes: { type: 'Partner_Attribution__c' }, ...attribution('a'), Touches__c: [] }] },
      'JSON_PARSER_ERROR',
      'START_ARRAY',
    ],
  ])('answers 400 for %s', async (_label, body, errorCode, message) => {
    const org = setupOrg();
    const error = await errorOf(org.request('PATCH', ATTRIBUTIONS, body));
    expect(error).toMatchObject({ status: 400, errorCode });
    expect(error.message).toContain(message);
    expect(org.state.customObjects.Partner_Attribution__c.records).toHaveLength(0);
  });

  it('accepts 200 records and refuses 201 with EXCEEDED_ID_LIMIT; the call counts once', async () => {
    const org = setupOrg();
    const two00 = Array.from({ length: 200 }, (_, i) => attribution(`r-${i}`));
    expect(results(await org.upsert(two00)).every((result) => result.success)).toBe(true);
    expect(org.state.apiUsage.used).toBe(1);
    const error = await errorOf(org.upsert([...two00, attribution('one-too-many')]));
    expect(error).toEqual({
      status: 400,
      errorCode: 'EXCEEDED_ID_LIMIT',
      message: 'record limit reached. cannot submit more than 200 records into this call',
    });
  });

  it('refuses unknown and not-installed objects and fields that are not external ids', async () => {
    const org = setupOrg();
    expect(
      await errorOf(
        org.request('PATCH', `${V}/composite/sobjects/Partner_Attribution__c/Partner_Name__c`, { records: [] }),
      ),
    ).toMatchObject({
      status: 400,
      errorCode: 'INVALID_FIELD',
      message: 'Field name provided, Partner_Name__c is not an External ID or indexed field for Partner_Attribution__c',
    });
    org.state.customObjects.Partner_Attribution__c.installed = false;
    const error = await errorOf(org.upsert([attribution('a')]));
    expect(error).toMatchObject({ status: 400, errorCode: 'INVALID_TYPE' });
    expect(error.message).toContain("sObject type 'Partner_Attribution__c' is not supported.");
    const query = await errorOf(org.query('SELECT Id FROM Partner_Attribution__c'));
    expect(query).toMatchObject({ status: 400, errorCode: 'INVALID_TYPE' });
    expect(query.message).toContain("sObject type 'Partner_Attribution__c' is not supported.");
  });

  it('writes the summary object too, with its own key prefix', async () => {
    const org = setupOrg();
    const reply = await org.request('PATCH', `${V}/composite/sobjects/Partner_Attribution_Summary__c/External_Id__c`, {
      records: [
        {
          attributes: { type: 'Partner_Attribution_Summary__c' },
          External_Id__c: `${USER_IDS.jordanKim}:2026-11-15`,
          User__c: USER_IDS.jordanKim,
          Week_Start__c: '2026-11-15',
          Sourced_Pipeline__c: 120000.555,
          Currency__c: 'USD',
          Sourced_Share__c: 42.5,
        },
      ],
    });
    const [result] = results(reply);
    expect(result).toMatchObject({ success: true, created: true });
    expect(result!.id!.startsWith('a0B')).toBe(true);
    expect(org.state.customObjects.Partner_Attribution_Summary__c.records[0]).toMatchObject({
      Name: 'PAS-000001',
      Sourced_Pipeline__c: 120000.56,
    });
  });
});

describe('single-record upsert', () => {
  const url = (value: string) => `${V}/sobjects/Partner_Attribution__c/External_Id__c/${encodeURIComponent(value)}`;

  it('answers 201 when it creates, 200 with created: false when it updates (or 204 if set so)', async () => {
    const org = setupOrg();
    const body = { ...attribution('ignored') };
    delete body.External_Id__c;
    const created = await org.request('PATCH', url('one'), body);
    expect(created.status).toBe(201);
    const { id } = created.json<{ id: string }>();
    expect(created.json()).toEqual({ id, success: true, errors: [], created: true });
    expect(isIdOf('Opportunity', id)).toBe(false);
    const updated = await org.request('PATCH', url('one'), { Note__c: 'more' });
    expect(updated.status).toBe(200);
    expect(updated.json()).toEqual({ id, success: true, errors: [], created: false });
    org.api.settings.upsertUpdateStatus = 204;
    const noContent = await org.request('PATCH', url('one'), { Note__c: 'again' });
    expect(noContent.status).toBe(204);
    expect(noContent.body).toBe('');
    expect(org.state.customObjects.Partner_Attribution__c.records[0]!.Note__c).toBe('again');
  });

  it('answers 400 with the errors of an invalid record', async () => {
    const org = setupOrg();
    const reply = await org.request('PATCH', url('bad'), { Kind__c: 'co-sell' });
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual([
      {
        message: 'Kind: bad value for restricted picklist field: co-sell',
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        fields: ['Kind__c'],
      },
    ]);
  });

  it('answers 300 with the matching records when the external id is not unique', async () => {
    const org = setupOrg();
    results(await org.upsert([attribution('twin')]));
    const records = org.state.customObjects.Partner_Attribution__c.records;
    records.push({ ...records[0]!, Id: 'a0AKa00000009QzMAI' });
    const reply = await org.request('PATCH', url('twin'), { Note__c: 'which one?' });
    expect(reply.status).toBe(300);
    expect(reply.json()).toEqual([
      `${V}/sobjects/Partner_Attribution__c/${records[0]!.Id}`,
      `${V}/sobjects/Partner_Attribution__c/a0AKa00000009QzMAI`,
    ]);
    expect(records[0]!.Note__c).toBeNull();
  });

  it('reads a record back by external id', async () => {
    const org = setupOrg();
    results(await org.upsert([attribution('read-me')]));
    const reply = await org.get(url('read-me'));
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({
      attributes: { type: 'Partner_Attribution__c' },
      External_Id__c: 'read-me',
      Kind__c: 'sourced',
    });
    expect((await org.get(url('nobody'))).status).toBe(404);
  });
});
