import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { PARTNER_TYPES } from '../../../lib/attribution/model';
import { cleanPartnerName, normalizePartnerName } from '../../../lib/attribution/names';
import { toId18 } from '../../../lib/record-id';
import {
  checkRosterFileSize,
  escapeCsvCell,
  MAX_ROSTER_FILE_BYTES,
  parseRosterCsv,
  toRosterCsv,
  unescapeCsvCell,
} from '../../../lib/roster/csv';
import { readRosterFile } from '../../../lib/roster/read-file';
import { partnerRow } from '../../builders';

const ACCOUNT_15 = '001Ak00000AbCdE';
const ACCOUNT_18 = toId18(ACCOUNT_15)!;
const HEADER = 'name,type,tier,account_id,active';
const SAVE_AS = 'In Excel, use File › Save As › “CSV UTF-8 (Comma delimited)”.';

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

describe('parseRosterCsv', () => {
  it('reads every column, in any order and any case, and marks partners already in the roster for update', () => {
    const preview = parseRosterCsv(
      csv(
        'Active,TIER,Account_ID,Type,NAME',
        'no,Gold,001Ak00000AbCdE,System integrator,Globex Café',
        ',,,reseller_channel,Northwind',
      ),
      [{ name: 'Globex Café', normalizedName: 'globex cafe' }],
    );
    expect(preview.problems).toEqual([]);
    expect(preview.rows).toEqual([
      {
        line: 2,
        name: 'Globex Café',
        type: 'system_integrator',
        tier: 'Gold',
        accountId: ACCOUNT_18,
        active: false,
        action: 'update',
      },
      {
        line: 3,
        name: 'Northwind',
        type: 'reseller_channel',
        tier: null,
        accountId: null,
        active: true,
        action: 'create',
      },
    ]);
  });

  it('needs only the name column', () => {
    expect(parseRosterCsv('name\nAcme\n', [])).toEqual({
      rows: [{ line: 2, name: 'Acme', type: null, tier: null, accountId: null, active: true, action: 'create' }],
      problems: [],
    });
  });

  it('matches existing partners without regard to case, accents or spaces', () => {
    const { rows } = parseRosterCsv(csv('name', 'GLOBEX   CAFE'), [
      { name: 'Globex Café', normalizedName: 'globex cafe' },
    ]);
    expect(rows[0]).toMatchObject({ name: 'GLOBEX CAFE', action: 'update' });
  });

  it('ignores a UTF-8 byte order mark before the header', () => {
    const preview = parseRosterCsv(`\uFEFF${csv(HEADER, 'Acme,,,,')}`, []);
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => r.name)).toEqual(['Acme']);
  });

  it.each([
    ['key', 'system_integrator'],
    ['label', 'System integrator'],
    ['label in another case', 'SYSTEM INTEGRATOR'],
    ['label with spaces around it', '  System integrator '],
  ])('accepts the partner type as a %s', (_label, type) => {
    const { rows, problems } = parseRosterCsv(csv('name,type', `Acme,${type}`), []);
    expect(problems).toEqual([]);
    expect(rows[0]?.type).toBe('system_integrator');
  });

  it('explains an unknown partner type', () => {
    expect(parseRosterCsv(csv('name,type', 'Acme,Distributor'), []).problems).toEqual([
      {
        line: 2,
        field: 'type',
        message:
          '“Distributor” is not a partner type. Use one of: Technology alliance, Reseller / channel, System ' +
          'integrator, OEM / embedded, Strategic / GTM co-sell, ISV / marketplace; or leave it empty.',
      },
    ]);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['Yes', true],
    ['1', true],
    ['', true],
    ['false', false],
    ['no', false],
    ['NO', false],
    ['0', false],
  ])('reads active “%s” as %s', (value, active) => {
    const { rows, problems } = parseRosterCsv(csv('name,active', `Acme,${value}`), []);
    expect(problems).toEqual([]);
    expect(rows[0]?.active).toBe(active);
  });

  it('explains an active value that is not yes or no', () => {
    expect(parseRosterCsv(csv('name,active', 'Acme,maybe'), []).problems).toEqual([
      {
        line: 2,
        field: 'active',
        message:
          '“maybe” is not a yes/no value. Use true or false (yes/no and 1/0 work too), or leave it empty for an ' +
          'active partner.',
      },
    ]);
  });

  it('reads quoted values with commas, doubled quotes and line breaks, keeping spreadsheet line numbers', () => {
    const text = csv(HEADER, '"Acme, Inc.",,"Gold ""A""",,', '"Globex', 'Café",,,,', 'Initech,,,,');
    const preview = parseRosterCsv(text, []);
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.name, r.tier])).toEqual([
      [2, 'Acme, Inc.', 'Gold "A"'],
      [3, 'Globex Café', null], // the line break in the name is cleaned to a space
      [4, 'Initech', null],
    ]);
  });

  it('skips empty lines but counts them, as a spreadsheet does', () => {
    const preview = parseRosterCsv(`${HEADER}\n\nAcme\n   \n,,,,\nGlobex\n\n\n`, []);
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.name])).toEqual([
      [3, 'Acme'],
      [6, 'Globex'],
    ]);
  });

  it('reports an empty file', () => {
    expect(parseRosterCsv('\uFEFF \r\n\r\n', [])).toEqual({
      rows: [],
      problems: [
        {
          line: 1,
          field: 'file',
          message: `The file is empty. A roster starts with the header “${HEADER}”, then one partner per line.`,
        },
      ],
    });
  });

  it('accepts a header with no partners', () => {
    expect(parseRosterCsv(`${HEADER}\r\n`, [])).toEqual({ rows: [], problems: [] });
  });

  it.each([
    ['semicolons', ';', 'semicolons (;)'],
    ['tabs', '\t', 'tabs'],
  ])('reports a file separated by %s once, not once per row', (_label, separator, described) => {
    const lines = [HEADER, 'Acme,reseller_channel,Gold,,yes', 'Globex,,,,no', 'Initech,,,,'].map((l) =>
      l.replaceAll(',', separator),
    );
    expect(parseRosterCsv(csv(...lines), [])).toEqual({
      rows: [],
      problems: [
        {
          line: 1,
          field: 'file',
          message: `The columns are separated by ${described}, but a roster file must use commas. ${SAVE_AS}`,
        },
      ],
    });
  });

  it('reports a semicolon file even when names contain commas', () => {
    const { problems } = parseRosterCsv(csv('name;tier', 'Acme, Inc.;Gold'), []);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('separated by semicolons (;)');
  });

  it('reports a file that starts with a partner instead of the header', () => {
    expect(parseRosterCsv(csv('Acme,reseller_channel,Gold,,yes', 'Globex,,,,'), [])).toEqual({
      rows: [],
      problems: [
        {
          line: 1,
          field: 'header',
          message:
            `The first line must be the header “${HEADER}”, but it reads “Acme,reseller_channel,Gold,,yes”. ` +
            `Add the header line at the top of the file.`,
        },
      ],
    });
  });

  it('reports a header without a name column', () => {
    expect(parseRosterCsv(csv('type,tier', 'reseller_channel,Gold'), [])).toEqual({
      rows: [],
      problems: [
        {
          line: 1,
          field: 'name',
          message: `The header has no “name” column; every partner needs a name. The header should be “${HEADER}”.`,
        },
      ],
    });
  });

  it('reports unknown and repeated columns', () => {
    expect(parseRosterCsv(csv('name,Region,tier,Tier', 'Acme,EMEA,Gold,Silver'), []).problems).toEqual([
      {
        line: 1,
        field: 'Region',
        message:
          'Unknown column “Region”. A roster has the columns name, type, tier, account_id, active; remove the others.',
      },
      { line: 1, field: 'tier', message: 'The column “tier” appears twice in the header; keep only one.' },
    ]);
  });

  it('ignores an empty column without a header, and reports one with values', () => {
    expect(parseRosterCsv(csv('name,,tier', 'Acme,,Gold'), []).problems).toEqual([]);
    expect(parseRosterCsv(csv('name,,tier', 'Acme,x,Gold'), []).problems).toEqual([
      {
        line: 1,
        field: 'column 2',
        message:
          'Column 2 has values but no name in the header. Name it (name, type, tier, account_id, active) or remove it.',
      },
    ]);
  });

  it('reports a row with more values than columns, as from an unquoted comma', () => {
    const preview = parseRosterCsv(csv('name,tier', 'Acme, Inc.,Gold', 'Globex,Gold,,'), []);
    expect(preview.problems).toEqual([
      {
        line: 2,
        field: 'row',
        message:
          'This line has 3 values but the header has 2 columns. A value that contains a comma must be in double ' +
          'quotes.',
      },
    ]);
    expect(preview.rows.map((r) => r.name)).toEqual(['Globex']); // empty trailing cells are harmless
  });

  it('reports a quote that is never closed', () => {
    const preview = parseRosterCsv(csv('name,tier', 'Acme,Gold', '"Globex,Gold', 'Initech,Gold'), []);
    expect(preview.problems).toEqual([
      {
        line: 3,
        field: 'row',
        message:
          'A double quote (") opens a value here but is never closed, so the rest of the file cannot be read. Close ' +
          'the quote, or double a quote that is part of a name ("").',
      },
    ]);
  });

  it('reports a file that is not UTF-8', () => {
    // What `File.text()` gives for "Café" saved as Windows-1252.
    expect(parseRosterCsv(csv('name', 'Acme', 'Caf\uFFFD'), []).problems).toEqual([
      {
        line: 3,
        field: 'file',
        message: `Some characters cannot be read because the file is not saved as UTF-8. ${SAVE_AS}`,
      },
    ]);
  });

  it('reports each line of a partner listed twice, without regard to case or accents', () => {
    const preview = parseRosterCsv(csv('name', 'Globex Café', 'Acme', 'globex cafe', 'Initech', 'GLOBEX  CAFE'), []);
    expect(preview.problems).toEqual([
      {
        line: 2,
        field: 'name',
        message: '“Globex Café” is the same partner as lines 4 and 6; each partner can appear only once.',
      },
      {
        line: 4,
        field: 'name',
        message: '“globex cafe” is the same partner as lines 2 and 6; each partner can appear only once.',
      },
      {
        line: 6,
        field: 'name',
        message: '“GLOBEX CAFE” is the same partner as lines 2 and 4; each partner can appear only once.',
      },
    ]);
    expect(preview.rows.map((r) => r.name)).toEqual(['Acme', 'Initech']);
  });

  it('names the other line when a partner appears twice', () => {
    expect(parseRosterCsv(csv('name', 'Acme', 'ACME'), []).problems.map((p) => [p.line, p.message])).toEqual([
      [2, '“Acme” is the same partner as line 3; each partner can appear only once.'],
      [3, '“ACME” is the same partner as line 2; each partner can appear only once.'],
    ]);
  });

  it('stores 15-character Account ids in their 18-character form and explains invalid ones', () => {
    const preview = parseRosterCsv(
      csv(
        'name,account_id',
        `Acme,${ACCOUNT_15}`,
        `Globex,${ACCOUNT_18}`,
        'Initech,12345',
        'Northwind,006Ak00000AbCdE',
      ),
      [],
    );
    expect(preview.rows.map((r) => r.accountId)).toEqual([ACCOUNT_18, ACCOUNT_18]);
    expect(preview.problems).toEqual([
      {
        line: 4,
        field: 'account_id',
        message:
          '“12345” is not a Salesforce Account id. Copy the 15- or 18-character id (it starts with 001) from the ' +
          'Account’s address, or leave it empty.',
      },
      {
        line: 5,
        field: 'account_id',
        message:
          '“006Ak00000AbCdE” is the id of another kind of Salesforce record, not an Account: Account ids start with ' +
          '001.',
      },
    ]);
  });

  it('reports names and tiers that are too long, and missing names', () => {
    const preview = parseRosterCsv(
      csv('name,tier', `${'n'.repeat(121)},Gold`, `${'m'.repeat(120)},${'t'.repeat(41)}`, ',Gold'),
      [],
    );
    expect(preview.problems).toEqual([
      {
        line: 2,
        field: 'name',
        message: 'The name is 121 characters long; a partner name can be at most 120 characters.',
      },
      { line: 3, field: 'tier', message: 'The tier is 41 characters long; a tier can be at most 40 characters.' },
      { line: 4, field: 'name', message: 'Enter the partner’s name.' },
    ]);
    expect(preview.rows).toEqual([]);
  });

  it('reports every problem of a row, and keeps the good rows for the counts', () => {
    const preview = parseRosterCsv(csv(HEADER, 'Acme,alien,Gold,bad,perhaps', 'Globex,,,,'), []);
    expect(preview.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'type'],
      [2, 'account_id'],
      [2, 'active'],
    ]);
    expect(preview.rows.map((r) => r.name)).toEqual(['Globex']);
  });
});

describe('checkRosterFileSize', () => {
  it('refuses a file over 5 MB with its size', () => {
    expect(checkRosterFileSize(50 * 1024 * 1024)).toBe('The file is 50.0 MB; a roster file can be at most 5 MB.');
    expect(checkRosterFileSize(MAX_ROSTER_FILE_BYTES + 1)).toBe(
      'The file is 5.1 MB; a roster file can be at most 5 MB.',
    );
  });

  it('accepts files up to 5 MB', () => {
    expect(checkRosterFileSize(0)).toBeUndefined();
    expect(checkRosterFileSize(MAX_ROSTER_FILE_BYTES)).toBeUndefined();
  });
});

describe('readRosterFile', () => {
  it('refuses a 50 MB file without reading it', async () => {
    const text = vi.fn(async () => 'name\nAcme\n');
    expect(await readRosterFile({ size: 50 * 1024 * 1024, text }, [])).toEqual({
      error: 'The file is 50.0 MB; a roster file can be at most 5 MB.',
    });
    expect(text).not.toHaveBeenCalled();
  });

  it('reads and checks a file within the limit', async () => {
    const file = new File(['\uFEFFname,tier\r\nAcme,Gold\r\n'], 'roster.csv', { type: 'text/csv' });
    expect(await readRosterFile(file, [])).toEqual({
      rows: [{ line: 2, name: 'Acme', type: null, tier: 'Gold', accountId: null, active: true, action: 'create' }],
      problems: [],
    });
  });
});

describe('toRosterCsv', () => {
  it('writes the header and one line per partner with CRLF line endings and no byte order mark', () => {
    const text = toRosterCsv([
      partnerRow({ name: 'Acme, Inc.', type: 'system_integrator', tier: 'Gold "A"', accountId: ACCOUNT_18 }),
      partnerRow({ name: 'Globex', active: false }),
    ]);
    expect(text).toBe(
      `${HEADER}\r\n"Acme, Inc.",system_integrator,"Gold ""A""",${ACCOUNT_18},true\r\nGlobex,,,,false\r\n`,
    );
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('writes only the header for an empty roster', () => {
    expect(toRosterCsv([])).toBe(`${HEADER}\r\n`);
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['-Acme', "'-Acme"],
    ['+Acme', "'+Acme"],
    ['@Acme', "'@Acme"],
    ['=1+1', "'=1+1"],
    ["'=already quoted", "''=already quoted"],
    ["'Acme", "'Acme"],
    ['Acme-West', 'Acme-West'],
  ])('neutralises formulas: %s is written as %s and read back unchanged', (name, cell) => {
    const text = toRosterCsv([partnerRow({ name })]);
    expect(text.split('\r\n')[1]).toBe(`${cell},,,,true`);
    expect(parseRosterCsv(text, []).rows[0]?.name).toBe(name);
  });

  it('neutralises formulas in every column', () => {
    const text = toRosterCsv([partnerRow({ name: 'Acme', tier: '-1' })]);
    expect(text.split('\r\n')[1]).toBe("Acme,,'-1,,true");
    expect(parseRosterCsv(text, []).rows[0]?.tier).toBe('-1');
  });

  it.each([
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
  ])('prefixes a cell that starts with a tab or carriage return', (value, escaped) => {
    expect(escapeCsvCell(value)).toBe(escaped);
    expect(unescapeCsvCell(escaped)).toBe(value);
  });

  it('reads back a leading quote only when it protects a formula character', () => {
    expect(unescapeCsvCell("'=x")).toBe('=x');
    expect(unescapeCsvCell("''-x")).toBe("'-x");
    expect(unescapeCsvCell("'Acme")).toBe("'Acme");
    expect(unescapeCsvCell("O'Brien")).toBe("O'Brien");
  });
});

describe('roster round trip', () => {
  const char = fc.constantFrom(
    ...'aZé É ü ñ ß ø Ω 中 😀'.split(' '),
    'a',
    'b',
    'Q',
    '0',
    '9',
    ' ',
    ' ',
    '"',
    "'",
    ',',
    ';',
    '\n',
    '\r',
    '\r\n',
    '\t',
    '=',
    '-',
    '+',
    '@',
    '(',
    ')',
    '.',
    '\u00a0',
  );
  const text = (maxLength: number) => fc.string({ unit: char, minLength: 0, maxLength });
  const accountId = fc
    .string({ unit: fc.constantFrom(...'abcXYZ019'.split('')), minLength: 12, maxLength: 12 })
    .map((tail) => toId18(`001${tail}`)!);
  const entry = fc.record({
    name: text(40),
    type: fc.constantFrom(null, ...PARTNER_TYPES),
    tier: fc.option(text(12), { nil: null }),
    accountId: fc.option(accountId, { nil: null }),
    active: fc.boolean(),
  });
  /** Rosters as the store holds them: names unique once normalized, empty tiers stored as null. */
  const roster = fc
    .uniqueArray(entry, {
      maxLength: 25,
      selector: (e) => normalizePartnerName(e.name),
    })
    .map((entries) =>
      entries
        .filter((e) => cleanPartnerName(e.name) !== '')
        .map((e) => partnerRow({ ...e, tier: e.tier === null || cleanPartnerName(e.tier) === '' ? null : e.tier })),
    );

  it('reads back every partner of an exported roster', () => {
    fc.assert(
      fc.property(roster, (partners) => {
        const preview = parseRosterCsv(toRosterCsv(partners), []);
        expect(preview.problems).toEqual([]);
        expect(preview.rows).toEqual(
          partners.map((p, i) => ({
            line: i + 2,
            action: 'create',
            name: cleanPartnerName(p.name),
            type: p.type,
            tier: p.tier === null ? null : cleanPartnerName(p.tier),
            accountId: p.accountId,
            active: p.active,
          })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('marks every partner of a roster exported from this browser for update', () => {
    fc.assert(
      fc.property(roster, (partners) => {
        const preview = parseRosterCsv(toRosterCsv(partners), partners);
        expect(preview.rows.every((row) => row.action === 'update')).toBe(true);
        expect(preview.rows).toHaveLength(partners.length);
      }),
      { numRuns: 100 },
    );
  });
});
