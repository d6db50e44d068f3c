// Production and its full sandbox, both served by the fake org on their real host names: the sandbox's records
// carry production's opportunity ids and External_Id__c values (full and partial-copy sandboxes copy them:
// https://help.salesforce.com/s/articleView?id=sf.create_test_instance.htm), but the org id differs. Each org's
// panel, badges and weekly summary show that org's claims only (docs/org-isolation.md).
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toId18 } from '../../lib/record-id';
import { createSeedData, DEMO_OPPORTUNITY_IDS, ORG_ID, USER_IDS } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { browserPool, startOrg } from './fixtures';
import { optionsUrl, popupUrl } from './harness';
import { activePage, attributionForm, attributionItems, panel, tag, warmthBadge } from './pages';

let production: FakeOrg;
let sandbox: FakeOrg;
const browsers = browserPool();

const DEAL = DEMO_OPPORTUNITY_IDS.newThisWeek;

beforeAll(async () => {
  const now = new Date();
  production = await startOrg({ data: createSeedData(now) });
  const copy = createSeedData(now);
  // The sandbox `uat` of `acme`: enhanced-domain hosts `acme--uat.sandbox.lightning.force.com` and
  // `acme--uat.sandbox.my.salesforce.com`, and an org id of its own.
  copy.org.MyDomain = 'acme--uat.sandbox';
  copy.org.Id = toId18('00DAk000002sbox')!;
  sandbox = await startOrg({ data: copy });
});
afterAll(async () => {
  await Promise.all([production?.close(), sandbox?.close()]);
});
afterEach(browsers.closeAll);

async function signIn(page: Page, org: FakeOrg, id: string): Promise<void> {
  await page.goto(org.frontdoorUrl(org.rest.createSession(USER_IDS.jordanKim), `/lightning/r/Opportunity/${id}/view`));
  await attributionForm(page).waitFor();
}

const partnerNames = (page: Page) => attributionItems(page).allTextContents();
const records = (org: FakeOrg) => org.state.customObjects.Partner_Attribution__c.records;

describe('a sandbox and production with the same record ids', () => {
  it('never show each other’s claims in the panel, the badges or the weekly summary', async () => {
    const browser = await browsers.launch();
    const page = await browser.context.newPage();

    // Production: Northwind sourced the deal, and the claim reaches production's org.
    await signIn(page, production, DEAL);
    await tag(page, 'Northwind Systems Integration', { kind: 'Partner-sourced', reasonIfAsked: 'Partner review' });
    await expect.poll(() => records(production).length, { timeout: 20_000 }).toBe(1);
    // The roster joins production's: at once when the first sync came before the tag, or, when the tag came
    // first, once the user merges it from options (docs/roster.md, "First connection").
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser.extensionId));
    if ((await rosterOrg(browser.serviceWorker)) === undefined) {
      const preview = options.getByRole('region', { name: 'Roster merge preview' });
      await preview.getByRole('button', { name: 'Merge into the org roster' }).click({ timeout: 20_000 });
    }
    await expect.poll(() => rosterOrg(browser.serviceWorker), { timeout: 20_000 }).toBe(ORG_ID);

    // The sandbox is copied from production: the same record, the same external id.
    records(sandbox).push(structuredClone(records(production)[0]!));
    await signIn(page, sandbox, DEAL);
    await expect
      .poll(() => partnerNames(page), { timeout: 20_000 })
      .toEqual([expect.stringContaining('Northwind Systems Integration')]);
    // A tester in the sandbox adds Globex; the change goes to the sandbox only.
    await tag(page, 'Globex Cloud Reseller', { kind: 'Partner-influenced', reasonIfAsked: 'Partner review' });
    await expect
      .poll(() => records(sandbox).filter((r) => r['Partner_Name__c'] === 'Globex Cloud Reseller').length, {
        timeout: 20_000,
      })
      .toBe(1);
    expect(records(production).map((r) => r['Partner_Name__c'])).toEqual(['Northwind Systems Integration']);
    // The partner roster is kept with production, whose roster it joined first: on the sandbox's pages, options
    // say so, and nothing is written to the sandbox's roster.
    await options.reload();
    const kept = options.getByRole('region', { name: 'Roster kept with another org' });
    await kept.getByRole('heading', { name: 'This roster belongs to acme', exact: true }).waitFor({ timeout: 20_000 });
    expect(sandbox.state.customObjects.Partner_Ledger_Partner__c.records).toEqual([]);
    await options.close();

    // Back in production: the panel and the record badge know only production's claim.
    await page.goto(production.opportunityUrl(DEAL));
    await attributionForm(page).waitFor();
    await expect.poll(() => partnerNames(page)).toHaveLength(1);
    expect((await partnerNames(page))[0]).toContain('Northwind Systems Integration');
    // (The partner roster is this browser's, so Globex is still offered as a partner to pick.)
    expect(await panel(page).getByRole('list', { name: 'Attributions' }).textContent()).not.toContain('Globex');
    const badge = warmthBadge(activePage(page));
    await badge.waitFor({ state: 'visible' });
    expect(await badge.getAttribute('aria-label')).toMatch(/Sourced by Northwind Systems Integration/);
    expect(await badge.getAttribute('aria-label')).not.toContain('Globex');

    // The weekly summary is of production, the org of the last page seen.
    const popup = await browser.context.newPage();
    await popup.goto(popupUrl(browser.extensionId));
    const byPartner = popup.getByRole('table', { name: 'By partner' });
    await expect.poll(() => byPartner.textContent(), { timeout: 20_000 }).toContain('Northwind Systems Integration');
    expect(await byPartner.textContent()).not.toContain('Globex Cloud Reseller');
  });

  it('keeps the rows of an org whose My Domain was renamed: the same org id is the same ledger', async () => {
    const browser = await browsers.launch();
    const page = await browser.context.newPage();
    await signIn(page, production, DEAL);
    await tag(page, 'Initech Technology Alliance', { kind: 'Partner-influenced', reasonIfAsked: 'Partner review' });
    await expect
      .poll(() => records(production).filter((r) => r['Partner_Name__c'] === 'Initech Technology Alliance').length, {
        timeout: 20_000,
      })
      .toBe(1);
    // The admin renames My Domain `acme` to `acme-corp`: the same org, its records and ids, on new hosts.
    const renamed = await startOrg({
      data: { ...production.state, org: { ...production.state.org, MyDomain: 'acme-corp' } },
    });
    try {
      await signIn(page, renamed, DEAL);
      await expect
        .poll(() => partnerNames(page), { timeout: 20_000 })
        .toContainEqual(expect.stringContaining('Initech Technology Alliance'));
      // Kept once, under the org's id: the renamed domain found the rows rather than pulling a second copy.
      await expect.poll(() => storedOrgKeys(browser.serviceWorker), { timeout: 20_000 }).toContain('acme-corp');
      const rows = await attributionOrgKeys(browser.serviceWorker);
      expect(rows.filter((row) => row.partner === 'Initech').map((row) => row.orgKey)).toEqual([ORG_ID]);
    } finally {
      await renamed.close();
    }
  });
});

type Worker = Awaited<ReturnType<typeof browsers.launch>>['serviceWorker'];

/** The My Domains whose org id the extension has learnt (its `orgIds` setting), read from its IndexedDB. */
function storedOrgKeys(worker: Worker): Promise<string[]> {
  return worker.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('partner-ledger');
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('orgIds');
          get.onsuccess = () => {
            open.result.close();
            resolve(Object.keys(get.result?.value ?? {}));
          };
        };
      }),
  );
}

/** The org this browser's partner roster is kept with (its `rosterOrg` setting), read from its IndexedDB. */
function rosterOrg(worker: Worker): Promise<string | undefined> {
  return worker.evaluate(
    () =>
      new Promise<string | undefined>((resolve) => {
        const open = indexedDB.open('partner-ledger');
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('rosterOrg');
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result?.value);
          };
        };
      }),
  );
}

/** Each stored claim's org key and partner (by the partner's first word), read from the extension's IndexedDB. */
function attributionOrgKeys(worker: Worker): Promise<{ orgKey: string; partner: string }[]> {
  return worker.evaluate(
    () =>
      new Promise<{ orgKey: string; partner: string }[]>((resolve) => {
        const open = indexedDB.open('partner-ledger');
        open.onsuccess = () => {
          const tx = open.result.transaction(['attributions', 'partners']);
          const rows = tx.objectStore('attributions').getAll();
          const partners = tx.objectStore('partners').getAll();
          tx.oncomplete = () => {
            open.result.close();
            const names = new Map(partners.result.map((p: { id: string; name: string }) => [p.id, p.name]));
            resolve(
              rows.result.map((row: { orgKey: string; partnerId: string }) => ({
                orgKey: row.orgKey,
                partner: String(names.get(row.partnerId) ?? '').split(' ')[0]!,
              })),
            );
          };
        };
      }),
  );
}
