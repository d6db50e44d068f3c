// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeedData } from '../../../fake-org/data';
import { attribution, NOW, setupOrg, type QueryPage } from './helpers';

/** SOQL string literal (Salesforce's quoted-string escapes), written independently of the fake org's lexer. */
function soqlQuote(value: string): string {
  const escaped = value.replace(
    /[\\'"\n\r\t\b\f]/g,
    (char) =>
      ({ '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[
        char
      ]!,
  );
  return `'${escaped}'`;
}

/** LIKE by backtracking over the pattern: an oracle independent of the RegExp translation. */
function likeOracle(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  const match = (i: number, j: number): boolean => {
    if (i === p.length) return j === t.length;
    if (p[i] === '%') return match(i + 1, j) || (j < t.length && match(i, j + 1));
    if (j === t.length) return false;
    return (p[i] === '_' || p[i] === t[j]) && match(i + 1, j + 1);
  };
  return match(0, 0);
}

const seed = createSeedData(NOW);

describe('REST API properties', () => {
  // Up to 60 code points: at most 120 UTF-16 units, within Partner_Name__c's Text(120) however many are astral.
  it('any text written through an upsert is found again with = on its quoted literal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), async (name) => {
        const org = setupOrg({ state: structuredClone(seed) });
        const [result] = (await org.upsert([attribution('p-1', { Partner_Name__c: name })])).json<
          Array<{ success: boolean }>
        >();
        expect(result!.success).toBe(true);
        const page = (
          await org.query(
            `SELECT Partner_Name__c FROM Partner_Attribution__c WHERE Partner_Name__c = ${soqlQuote(name)}`,
          )
        ).json<QueryPage<{ Partner_Name__c: string }>>();
        expect(page.records.map((record) => record.Partner_Name__c)).toEqual([name]);
      }),
      { numRuns: 60 },
    );
  });

  it('pages of any batch size concatenate to the whole ordered result', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 1, max: 2500 }),
        async (extra, requested) => {
          const org = setupOrg({ state: structuredClone(seed) });
          const template = org.state.opportunities[0]!;
          for (let i = 0; i < extra; i++)
            org.state.opportunities.push({
              ...template,
              Id: `006Zz${String(i).padStart(10, '0')}AAA`,
              Amount: (i * 7919) % 1000,
            });
          const soql = 'SELECT Id FROM Opportunity ORDER BY Amount DESC NULLS LAST, Id';
          const whole = (await org.query(soql, { 'Sforce-Query-Options': 'batchSize=2000' })).json<
            QueryPage<{ Id: string }>
          >();
          const batch = Math.min(2000, Math.max(200, requested));
          const ids: string[] = [];
          let page = (await org.query(soql, { 'Sforce-Query-Options': `batchSize=${requested}` })).json<
            QueryPage<{ Id: string }>
          >();
          let pages = 1;
          ids.push(...page.records.map((record) => record.Id));
          while (!page.done) {
            page = (await org.get(page.nextRecordsUrl!)).json<QueryPage<{ Id: string }>>();
            ids.push(...page.records.map((record) => record.Id));
            pages++;
          }
          const total = org.state.opportunities.length;
          expect(pages).toBe(Math.max(1, Math.ceil(total / batch)));
          expect(ids).toHaveLength(total);
          if (whole.done) expect(ids).toEqual(whole.records.map((record) => record.Id));
          expect(org.api.countCalls('/query')).toBe(1 + pages);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('numeric comparisons agree with SOQL null semantics', async () => {
    const operators = ['=', '!=', '<', '<=', '>', '>='] as const;
    const org = setupOrg({ state: structuredClone(seed) });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operators),
        fc.integer({ min: 0, max: 500_000 }),
        async (operator, threshold) => {
          const page = (await org.query(`SELECT Id FROM Opportunity WHERE Amount ${operator} ${threshold}`)).json<
            QueryPage<{ Id: string }>
          >();
          const expected = org.state.opportunities
            .filter(({ Amount: a }) => {
              if (a === null) return operator === '!=';
              return {
                '=': a === threshold,
                '!=': a !== threshold,
                '<': a < threshold,
                '<=': a <= threshold,
                '>': a > threshold,
                '>=': a >= threshold,
              }[operator];
            })
            .map((opportunity) => opportunity.Id);
          expect(page.records.map((record) => record.Id)).toEqual(expected);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('LIKE agrees with a backtracking matcher', async () => {
    const org = setupOrg({ state: structuredClone(seed) });
    const texts = ['', 'a', 'ab', 'Ba', 'abab', 'a_b', 'a%b', 'bbb', 'AbA'];
    org.state.opportunities = texts.map((Name, index) => ({ ...org.state.opportunities[index]!, Name }));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', 'b', 'A', '%', '_'), maxLength: 6 }), async (pattern) => {
        const page = (await org.query(`SELECT Name FROM Opportunity WHERE Name LIKE ${soqlQuote(pattern)}`)).json<
          QueryPage<{ Name: string }>
        >();
        expect(page.records.map((record) => record.Name)).toEqual(texts.filter((text) => likeOracle(pattern, text)));
      }),
      { numRuns: 150 },
    );
  });
});
