// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCertificate } from '../../fake-org/certs';
import { createSeedData, DEMO_OPPORTUNITY_IDS, HTML_OPPORTUNITY_NAME, type OrgData } from '../../fake-org/data';
import { sendHtml } from '../../fake-org/router';
import { startFakeOrg, type FakeOrg } from '../../fake-org/server';
import { classicHost, fetchPage, lightningHost } from './helpers';

let org: FakeOrg;

beforeAll(async () => {
  org = await startFakeOrg({ port: 0 });
});

afterAll(async () => {
  await org?.close();
});

const ESCAPED_HTML_NAME = '&lt;img src=x onerror=alert(1)&gt; Initech &amp; Co &quot;expansion&quot;';

function embeddedData(body: string): { data: OrgData; ui: { renderDelayMs: number } } {
  const match = /<script type="application\/json" id="fake-org-data">([\s\S]*?)<\/script>/.exec(body);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!) as { data: OrgData; ui: { renderDelayMs: number } };
}

describe('fake org server', () => {
  it('listens on a random port and names the Salesforce origins', () => {
    expect(org.port).toBeGreaterThan(0);
    expect(org.lightningOrigin).toBe(`https://acme.lightning.force.com:${org.port}`);
    expect(org.classicOrigin).toBe(`https://acme.my.salesforce.com:${org.port}`);
    expect(org.opportunityUrl(DEMO_OPPORTUNITY_IDS.flagship)).toBe(
      `${org.lightningOrigin}/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/view`,
    );
    expect(org.classicOpportunityUrl('006Ka00000001Qz')).toBe(`${org.classicOrigin}/006Ka00000001Qz`);
  });

  it('serves the Lightning shell for record, list and legacy paths, with the org data embedded', async () => {
    for (const path of [
      `/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/view`,
      `/lightning/r/${DEMO_OPPORTUNITY_IDS.flagship}/edit`,
      '/lightning/o/Opportunity/list?filterName=Recent',
      '/one/one.app',
    ]) {
      const page = await fetchPage(org, lightningHost(org), path);
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('id="auraLoadingBox"');
      expect(page.body).toContain('class="oneCenterStage"');
      expect(page.body).toContain('<script src="/_fake-org/lightning-app.js"></script>');
      const boot = embeddedData(page.body);
      expect(boot.data.opportunities).toHaveLength(org.state.opportunities.length);
      expect(boot.ui.renderDelayMs).toBe(org.ui.renderDelayMs);
    }
  });

  it('embeds names with HTML so they cannot close the script element, and they round-trip', async () => {
    const page = await fetchPage(org, lightningHost(org), '/lightning/page/home');
    const json = /id="fake-org-data">([\s\S]*?)<\/script>/.exec(page.body)![1]!;
    expect(json).not.toContain('<img');
    expect(json).toContain('\\u003cimg src=x onerror=alert(1)\\u003e');
    expect(embeddedData(page.body).data.opportunities.map((o) => o.Name)).toContain(HTML_OPPORTUNITY_NAME);
  });

  it('serves the app script and style', async () => {
    const script = await fetchPage(org, lightningHost(org), '/_fake-org/lightning-app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.body).toContain('window.__fakeOrg');
    const style = await fetchPage(org, lightningHost(org), '/_fake-org/lightning.css');
    expect(style.headers['content-type']).toMatch(/^text\/css/);
  });

  it('redirects the Lightning root to home', async () => {
    const page = await fetchPage(org, lightningHost(org), '/');
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/lightning/page/home');
  });

  it('renders the Classic opportunity page with the name escaped, by 15- or 18-character id', async () => {
    for (const id of [DEMO_OPPORTUNITY_IDS.htmlName, DEMO_OPPORTUNITY_IDS.htmlName.slice(0, 15)]) {
      const page = await fetchPage(org, classicHost(org), `/${id}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatch(/<body class="[^"]*\bsfdcBody\b/);
      expect(page.body).toContain('<h1 class="pageType">Opportunity</h1>');
      expect(page.body).toContain(`<h2 class="pageDescription">${ESCAPED_HTML_NAME}</h2>`);
      expect(page.body).not.toContain('<img src=x');
      expect(page.body).toContain('<td class="labelCol">Amount</td>');
      expect(page.body).toContain('$48,500.00');
    }
    const flagship = await fetchPage(org, classicHost(org), `/${DEMO_OPPORTUNITY_IDS.flagship.slice(0, 15)}`);
    expect(flagship.body).toContain('$120,000.00');
    expect(flagship.body).toMatch(
      /<td class="labelCol">Created By<\/td><td class="dataCol[^"]*"><a [^>]*>Dana Reyes<\/a>, \d+\/\d+\/\d{4} \d+:\d{2} [AP]M/,
    );
  });

  it('answers an unknown record id in Classic with "Data Not Available"', async () => {
    const page = await fetchPage(org, classicHost(org), '/006Ka00000ZZZQz');
    expect(page.status).toBe(404);
    expect(page.body).toContain('Data Not Available');
    expect(page.body).toContain('sfdcBody');
  });

  it('answers unknown paths, hosts and methods with errors', async () => {
    expect((await fetchPage(org, classicHost(org), '/no/such/page')).status).toBe(404);
    expect((await fetchPage(org, lightningHost(org), '/no/such/page')).status).toBe(404);
    expect((await fetchPage(org, lightningHost(org), '/_fake-org/missing.js')).status).toBe(404);
    expect((await fetchPage(org, classicHost(org), `/${DEMO_OPPORTUNITY_IDS.flagship}`, 'POST')).status).toBe(405);
    const unknown = await fetchPage(org, '127.0.0.1', '/lightning/page/home');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain(org.lightningOrigin);
  });

  it('answers for sandbox hosts too', async () => {
    const page = await fetchPage(org, 'acme--uat.sandbox.lightning.force.com', '/lightning/page/home');
    expect(page.status).toBe(200);
  });

  it('renders from the mutable state and accepts more routes', async () => {
    const opportunity = org.state.opportunities.find((o) => o.Id === DEMO_OPPORTUNITY_IDS.flagship)!;
    const before = opportunity.Name;
    opportunity.Name = 'Renamed & reopened';
    try {
      const page = await fetchPage(org, classicHost(org), `/${opportunity.Id}`);
      expect(page.body).toContain('Renamed &amp; reopened');
    } finally {
      opportunity.Name = before;
    }
    org.router.prepend({
      host: 'mydomain',
      path: '/services/data/',
      handler: ({ res }) => sendHtml(res, 503, 'maintenance'),
    });
    expect((await fetchPage(org, classicHost(org), '/services/data/')).status).toBe(503);
  });

  it('can be started with its own data and closes promptly with open connections', async () => {
    const data = createSeedData(new Date(2026, 0, 15, 12));
    data.org.MyDomain = 'globex';
    const other = await startFakeOrg({ port: 0, data, ui: { renderDelayMs: 0 } });
    const keepAlive = new Agent({ keepAlive: true });
    try {
      expect(other.lightningOrigin).toBe(`https://globex.lightning.force.com:${other.port}`);
      const page = await fetchPage(other, lightningHost(other), '/lightning/page/home', 'GET', keepAlive);
      expect(embeddedData(page.body).ui.renderDelayMs).toBe(0);
      expect(page.headers.connection).toBe('keep-alive');
    } finally {
      const started = Date.now();
      await other.close();
      expect(Date.now() - started).toBeLessThan(1000);
      keepAlive.destroy();
    }
  });

  it('fails clearly when the port is taken', async () => {
    await expect(startFakeOrg({ port: org.port })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('fake org certificate', () => {
  it('is generated once with the Salesforce host names and then reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-org-certs-test-'));
    try {
      const certDir = join(dir, 'certs');
      const first = ensureCertificate(certDir);
      expect(first.created).toBe(true);
      const second = ensureCertificate(certDir);
      expect(second.created).toBe(false);
      expect(second.cert).toBe(first.cert);
      expect(second.key).toBe(first.key);
      expect(readFileSync(second.certPath, 'utf8')).toBe(first.cert);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is reused by the server from the repository .tmp folder', () => {
    const again = ensureCertificate();
    expect(again.created).toBe(false);
    expect(again.certPath).toMatch(/\.tmp[\\/]fake-org-certs[\\/]cert\.pem$/);
  });
});
