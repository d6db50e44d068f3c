import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, USER_IDS, type CustomRecord } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { startOrg } from './fixtures';
import { API_UNREACHABLE_RULES, launchExtension, optionsUrl, type LaunchedExtension } from './harness';
import { attributionForm as form, panel, tag } from './pages';

let org: FakeOrg;
const browsers: LaunchedExtension[] = [];
const profiles: string[] = [];

beforeAll(async () => {
  org = await startOrg();
});
afterAll(async () => {
  await org?.close();
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await Promise.all(profiles.splice(0).map((p) => rm(p, { recursive: true, force: true })));
});

const OPP = DEMO_OPPORTUNITY_IDS.flagship; // created 12 days ago: not locked
const records = (): CustomRecord[] => org.state.customObjects.Partner_Attribution__c.records;

async function open(options: { userDataDir?: string; offline?: boolean } = {}) {
  const browser = await launchExtension({
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
    ...(options.offline ? { hostResolverRules: API_UNREACHABLE_RULES } : {}),
  });
  browsers.push(browser);
  return browser;
}

/** Signs in as a user the way Salesforce does after login: frontdoor sets the session cookie, then Lightning. */
async function signIn(
  browser: LaunchedExtension,
  userId: string,
  path = `/lightning/r/Opportunity/${OPP}/view`,
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(org.frontdoorUrl(org.rest.createSession(userId), path));
  await form(page).waitFor();
  return page;
}

const touchesIn = (record: CustomRecord | undefined) =>
  (JSON.parse(String(record?.['Touches__c'] ?? '[]')) as { note: string; deleted: boolean }[])
    .filter((t) => !t.deleted)
    .map((t) => t.note)
    .sort();

describe('two people, one org', () => {
  it('the partner manager tags an opportunity and the AE sees it when opening the record', async () => {
    const pm = await open();
    const pmPage = await signIn(pm, USER_IDS.jordanKim);
    await tag(pmPage, 'Northwind Systems Integration', { note: 'Joint call with their CIO' });

    // Within seconds, the attribution is a Partner_Attribution__c record written with the PM's own session.
    await expect.poll(() => records().length, { timeout: 20_000 }).toBe(1);
    const record = records()[0]!;
    expect(record).toMatchObject({
      Partner_Name__c: 'Northwind Systems Integration',
      Kind__c: 'influenced',
      Deleted__c: false,
    });
    expect(record['LastModifiedById']).toBe(USER_IDS.jordanKim);

    // The PM's options page says who is connected to which org.
    const options = await pm.context.newPage();
    await options.goto(optionsUrl(pm.extensionId));
    const connection = options.getByRole('region', { name: 'Salesforce connection' });
    await expect.poll(() => connection.textContent(), { timeout: 10_000 }).toContain('Jordan Kim');

    // The AE, on another machine, opens the opportunity: the tag is there, with its evidence.
    const ae = await open();
    const aePage = await signIn(ae, USER_IDS.danaReyes);
    await panel(aePage)
      .getByRole('button', { name: 'Remove Northwind Systems Integration' })
      .waitFor({ timeout: 15_000 });
    expect(await panel(aePage).getByRole('list', { name: 'Attributions' }).textContent()).toContain(
      'Joint call with their CIO',
    );
    // The panel uses the org's facts for the opportunity: amount and stage, and what the share is worth.
    expect(
      await panel(aePage)
        .getByText(/from Salesforce/)
        .textContent(),
    ).toBe('120,000 · Negotiation/Review · from Salesforce');
    expect(await panel(aePage).getByRole('list', { name: 'Attributions' }).textContent()).toContain(
      'Influence credit 100 % (120,000)',
    );
  });

  it('an AE who was offline and the partner manager both edit, and both changes survive everywhere', async () => {
    const aeProfile = await mkdtemp(join(tmpdir(), 'pl-ae-'));
    profiles.push(aeProfile);

    // Both start from the same synced tag.
    const pm = await open();
    const pmPage = await signIn(pm, USER_IDS.jordanKim);
    await tag(pmPage, 'Globex Cloud Reseller', { note: 'Co-sell intro' });
    await expect
      .poll(() => records().filter((r) => r['Partner_Name__c'] === 'Globex Cloud Reseller').length, { timeout: 20_000 })
      .toBe(1);
    let ae = await open({ userDataDir: aeProfile });
    let aePage = await signIn(ae, USER_IDS.danaReyes);
    await panel(aePage).getByRole('button', { name: 'Remove Globex Cloud Reseller' }).waitFor({ timeout: 15_000 });
    await ae.close();

    // The AE's laptop loses the org's API (Lightning still opens from cache) and logs a touch.
    ae = await open({ userDataDir: aeProfile, offline: true });
    aePage = await ae.context.newPage();
    await aePage.goto(org.opportunityUrl(OPP));
    await panel(aePage).getByRole('button', { name: 'Add touch for Globex Cloud Reseller' }).click();
    const aeTouch = panel(aePage).getByRole('form', { name: 'Add partner touch' });
    await aeTouch.getByLabel('Note').fill('AE: pricing call with procurement');
    await aeTouch.getByRole('button', { name: 'Save touch' }).click();
    await expect
      .poll(() =>
        panel(aePage).getByRole('list', { name: 'Touches of Globex Cloud Reseller' }).getByRole('listitem').count(),
      )
      .toBe(2);

    // Meanwhile the partner manager logs another touch on the same attribution, which reaches the org.
    await panel(pmPage).getByRole('button', { name: 'Add touch for Globex Cloud Reseller' }).click();
    const pmTouch = panel(pmPage).getByRole('form', { name: 'Add partner touch' });
    await pmTouch.getByLabel('Note').fill('PM: partner exec sponsor joined');
    await pmTouch.getByRole('button', { name: 'Save touch' }).click();
    const globex = () => records().find((r) => r['Partner_Name__c'] === 'Globex Cloud Reseller');
    await expect.poll(() => touchesIn(globex()), { timeout: 20_000 }).toContain('PM: partner exec sponsor joined');
    expect(touchesIn(globex())).not.toContain('AE: pricing call with procurement');
    await ae.close();

    // Back online: the AE's browser merges, pushes its touch, and both keep both touches.
    ae = await open({ userDataDir: aeProfile });
    aePage = await signIn(ae, USER_IDS.danaReyes);
    const options = await ae.context.newPage();
    await options.goto(optionsUrl(ae.extensionId));
    await options.getByRole('button', { name: 'Sync now' }).click();
    // The first touch was saved with the attribution itself (its note is the attribution's).
    await expect
      .poll(() => touchesIn(globex()), { timeout: 20_000 })
      .toEqual(['', 'AE: pricing call with procurement', 'PM: partner exec sponsor joined']);
    await aePage.reload();
    const aeTouches = panel(aePage).getByRole('list', { name: 'Touches of Globex Cloud Reseller' });
    await expect.poll(() => aeTouches.textContent(), { timeout: 15_000 }).toContain('PM: partner exec sponsor joined');
    expect(await aeTouches.textContent()).toContain('AE: pricing call with procurement');

    // The PM's browser picks up the AE's touch at its next sync.
    const pmOptions = await pm.context.newPage();
    await pmOptions.goto(optionsUrl(pm.extensionId));
    await pmOptions.getByRole('button', { name: 'Sync now' }).click();
    await pmPage.reload();
    await expect
      .poll(() => panel(pmPage).getByRole('list', { name: 'Touches of Globex Cloud Reseller' }).textContent(), {
        timeout: 15_000,
      })
      .toContain('AE: pricing call with procurement');
  });

  it('a broken answer from the org loses nothing: options say why, the change waits, and goes when it can', async () => {
    const pm = await open();
    const page = await signIn(pm, USER_IDS.jordanKim);
    const before = records().length;
    // Salesforce bounces the session to its login page instead of answering the upsert.
    org.rest.faults.add({ method: 'PATCH', path: '/composite/sobjects', htmlLoginPage: true, persistent: true });
    await tag(page, 'Initech Technology Alliance', { note: 'Evaluation support' });

    const options = await pm.context.newPage();
    await options.goto(optionsUrl(pm.extensionId));
    const connection = options.getByRole('region', { name: 'Salesforce connection' });
    await expect.poll(() => connection.textContent(), { timeout: 20_000 }).toMatch(/session has (ended|expired)/i);
    // The new claim waits, with any sibling claims on the deal whose credited amount it changed.
    expect(await connection.textContent()).toMatch(/[1-9]\d* changes? waiting to sync/);
    expect(records().length).toBe(before);
    // Still there locally.
    await page.reload();
    await panel(page).getByRole('button', { name: 'Remove Initech Technology Alliance' }).waitFor();

    // The session works again (the user reloaded Salesforce): the waiting change goes through.
    org.rest.faults.clear();
    await options.getByRole('button', { name: 'Check again' }).click();
    await options.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => records().filter((r) => r['Partner_Name__c'] === 'Initech Technology Alliance').length, {
        timeout: 20_000,
      })
      .toBe(1);
    await expect.poll(() => connection.textContent(), { timeout: 10_000 }).toContain('No changes waiting to sync');
  });
});
