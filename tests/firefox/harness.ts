// Loads the Firefox build into Debian's Firefox ESR, headless, through WebDriver BiDi (puppeteer-core): a temporary
// add-on installed with `browser.installExtension`. The Salesforce host names resolve to loopback through the pref
// `network.dns.localDomains`, and `acceptInsecureCerts` accepts the fake org's self-signed certificate.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT } from '../e2e/harness';

export const FIREFOX_EXTENSION_PATH = join(REPO_ROOT, '.output', 'firefox-mv2');
/** Debian's `firefox-esr` unless FIREFOX_PATH names another binary. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The host names the fake org answers on (tests/fake-org/server.ts), mapped to loopback. */
const FAKE_ORG_HOSTS = ['acme.lightning.force.com', 'acme.my.salesforce.com'];
/**
 * The add-on's internal UUID, fixed through the pref `extensions.webextensions.uuids` so the tests know its
 * `moz-extension://` origin (Firefox otherwise picks a random one per profile).
 */
const EXTENSION_UUID = '5b0c1d2e-3f40-4a51-8b62-7c8d9e0f1a2b';

export interface LaunchedFirefox {
  browser: Browser;
  /** `moz-extension://<uuid>` */
  extensionOrigin: string;
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<LaunchedFirefox> {
  if (!existsSync(join(FIREFOX_EXTENSION_PATH, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_PATH}: run \`npm run build:firefox\` first.`);
  }
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`No Firefox at ${FIREFOX_PATH}: install it with \`apt-get install -y firefox-esr\`.`);
  }
  const manifest = JSON.parse(await readFile(join(FIREFOX_EXTENSION_PATH, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const addonId = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    // Firefox 153 lets WebDriver navigate to moz-extension:// pages (popup, options) only with system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': FAKE_ORG_HOSTS.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXTENSION_UUID }),
    },
  });
  try {
    await browser.installExtension(FIREFOX_EXTENSION_PATH);
  } catch (error) {
    await browser.close();
    throw error;
  }
  let closed = false;
  return {
    browser,
    extensionOrigin: `moz-extension://${EXTENSION_UUID}`,
    async close() {
      if (closed) return;
      closed = true;
      await browser.close();
    },
  };
}

/**
 * Opens one of the extension's pages. Firefox shows it, but WebDriver BiDi does not report the load of a
 * moz-extension:// page to Puppeteer, so the navigation is not awaited: the page's own content is.
 */
export async function openExtensionPage(page: Page, url: string, readySelector: string): Promise<void> {
  page.goto(url).catch(() => {});
  await page.waitForFunction((href) => location.href === href, { timeout: 15_000 }, url);
  await page.waitForSelector(readySelector, { timeout: 15_000 });
}
