import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_PAGES, isTrustedSender, senderKind } from '../../../lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const check = (sender: Parameters<typeof isTrustedSender>[0]) => isTrustedSender(sender, ID, ORIGIN);

describe('trusted senders', () => {
  it('accepts the extension’s own pages', () => {
    expect(check({ id: ID, url: `${ORIGIN}popup.html` })).toBe(true);
  });

  it('accepts its content script on Salesforce pages', () => {
    expect(check({ id: ID, url: 'https://acme.lightning.force.com/lightning/r/Opportunity/x/view', tab: {} })).toBe(
      true,
    );
    expect(check({ id: ID, url: 'https://acme.my.salesforce.com:8443/006Ak00000BcDeF', tab: {} })).toBe(true);
  });

  it.each([
    ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${ORIGIN}popup.html` }],
    ['another extension’s page', { id: ID, url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html' }],
    ['a non-Salesforce tab', { id: ID, url: 'https://evil.example.com/', tab: {} }],
    ['a look-alike host', { id: ID, url: 'https://acme.lightning.force.com.evil.com/', tab: {} }],
    ['plain http', { id: ID, url: 'http://acme.lightning.force.com/', tab: {} }],
    ['no url', { id: ID }],
    ['garbage url', { id: ID, url: 'not a url', tab: {} }],
  ])('refuses %s', (_name, sender) => {
    expect(check(sender)).toBe(false);
  });
});

describe('kinds of sender', () => {
  const kind = (sender: Parameters<typeof senderKind>[0]) => senderKind(sender, ID, ORIGIN);

  it('tells the extension’s pages from its content script', () => {
    expect(kind({ id: ID, url: `${ORIGIN}popup.html` })).toBe('extension_page');
    expect(kind({ id: ID, url: `${ORIGIN}options.html`, tab: {} })).toBe('extension_page');
    expect(kind({ id: ID, url: `${ORIGIN}options.html#backup`, tab: {} })).toBe('extension_page');
    expect(kind({ id: ID, url: 'https://acme.lightning.force.com/lightning/page/home', tab: {} })).toBe(
      'content_script',
    );
  });

  it('knows every page the extension ships, so none is refused when opened in a tab', () => {
    const pages = readdirSync(resolve(__dirname, '../../../entrypoints'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(resolve(entry.parentPath, entry.name, 'index.html')))
      .map((entry) => `${entry.name}.html`);
    expect(pages).toContain('impact.html');
    expect([...EXTENSION_PAGES].sort()).toEqual(pages.sort());
    for (const page of pages)
      expect(kind({ id: ID, url: `${ORIGIN}${page}?quarter=2026-Q4`, tab: {} })).toBe('extension_page');
  });

  it('does not count another of the extension’s files inside a tab as one of its pages', () => {
    expect(kind({ id: ID, url: `${ORIGIN}content-scripts/salesforce.js`, tab: {} })).toBeUndefined();
  });
});
