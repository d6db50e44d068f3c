// axe-core (WCAG 2.2 A and AA rules) over the extension's UI in real Chromium: the panel inside its shadow root, a
// warmth badge's open popover, the popup and every section of the options page. Serious and critical violations
// fail the test; the message lists each rule, its impact and the elements it found.
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { browserPool, startOrg } from './fixtures';
import { optionsUrl, popupUrl } from './harness';
import { activePage, openOpportunity, panel, tagOpportunity, warmthBadge } from './pages';

let org: FakeOrg;
const browsers = browserPool();

beforeAll(async () => {
  org = await startOrg();
});
afterAll(async () => {
  await org?.close();
});
afterEach(browsers.closeAll);

/** axe walks every element of a page: on a busy machine a test takes longer than the suite's 60 s. */
type AxeInclude = Parameters<AxeBuilder['include']>[0];

const AXE_TEST_TIMEOUT_MS = 150_000;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

/**
 * axe's selector for an element inside shadow roots (in native shadow the badge sits in Salesforce's components'
 * roots): one selector per tree, outermost first, each host marked in the page (only this copy) to be found.
 */
async function shadowPath(element: Locator): Promise<AxeInclude> {
  const path = await element.evaluate((target) => {
    const selectors: string[] = [];
    let node: Element | null = target;
    for (let depth = 0; node; depth++) {
      node.setAttribute('data-axe-path', String(depth));
      selectors.unshift(`[data-axe-path="${depth}"]`);
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
    return selectors;
  });
  return path.length === 1 ? path[0]! : { fromShadowDom: path as [string, string, ...string[]] };
}

/** The serious and critical violations inside `include` (axe follows open shadow roots below it). */
async function blockingViolations(page: Page, include?: AxeInclude): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (include) builder = builder.include(include);
  const { violations, passes } = await builder.analyze();
  // Something was checked: an empty selection would pass without looking at anything.
  expect(passes.length + violations.length, JSON.stringify(include ?? page.url())).toBeGreaterThan(0);
  return violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
}

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it(
    'the panel, in its shadow root, and an open badge popover',
    async () => {
      const browser = await browsers.launch();
      const page = await browser.context.newPage();
      await tagOpportunity(page, org, DEMO_OPPORTUNITY_IDS.flagship, 'Northwind Systems Integration', {
        kind: 'Partner-sourced',
        note: 'Intro from their CIO',
      });
      expect(await blockingViolations(page, 'partner-ledger-panel')).toEqual([]);

      await openOpportunity(page, org, DEMO_OPPORTUNITY_IDS.flagship);
      const badge = warmthBadge(activePage(page));
      await badge.focus();
      const popover = page.getByRole('dialog', { name: /Partner warmth/ });
      await popover.waitFor();
      expect(await badge.getAttribute('aria-expanded')).toBe('true');
      const path = await shadowPath(activePage(page).locator('pl-warmth-badge'));
      expect(await blockingViolations(page, path)).toEqual([]);
      expect(await panel(page).count()).toBe(1);
    },
    AXE_TEST_TIMEOUT_MS,
  );

  it(
    'the popup and every options section, with a partner on the roster',
    async () => {
      const browser = await browsers.launch();
      const page = await browser.context.newPage();
      // Tagging adds the partner to the roster (its "Active" badge) and gives the popup a week to show.
      await tagOpportunity(page, org, DEMO_OPPORTUNITY_IDS.flagship, 'Northwind Systems Integration', {
        kind: 'Partner-sourced',
      });
      await page.goto(popupUrl(browser.extensionId));
      await page.getByRole('link', { name: 'Options' }).waitFor();
      expect(await blockingViolations(page)).toEqual([]);

      await page.goto(optionsUrl(browser.extensionId));
      await page.getByRole('heading', { name: 'Partners', exact: true }).waitFor();
      // Each section checked on its own, so a failure names it; numbered in the page (only this copy) to select it.
      const headings = await page.locator('section').evaluateAll((all) =>
        all.map((section, index) => {
          section.setAttribute('data-axe-section', String(index));
          return section.querySelector('h2')?.textContent?.trim() ?? '';
        }),
      );
      expect(headings).toEqual(expect.arrayContaining(['Partners', 'Attribution rules', 'Backup']));
      await page.getByRole('table', { name: 'Partner roster' }).getByText('Active', { exact: true }).waitFor();
      for (const [index, heading] of headings.entries()) {
        expect(await blockingViolations(page, `[data-axe-section="${index}"]`), heading).toEqual([]);
      }
    },
    AXE_TEST_TIMEOUT_MS,
  );
});
