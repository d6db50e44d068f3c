// The extension's UI as a user finds it on a page, by role and accessible name, written once for every e2e file.
// Playwright's CSS and role locators pierce open shadow roots, so these work in both shadow modes.
import type { Locator, Page } from 'playwright-core';
import type { FakeOrg } from '../fake-org/server';

export type KindLabel = 'Partner-sourced' | 'Partner-influenced';

/** The partner attribution panel on an opportunity's page. */
export const panel = (page: Page) => page.getByRole('complementary', { name: 'Partner attribution' });
/** The panel's form for a new attribution. */
export const attributionForm = (page: Page) => panel(page).getByRole('form', { name: 'Add partner attribution' });
/** The attributions themselves (each has a Remove button), not the touches listed inside them. */
export const attributionItems = (page: Page) =>
  panel(page)
    .getByRole('list', { name: 'Attributions' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: /^Remove / }) });
/** Warmth badges (one per opportunity with partners) inside `scope`. */
export const warmthBadge = (scope: Page | Locator) => scope.getByRole('button', { name: /^Partner warmth: / });
/** The page Lightning shows in front (earlier pages stay in the DOM, hidden). */
export const activePage = (page: Page) => page.locator('.windowViewMode-normal.active');

/** Opens an opportunity's Lightning page and waits for the panel's form. */
export async function openOpportunity(page: Page, org: FakeOrg, id: string, query = ''): Promise<void> {
  await page.goto(org.opportunityUrl(id) + query);
  await attributionForm(page).waitFor();
}

export interface TagOptions {
  kind?: KindLabel;
  note?: string;
  touchType?: string;
  touchDate?: string;
  /** Filled in the Reason field, which must be there (a locked opportunity, a sourced claim outside the window). */
  reason?: string;
  /** Filled in the Reason field only when the form shows it. */
  reasonIfAsked?: string;
  /** Wait until the attribution is saved (its Remove button is there). Defaults to true. */
  waitUntilSaved?: boolean;
}

/** Options → Salesforce connection → **Sync now**: this browser pulls and pushes at once. */
export async function syncNow(options: Page): Promise<void> {
  await options
    .getByRole('region', { name: 'Salesforce connection' })
    .getByRole('button', { name: 'Sync now' })
    .click();
}

/** Fills the panel's form and saves; by default waits until the attribution is listed. */
export async function tag(page: Page, partner: string, options: TagOptions = {}): Promise<void> {
  const form = attributionForm(page);
  await form.getByRole('combobox', { name: 'Partner' }).fill(partner);
  await form.getByRole('radio', { name: options.kind ?? 'Partner-influenced' }).check();
  if (options.note !== undefined) await form.getByLabel('Note').fill(options.note);
  if (options.touchType) await form.getByLabel('Touch type').selectOption({ label: options.touchType });
  if (options.touchDate) await form.getByLabel('Touch date').fill(options.touchDate);
  if (options.reason) await form.getByLabel('Reason').fill(options.reason);
  if (options.reasonIfAsked) {
    const reason = form.getByLabel('Reason');
    if (await reason.count()) await reason.fill(options.reasonIfAsked);
  }
  await form.getByRole('button', { name: 'Save attribution' }).click();
  if (options.waitUntilSaved ?? true) {
    const saved = panel(page).getByRole('button', { name: `Remove ${partner}` });
    if (options.reasonIfAsked) {
      // The org's created date can reach the background before the page: the lock is then known only when the
      // save is refused for want of a reason, and the form asks for it then, as a user would answer it.
      const asked = form.getByRole('alert').filter({ hasText: 'Give a reason' });
      await saved.or(asked).first().waitFor();
      if (await asked.isVisible()) {
        await form.getByLabel('Reason').fill(options.reasonIfAsked);
        await form.getByRole('button', { name: 'Save attribution' }).click();
      }
    }
    await saved.waitFor();
  }
}

/** Opens an opportunity and tags it; locked opportunities get the reason "Partner review". */
export async function tagOpportunity(
  page: Page,
  org: FakeOrg,
  id: string,
  partner: string,
  options: TagOptions = {},
): Promise<void> {
  await openOpportunity(page, org, id);
  await tag(page, partner, { reasonIfAsked: 'Partner review', ...options });
}

/**
 * The text of each element `locator` finds as the page renders it: a component's shadow tree, and at a `<slot>`
 * what is slotted into it. `textContent` sees neither, so in native shadow it misses what a native-shadow
 * component shows (lightning-formatted-text renders its value in its own shadow root).
 */
export function composedTexts(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((elements) => {
    const text = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return (node as Text).data;
      let children: Node[] = [...node.childNodes];
      if (node instanceof Element) {
        if (['script', 'style', 'template'].includes(node.localName)) return '';
        if (node.shadowRoot) children = [...node.shadowRoot.childNodes];
        else if (node instanceof HTMLSlotElement && node.assignedNodes().length) children = node.assignedNodes();
      }
      return children.map(text).join('');
    };
    return elements.map((element) => text(element).replace(/\s+/g, ' ').trim());
  });
}
