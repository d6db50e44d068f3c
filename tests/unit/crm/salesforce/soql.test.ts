import { describe, expect, it } from 'vitest';
import { toId18 } from '../../../../lib/record-id';
import { opportunityFactFields } from '../../../../lib/crm/salesforce/queries/opportunity-facts';
import { buildIdChunks, encodeQueryValue, queryPath, quote, quoteLike } from '../../../../lib/crm/salesforce/soql';

const HOST = 'acme--uat.sandbox.my.salesforce.com';

/** `count` distinct, valid 18-character opportunity ids. */
function opportunityIds(count: number): string[] {
  return Array.from({ length: count }, (_, n) => toId18(`0065g00000${n.toString(36).padStart(5, '0')}`)!);
}

function uriOf(soql: string, version = '62.0'): string {
  return `https://${HOST}${queryPath(version, soql)}`;
}

describe('quote', () => {
  it.each([
    ['plain', "'plain'"],
    ["Bob's BBQ", "'Bob\\'s BBQ'"],
    ['back\\slash', "'back\\\\slash'"],
    ['say "hi"', '\'say \\"hi\\"\''],
    ['line\nbreak', "'line\\nbreak'"],
    ['carriage\rreturn', "'carriage\\rreturn'"],
    ['tab\there', "'tab\\there'"],
    ['form\ffeed', "'form\\ffeed'"],
    ['back\bspace', "'back\\bspace'"],
    ['bell\u0007', "'bell\\u0007'"],
    ['crème brûlée', "'crème brûlée'"],
    ['', "''"],
  ])('quote(%j) = %s', (value, expected) => {
    expect(quote(value)).toBe(expected);
  });

  it('cannot be broken out of', () => {
    const literal = quote("x' OR Name != '");
    expect(literal).toBe("'x\\' OR Name != \\''");
    // Every quote inside the literal is escaped: removing escape pairs leaves only the outer quotes.
    expect(literal.replace(/\\./g, '').match(/'/g)).toHaveLength(2);
    expect(quote("\\' OR 1=1 --").replace(/\\./g, '').match(/'/g)).toHaveLength(2);
  });

  it('escapes LIKE wildcards only in quoteLike', () => {
    expect(quote('50%_off')).toBe("'50%_off'");
    expect(quoteLike('50%_off')).toBe("'50\\%\\_off'");
  });
});

describe('queryPath', () => {
  it('encodes so that a URL parser leaves it unchanged', () => {
    const soql = "SELECT Id FROM Opportunity WHERE Name = 'Bob\\'s (big) deal!' AND Amount > 5*2 ~";
    const uri = uriOf(soql);
    expect(new URL(uri).href).toBe(uri);
    expect(new URL(uri).searchParams.get('q')).toBe(soql);
    expect(encodeQueryValue("'")).toBe('%27');
  });

  it('refuses a malformed version', () => {
    expect(() => queryPath('v62.0', 'SELECT Id FROM User')).toThrow(TypeError);
  });
});

describe('buildIdChunks', () => {
  const prefix = `SELECT ${opportunityFactFields(true).join(', ')} FROM Opportunity WHERE Id IN (`;

  it('keeps every request URI under 16,384 bytes for 2,000 ids, in ceil(ids / chunk) requests', () => {
    const ids = opportunityIds(2000);
    const chunks = buildIdChunks(ids, { prefix, suffix: ')', apiHost: HOST, version: '62.0' });
    const size = chunks[0]!.ids.length;
    expect(size).toBeGreaterThan(100);
    expect(chunks).toHaveLength(Math.ceil(2000 / size));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      const uri = uriOf(chunk.soql);
      expect(new TextEncoder().encode(uri).length).toBeLessThanOrEqual(16_384);
      // Room is left for the headers, which count towards the same limit.
      expect(uri.length).toBeLessThanOrEqual(16_384 - 2_048);
      expect(new URL(uri).href).toBe(uri);
      expect(chunk.soql).toBe(`${prefix}${chunk.ids.map((id) => `'${id}'`).join(',')})`);
    }
    for (const chunk of chunks.slice(0, -1)) expect(chunk.ids).toHaveLength(size);
    expect(chunks.flatMap((chunk) => chunk.ids)).toEqual(ids);
  });

  it('fills each chunk: one more id would not fit', () => {
    const ids = opportunityIds(600);
    const chunks = buildIdChunks(ids, { prefix, suffix: ')', apiHost: HOST, version: '62.0', headerBytes: 0 });
    const first = chunks[0]!;
    const next = ids[first.ids.length]!;
    const longer = `${prefix}${[...first.ids, next].map((id) => `'${id}'`).join(',')})`;
    expect(uriOf(longer).length).toBeGreaterThan(16_384);
    expect(uriOf(first.soql).length).toBeLessThanOrEqual(16_384);
  });

  it('honours a smaller limit', () => {
    const ids = opportunityIds(50);
    const chunks = buildIdChunks(ids, {
      prefix,
      suffix: ')',
      apiHost: HOST,
      version: '62.0',
      maxUrlBytes: 2_000,
      headerBytes: 500,
    });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(uriOf(chunk.soql).length).toBeLessThanOrEqual(1_500);
  });

  it('removes duplicates and makes nothing of nothing', () => {
    const [a, b] = opportunityIds(2);
    expect(buildIdChunks([a!, b!, a!], { prefix, suffix: ')', apiHost: HOST, version: '62.0' })[0]!.ids).toEqual([
      a,
      b,
    ]);
    expect(buildIdChunks([], { prefix, suffix: ')', apiHost: HOST, version: '62.0' })).toEqual([]);
  });

  it('refuses anything that is not a record id', () => {
    expect(() => buildIdChunks(["006' OR Name != '"], { prefix, suffix: ')', apiHost: HOST, version: '62.0' })).toThrow(
      TypeError,
    );
  });

  it('refuses a prefix too long for even one id', () => {
    expect(() =>
      buildIdChunks(opportunityIds(1), {
        prefix: `${prefix}${' '.repeat(3000)}`,
        suffix: ')',
        apiHost: HOST,
        version: '62.0',
        maxUrlBytes: 3000,
      }),
    ).toThrow(RangeError);
  });
});
