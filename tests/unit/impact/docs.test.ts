// docs/partner-impact.md defines the figures once; this keeps its numbers, names and sentences the ones
// the code uses, so the page and its documentation cannot drift apart.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfidence } from '../../../lib/impact/format';
import { GROUP_LABELS, IMPACT_GROUPS } from '../../../lib/impact/groups';
import { PAST_QUARTERS } from '../../../lib/impact/period';
import { MIN_CLOSED_DEALS, NOT_ENOUGH_DEALS, buildImpactReport } from '../../../lib/impact/report';
import { DEFAULT_CONFIDENCE, medianRanks } from '../../../lib/impact/stats';
import { QUERY_BATCH_SIZE } from '../../../lib/crm/salesforce/queries/partner-impact';
import { CURRENT_QUARTER_FRESH_MS } from '../../../lib/services/impact';
import { deals } from './fixtures';

const ROOT = join(__dirname, '../../..');
const DOC = readFileSync(join(ROOT, 'docs/partner-impact.md'), 'utf8');
/** The doc wraps lines; sentences are compared with single spaces. */
const FLAT = DOC.replace(/\s+/g, ' ');

function quoted(pattern: RegExp): string {
  const match = pattern.exec(FLAT);
  expect(match, `docs/partner-impact.md should contain ${pattern}`).not.toBeNull();
  return match![1]!;
}

/** The section of the doc under a `## ` heading. */
function section(heading: string): string {
  const start = DOC.indexOf(`## ${heading}\n`);
  expect(start, `docs/partner-impact.md should have a section "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end === -1 ? undefined : end);
}

describe('docs/partner-impact.md matches the code', () => {
  it('quotes the minimum number of closed deals the report uses', () => {
    expect(Number(quoted(/Minimum: \*\*(\d+) closed deals\*\*/))).toBe(MIN_CLOSED_DEALS);
  });

  it('names the three groups, in order, as the code does', () => {
    const names = [...section('The three groups').matchAll(/^\| \*\*(.+?)\*\* *\|/gm)].map((match) => match[1]);
    expect(names).toEqual(IMPACT_GROUPS.map((group) => GROUP_LABELS[group]));
  });

  it('quotes the "not enough" sentence word for word', () => {
    expect(FLAT).toContain(`"${NOT_ENOUGH_DEALS}"`);
  });

  it('quotes the confidence level the intervals use', () => {
    expect(quoted(/Confidence level: \*\*(.+?)\*\*/)).toBe(formatConfidence(DEFAULT_CONFIDENCE, 'en-US'));
  });

  it('quotes the smallest n that gets a median interval', () => {
    const smallest = Number(quoted(/It needs \*\*(\d+)\*\* or more values/));
    expect(medianRanks(smallest)).toBeDefined();
    expect(medianRanks(smallest - 1)).toBeUndefined();
  });

  it('quotes how many past quarters the page offers', () => {
    expect(Number(quoted(/offers the \*\*(\d+)\*\* quarters before it/))).toBe(PAST_QUARTERS);
  });

  it('gives an example verdict the report would write word for word', () => {
    const example = quoted(/example: "(Deals with a sourcing partner .+? holds at 95 %\.)"/);
    const report = buildImpactReport([...deals('sourced', 87, 125), ...deals('none', 362, 978)], { locale: 'en-US' });
    expect(report.comparisons[0]!.sentence).toBe(example);
  });

  it('names files that exist', () => {
    const files = [...DOC.matchAll(/`((?:lib|tests)\/[\w/.-]+\.ts)`/g)].map((match) => match[1]!);
    const modules = [...DOC.matchAll(/`([\w-]+\.ts)`/g)].map((match) => `lib/impact/${match[1]}`);
    expect(files.length + modules.length).toBeGreaterThan(5);
    for (const file of [...files, ...modules]) expect(existsSync(join(ROOT, file)), file).toBe(true);
  });

  it('says how the org is read: the batch size and how long the current quarter is kept', () => {
    expect(Number(quoted(/Records come \*\*([\d,]+)\*\* a batch/).replace(',', ''))).toBe(QUERY_BATCH_SIZE);
    expect(Number(quoted(/read again after \*\*(\d+)\*\* minutes/)) * 60_000).toBe(CURRENT_QUARTER_FRESH_MS);
  });
});
