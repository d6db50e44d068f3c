// The built extension loads into real Chromium and its background service worker starts.
import { afterEach, expect, test } from 'vitest';
import { launchExtension, type LaunchedExtension } from './harness';

interface Manifest {
  name: string;
  manifest_version: number;
}
declare const chrome: { runtime: { getManifest(): Manifest } };

let launched: LaunchedExtension | undefined;

afterEach(async () => {
  await launched?.close();
  launched = undefined;
});

test('the extension loads and its service worker starts', async () => {
  launched = await launchExtension();

  expect(launched.extensionId).toMatch(/^[a-p]{32}$/);
  const manifest = await launched.serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.name).toBe('Partner Ledger');
  expect(manifest.manifest_version).toBe(3);
});
