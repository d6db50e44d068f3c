import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_OPPORTUNITY_IDS,
  FLAGSHIP_OPPORTUNITY_NAME,
  HTML_OPPORTUNITY_NAME,
  findOpportunity,
  makeRecordId,
} from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { startOrg } from './fixtures';
import { launchExtension, popupUrl, type LaunchedExtension } from './harness';
import { attributionForm as form, attributionItems, composedTexts, openOpportunity, panel, tag } from './pages';

let org: FakeOrg;
let browser: LaunchedExtension | undefined;

beforeAll(async () => {
  org = await startOrg();
});
afterAll(async () => {
  await org?.close();
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const nameOf = (id: string) => findOpportunity(org.state, id)!.Name;

describe('opportunity panel in real Chromium', () => {
  it('appears on an opportunity page with the name read from the page, and not on other pages', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    await openOpportunity(page, org, DEMO_OPPORTUNITY_IDS.flagship);
    await expect.poll(() => panel(page).getByRole('heading', { name: FLAGSHIP_OPPORTUNITY_NAME }).count()).toBe(1);
    expect(await panel(page).getByText('No partner attribution yet').isVisible()).toBe(true);
    expect(await page.locator('partner-ledger-panel').count()).toBe(1);

    // An Account page and the opportunity list view get no panel.
    const account = findOpportunity(org.state, DEMO_OPPORTUNITY_IDS.flagship)!.AccountId;
    await page.goto(`${org.lightningOrigin}/lightning/r/Account/${account}/view`);
    await page.waitForSelector('.windowViewMode-normal.active records-highlights2');
    await page.goto(`${org.lightningOrigin}/lightning/o/Opportunity/list?filterName=Recent`);
    await page.waitForSelector('.windowViewMode-normal.active tr[data-row-key-value]');
    await page.waitForTimeout(300); // give a wrongly included feature the time to show up
    expect(await page.locator('partner-ledger-panel').count()).toBe(0);
  });

  it('shows no panel and no error noise for unknown or malformed opportunity ids', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    const errors: string[] = [];
    // Our own log lines all start with "[Partner Ledger]"; uncaught errors surface as page errors.
    page.on('console', (message) => {
      if (message.text().includes('Partner Ledger')) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const unknown = makeRecordId('006', 9_999); // well-formed, but no such record in the org
    for (const path of [
      `/lightning/r/Opportunity/${unknown}/view`,
      '/lightning/r/Opportunity/006NOTANID/view',
      `/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship.slice(0, 17)}X/view`,
    ]) {
      await page.goto(`${org.lightningOrigin}${path}`);
      await page.evaluate(() =>
        (window as unknown as { __fakeOrg: { whenRendered(): Promise<void> } }).__fakeOrg.whenRendered(),
      );
      await page.waitForTimeout(300);
      expect(await page.locator('partner-ledger-panel').count(), path).toBe(0);
    }
    await page.goto(org.classicOpportunityUrl(unknown));
    await page.waitForTimeout(300);
    expect(await page.locator('partner-ledger-panel').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('saves a tag that survives a reload and a browser restart with the same profile, and the popup counts it', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'pl-profile-'));
    try {
      browser = await launchExtension({ userDataDir: profile });
      let page = await browser.context.newPage();
      await openOpportunity(page, org, DEMO_OPPORTUNITY_IDS.flagship);
      await tag(page, 'Northwind Systems Integration', {
        kind: 'Partner-sourced',
        note: 'Intro from their CIO on 3 Nov',
        waitUntilSaved: false,
      });
      const list = panel(page).getByRole('list', { name: 'Attributions' });
      await list.getByRole('button', { name: 'Remove Northwind Systems Integration' }).waitFor();
      expect(await list.textContent()).toContain('Partner-sourced');

      await page.reload();
      await panel(page).getByRole('button', { name: 'Remove Northwind Systems Integration' }).waitFor();

      await browser.close();
      browser = await launchExtension({ userDataDir: profile });
      page = await browser.context.newPage();
      await openOpportunity(page, org, DEMO_OPPORTUNITY_IDS.flagship);
      const item = attributionItems(page).filter({ hasText: 'Northwind Systems Integration' });
      await item.waitFor();
      expect(await item.textContent()).toContain('Intro from their CIO on 3 Nov');

      // The popup's weekly summary counts it in the week the opportunity was created (read from the page).
      const created = new Date(findOpportunity(org.state, DEMO_OPPORTUNITY_IDS.flagship)!.CreatedDate);
      const day = `${created.getFullYear()}-${String(created.getMonth() + 1).padStart(2, '0')}-${String(created.getDate()).padStart(2, '0')}`;
      const popup = await browser.context.newPage();
      await popup.goto(`${popupUrl(browser.extensionId)}?week=${day}`);
      const sourced = popup.getByRole('group', { name: 'Partner-sourced pipeline' });
      await expect.poll(() => sourced.textContent(), { timeout: 10_000 }).toContain('1 opportunity');
      expect(await popup.getByRole('table', { name: 'By partner' }).textContent()).toContain(
        'Northwind Systems Integration',
      );
      expect(await popup.getByRole('link', { name: 'Options' }).getAttribute('href')).toMatch(/options\.html$/);
    } finally {
      await browser?.close();
      browser = undefined;
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('refuses a second partner-sourced tag with a clear message and accepts an influencer', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    await openOpportunity(page, org, DEMO_OPPORTUNITY_IDS.partnerReferral);
    await panel(page)
      .getByText(/attribution locked on/)
      .waitFor();
    await tag(page, 'Globex Cloud Reseller', {
      kind: 'Partner-sourced',
      reason: 'Tagging existing pipeline',
      waitUntilSaved: false,
    });
    await panel(page).getByRole('button', { name: 'Remove Globex Cloud Reseller' }).waitFor();
    await tag(page, 'Initech Technology Alliance', {
      kind: 'Partner-sourced',
      reason: 'Tagging existing pipeline',
      waitUntilSaved: false,
    });
    const alert = panel(page).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('already partner-sourced by Globex Cloud Reseller');
    expect(await attributionItems(page).count()).toBe(1);

    await form(page).getByRole('radio', { name: 'Partner-influenced' }).check();
    await form(page).getByRole('button', { name: 'Save attribution' }).click();
    await panel(page).getByRole('button', { name: 'Remove Initech Technology Alliance' }).waitFor();
    expect(await panel(page).getByRole('alert').count()).toBe(0);

    // The Partner combobox offers partners already used (now in the roster) and a new one inline.
    const combo = form(page).getByRole('combobox', { name: 'Partner' });
    await combo.fill('glob');
    const options = panel(page).getByRole('listbox', { name: 'Partners' }).getByRole('option');
    await expect
      .poll(() => options.allTextContents())
      .toEqual(['Globex Cloud Reseller', 'Add “glob” as a new partner']);
    await combo.press('ArrowDown');
    await combo.press('Enter');
    expect(await combo.inputValue()).toBe('Globex Cloud Reseller');
    await combo.fill('');

    // Removing after the lock asks for a reason first.
    await panel(page).getByRole('button', { name: 'Remove Globex Cloud Reseller' }).click();
    await panel(page).getByLabel('Reason for removing Globex Cloud Reseller').fill('Registration expired');
    await panel(page).getByRole('button', { name: 'Confirm removal' }).click();
    await expect.poll(() => attributionItems(page).count()).toBe(1);
    expect(await panel(page).getByRole('region', { name: 'History' }).textContent()).toContain(
      'Why: Registration expired',
    );
  });

  it('follows SPA navigation to another opportunity and ignores the hidden earlier page', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    await openOpportunity(page, org, DEMO_OPPORTUNITY_IDS.flagship);
    await tag(page, 'Northwind Systems Integration', {
      kind: 'Partner-influenced',
      note: 'Joint call',
      waitUntilSaved: false,
    });
    await panel(page).getByRole('button', { name: 'Remove Northwind Systems Integration' }).waitFor();
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));

    const target = DEMO_OPPORTUNITY_IDS.closedWon;
    await page.evaluate(
      (path) => (window as unknown as { __fakeOrg: { navigate(p: string): Promise<void> } }).__fakeOrg.navigate(path),
      `/lightning/r/Opportunity/${target}/view`,
    );
    await panel(page)
      .getByRole('heading', { name: nameOf(target) })
      .waitFor();
    expect(await panel(page).getByText('No partner attribution yet').isVisible()).toBe(true);
    expect(loads).toEqual([]); // it was an in-app navigation, not a page load
    // The earlier page is still in the DOM, hidden, with its own title: the panel did not read it.
    const hiddenTitles = await composedTexts(
      page.locator('.windowViewMode-normal:not(.active) records-highlights2 h1'),
    );
    expect(hiddenTitles).toContain(FLAGSHIP_OPPORTUNITY_NAME);
    expect(await page.locator('partner-ledger-panel').count()).toBe(1);

    // Through the account page (no panel) and back by the browser's Back button twice.
    await page.goBack();
    await panel(page).getByRole('heading', { name: FLAGSHIP_OPPORTUNITY_NAME }).waitFor();
    await panel(page).getByRole('button', { name: 'Remove Northwind Systems Integration' }).waitFor();
    await page.evaluate(() =>
      (window as unknown as { __fakeOrg: { navigate(p: string): Promise<void> } }).__fakeOrg.navigate(
        '/lightning/o/Opportunity/list?filterName=Recent',
      ),
    );
    await expect.poll(() => page.locator('partner-ledger-panel').count()).toBe(0);
  });

  it('works on a console URL, a 15-character id and a Classic opportunity page', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    const id = DEMO_OPPORTUNITY_IDS.closedLost;
    const accountId = findOpportunity(org.state, id)!.AccountId;
    await page.goto(
      `${org.lightningOrigin}/lightning/r/Opportunity/${id.slice(0, 15)}/view?ws=${encodeURIComponent(`/lightning/r/Account/${accountId}/view`)}`,
    );
    await panel(page)
      .getByRole('heading', { name: nameOf(id) })
      .waitFor();
    await tag(page, 'Globex Cloud Reseller', {
      kind: 'Partner-influenced',
      // Not connected, so the page's numeric created date is not guessed at: the lock may not apply.
      reasonIfAsked: 'Closed-lost review',
      waitUntilSaved: false,
    });
    await panel(page).getByRole('button', { name: 'Remove Globex Cloud Reseller' }).waitFor();

    await page.goto(org.classicOpportunityUrl(id.slice(0, 15)));
    await panel(page)
      .getByRole('heading', { name: nameOf(id) })
      .waitFor();
    // Same opportunity (15 and 18 characters are one record), so the same tag.
    await panel(page).getByRole('button', { name: 'Remove Globex Cloud Reseller' }).waitFor();
  });

  it('renders names containing HTML as text and runs none of it', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await openOpportunity(page, org, DEMO_OPPORTUNITY_IDS.htmlName);
    await panel(page).getByRole('heading', { name: HTML_OPPORTUNITY_NAME }).waitFor();
    await tag(page, '<b onmouseover=alert(2)>Evil</b> Partners', {
      kind: 'Partner-influenced',
      note: '<script>alert(3)</script>',
      waitUntilSaved: false,
    });
    await panel(page).getByRole('button', { name: 'Remove <b onmouseover=alert(2)>Evil</b> Partners' }).waitFor();
    const injected = await page
      .locator('partner-ledger-panel')
      .evaluate((host) => host.shadowRoot!.querySelectorAll('img, b, script').length);
    expect(injected).toBe(0);
    expect(dialogs).toBe(0);
  });

  it('collapses to a tab, is keyboard-usable, and remembers the state', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    await openOpportunity(page, org, DEMO_OPPORTUNITY_IDS.flagship);
    const toggle = panel(page).getByRole('button', { name: 'Partner attribution' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await form(page).count()).toBe(0);

    await page.reload();
    await panel(page).waitFor();
    expect(await panel(page).getByRole('button', { name: 'Partner attribution' }).getAttribute('aria-expanded')).toBe(
      'false',
    );

    // Keyboard only: open, type a partner, pick the kind with arrows, save with Enter.
    await panel(page).getByRole('button', { name: 'Partner attribution' }).press('Enter');
    await form(page).getByLabel('Partner', { exact: true }).focus();
    await page.keyboard.type('Tailspin Partners');
    await page.keyboard.press('Tab'); // to the radio group
    await page.keyboard.press('Space');
    await form(page).getByRole('button', { name: 'Save attribution' }).focus();
    await page.keyboard.press('Enter');
    await panel(page).getByRole('button', { name: 'Remove Tailspin Partners' }).waitFor();
    // Escape collapses the panel again.
    await form(page).getByLabel('Note').focus();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => panel(page).getByRole('button', { name: 'Partner attribution' }).getAttribute('aria-expanded'))
      .toBe('false');
  });
});
