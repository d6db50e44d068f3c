import { describe, expect, it } from 'vitest';
import {
  getApiHost,
  isProxiedHost,
  isSalesforcePageHost,
  SALESFORCE_HOST_PERMISSIONS,
  SALESFORCE_UI_MATCHES,
  getLightningHost,
  getOrgKey,
  isClassicHost,
  isLightningHost,
  isSalesforceUiHost,
  isSetupHost,
} from '../../../../lib/crm/salesforce/hosts';

/** Lightning host → [API host, org key]. */
const lightningHosts: Array<[string, string, string]> = [
  ['acme.lightning.force.com', 'acme.my.salesforce.com', 'acme'],
  ['acme--uat.sandbox.lightning.force.com', 'acme--uat.sandbox.my.salesforce.com', 'acme--uat'],
  ['acme-dev-ed.develop.lightning.force.com', 'acme-dev-ed.develop.my.salesforce.com', 'acme-dev-ed'],
  ['power-drive-1234.scratch.lightning.force.com', 'power-drive-1234.scratch.my.salesforce.com', 'power-drive-1234'],
  ['acme.trailblaze.lightning.force.com', 'acme.trailblaze.my.salesforce.com', 'acme'],
  ['acme.lightning.pc-rnd.force.com', 'acme.my.pc-rnd.salesforce.com', 'acme'],
  ['acme--uat.sandbox.lightning.pc-rnd.force.com', 'acme--uat.sandbox.my.pc-rnd.salesforce.com', 'acme--uat'],
  ['army.lightning.force.mil', 'army.my.salesforce.mil', 'army'],
  ['navy.lightning.crmforce.mil', 'navy.my.salesforce.mil', 'navy'],
  ['acme.lightning.sfcrmapps.cn', 'acme.my.sfcrmproducts.cn', 'acme'],
  ['acme--uat.sandbox.lightning.sfcrmapps.cn', 'acme--uat.sandbox.my.sfcrmproducts.cn', 'acme--uat'],
  ['acme.free.lightning.force.com', 'acme.free.my.salesforce.com', 'acme'],
  ['acme.demo.lightning.force.com', 'acme.demo.my.salesforce.com', 'acme'],
  ['acme--patch1.patch.lightning.force.com', 'acme--patch1.patch.my.salesforce.com', 'acme--patch1'],
];

const classicHosts: Array<[string, string]> = [
  ['acme.my.salesforce.com', 'acme'],
  ['acme--uat.sandbox.my.salesforce.com', 'acme--uat'],
  ['acme-dev-ed.develop.my.salesforce.com', 'acme-dev-ed'],
  ['power-drive-1234.scratch.my.salesforce.com', 'power-drive-1234'],
  ['acme.my.pc-rnd.salesforce.com', 'acme'],
  ['army.my.salesforce.mil', 'army'],
  ['acme.my.sfcrmproducts.cn', 'acme'],
  ['acme.free.my.salesforce.com', 'acme'],
  ['army.my.salesforce.mil', 'army'],
];

const setupHosts: Array<[string, string, string]> = [
  ['acme.my.salesforce-setup.com', 'acme.my.salesforce.com', 'acme'],
  ['acme--uat.sandbox.my.salesforce-setup.com', 'acme--uat.sandbox.my.salesforce.com', 'acme--uat'],
];

const notSalesforce = [
  '',
  'localhost',
  'salesforce.com',
  'login.salesforce.com',
  'test.salesforce.com',
  'help.salesforce.com',
  'my.salesforce.com',
  'lightning.force.com',
  'force.com',
  'evilsalesforce.com',
  'acme.evilsalesforce.com',
  'acme.my.evilsalesforce.com',
  'lightning.force.com.evil.com',
  'acme.lightning.force.com.evil.com',
  'acme.my.salesforce.com.evil.com',
  'acme-lightning.force.com',
  'acme.lightningforce.com',
  'acme.lightning.force.co',
  'acme.lightning.evil.com',
  '-acme.lightning.force.com',
  'acme.vf.force.com',
  'acme--c.vf.force.com',
  'acme.my.site.com',
  'acme.file.force.com',
  'github.com',
  'acme.lightning.force.com/evil',
  'acme.lightning.force.com@evil.com',
];

describe('Lightning hosts', () => {
  it.each(lightningHosts)('%s maps to %s (org %s)', (host, apiHost, orgKey) => {
    expect(isLightningHost(host)).toBe(true);
    expect(isClassicHost(host)).toBe(false);
    expect(isSetupHost(host)).toBe(false);
    expect(isSalesforceUiHost(host)).toBe(true);
    expect(getApiHost(host)).toBe(apiHost);
    expect(getOrgKey(host)).toBe(orgKey);
  });

  it('maps like Inspector’s getMyDomain for commercial and Government Cloud hosts', () => {
    const inspector = (host: string) =>
      host
        .replace(/\.lightning\.force\./, '.my.salesforce.')
        .replace(/\.lightning\.([^.]+)\.force\.com$/, '.my.$1.salesforce.com');
    for (const [host] of lightningHosts.filter(([host]) => /\.lightning\.(force|[^.]+\.force\.com)/.test(host))) {
      expect(getApiHost(host), host).toBe(inspector(host));
    }
  });
});

describe('My Domain (Classic) hosts', () => {
  it.each(classicHosts)('%s is its own API host (org %s)', (host, orgKey) => {
    expect(isClassicHost(host)).toBe(true);
    expect(isLightningHost(host)).toBe(false);
    expect(isSetupHost(host)).toBe(false);
    expect(isSalesforceUiHost(host)).toBe(true);
    expect(getApiHost(host)).toBe(host);
    expect(getOrgKey(host)).toBe(orgKey);
  });
});

describe('Setup hosts', () => {
  it.each(setupHosts)('%s belongs to %s (org %s)', (host, apiHost, orgKey) => {
    expect(isSetupHost(host)).toBe(true);
    expect(isLightningHost(host)).toBe(false);
    expect(isClassicHost(host)).toBe(false);
    expect(isSalesforceUiHost(host)).toBe(true);
    expect(getApiHost(host)).toBe(apiHost);
    expect(getOrgKey(host)).toBe(orgKey);
  });
});

describe('hosts from real URLs', () => {
  it('ignores the port, so the test org on :8443 is the same org', () => {
    const url = new URL('https://acme--uat.sandbox.lightning.force.com:8443/lightning/page/home');
    expect(isLightningHost(url.hostname)).toBe(true);
    expect(isLightningHost(url.host)).toBe(true);
    expect(getApiHost(url.host)).toBe('acme--uat.sandbox.my.salesforce.com');
    expect(getOrgKey(url.host)).toBe('acme--uat');
  });

  it('ignores the trailing dot of a fully qualified name', () => {
    expect(isLightningHost('acme.lightning.force.com.')).toBe(true);
    expect(getApiHost('acme.lightning.force.com.')).toBe('acme.my.salesforce.com');
  });

  it('ignores case', () => {
    expect(isLightningHost('ACME.Lightning.Force.com')).toBe(true);
    expect(getOrgKey('ACME--UAT.sandbox.my.salesforce.com')).toBe('acme--uat');
  });

  it('keeps production and its sandbox apart', () => {
    expect(getOrgKey('acme.lightning.force.com')).not.toBe(getOrgKey('acme--uat.sandbox.lightning.force.com'));
    expect(getOrgKey('acme.lightning.force.com')).toBe(getOrgKey('acme.my.salesforce.com'));
  });
});

describe('hosts that are not an org’s UI', () => {
  it.each(notSalesforce)('rejects %j', (host) => {
    expect(isLightningHost(host)).toBe(false);
    expect(isClassicHost(host)).toBe(false);
    expect(isSetupHost(host)).toBe(false);
    expect(isSalesforceUiHost(host)).toBe(false);
    expect(getApiHost(host)).toBeUndefined();
    expect(getOrgKey(host)).toBeUndefined();
  });

  it('does not throw on values that are not strings', () => {
    for (const value of [undefined, null, 42, {}] as unknown as string[]) {
      expect(isSalesforceUiHost(value)).toBe(false);
      expect(getApiHost(value)).toBeUndefined();
    }
  });
});

describe('getLightningHost', () => {
  it('gives the Lightning host of an org from any of its UI hosts', () => {
    expect(getLightningHost('acme.lightning.force.com')).toBe('acme.lightning.force.com');
    expect(getLightningHost('acme.my.salesforce.com')).toBe('acme.lightning.force.com');
    expect(getLightningHost('acme--uat.sandbox.my.salesforce.com')).toBe('acme--uat.sandbox.lightning.force.com');
    expect(getLightningHost('acme.my.salesforce-setup.com')).toBe('acme.lightning.force.com');
    expect(getLightningHost('acme.my.salesforce.com:8443')).toBe('acme.lightning.force.com');
  });

  it('gives nothing for other hosts, or where the suffix is ambiguous', () => {
    expect(getLightningHost('example.com')).toBeUndefined();
    expect(getLightningHost('acme.my.salesforce.mil')).toBeUndefined();
  });
});

/** True when a manifest match pattern (`https://*.suffix/*`) covers the host, as browsers match it. */
function covers(pattern: string, host: string): boolean {
  const match = /^https:\/\/\*\.([^/]+)\/\*$/.exec(pattern);
  return Boolean(match) && host.endsWith(`.${match?.[1]}`);
}

describe('the manifest, generated from one list of hosts', () => {
  const uiHosts = [...lightningHosts.map(([host]) => host), ...classicHosts.map(([host]) => host)].filter(
    (host) => !host.includes('.pc-rnd.'),
  );

  it.each(uiHosts)('runs the content script on %s, and may read its session where the API lives', (host) => {
    expect(SALESFORCE_UI_MATCHES.some((pattern) => covers(pattern, host))).toBe(true);
    expect(SALESFORCE_HOST_PERMISSIONS.some((pattern) => covers(pattern, host))).toBe(true);
    const apiHost = getApiHost(host) ?? '';
    expect(SALESFORCE_HOST_PERMISSIONS.some((pattern) => covers(pattern, apiHost))).toBe(true);
  });

  it('grants host permissions only where the content script runs', () => {
    for (const permission of SALESFORCE_HOST_PERMISSIONS) expect(SALESFORCE_UI_MATCHES).toContain(permission);
  });

  it('no longer treats sfcrmapps.cn as a My Domain host', () => {
    expect(isClassicHost('acme.my.sfcrmapps.cn')).toBe(false);
    expect(SALESFORCE_HOST_PERMISSIONS).toContain('https://*.my.sfcrmproducts.cn/*');
    expect(SALESFORCE_HOST_PERMISSIONS).not.toContain('https://*.my.sfcrmapps.cn/*');
  });
});

describe('Defender for Cloud Apps proxies (local only)', () => {
  const proxied = ['acme.lightning.force.com.mcas.ms', 'acme--uat.sandbox.my.salesforce.com.mcas.ms'];

  it.each(proxied)('runs the panel on %s with the org key, but never reads a session or calls the API', (host) => {
    expect(isProxiedHost(host)).toBe(true);
    expect(isSalesforcePageHost(host)).toBe(true);
    expect(SALESFORCE_UI_MATCHES.some((pattern) => covers(pattern, host))).toBe(true);
    expect(SALESFORCE_HOST_PERMISSIONS.some((pattern) => covers(pattern, host))).toBe(false);
    expect(getOrgKey(host)).toBe(host.startsWith('acme--uat') ? 'acme--uat' : 'acme');
    expect(getApiHost(host)).toBeUndefined();
    expect(isSalesforceUiHost(host)).toBe(false);
  });

  it('is not fooled by other hosts under mcas.ms', () => {
    expect(isProxiedHost('evil.example.com.mcas.ms')).toBe(false);
    expect(isSalesforcePageHost('mcas.ms')).toBe(false);
    expect(getOrgKey('evil.example.com.mcas.ms')).toBeUndefined();
  });
});
