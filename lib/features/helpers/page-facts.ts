import { parseSalesforceDate } from '../../crm/salesforce/dates';
import {
  hasRecordLayout,
  isClassicPage,
  readClassicCreatedBy,
  readClassicRecordTitle,
  readRecordField,
  readRecordTitle,
} from '../../crm/salesforce/dom';
import { waitFor } from './wait-for';

/** What the page itself shows about the opportunity (or lead). */
export interface PageFacts {
  name: string;
  /** `YYYY-MM-DD`, when the page shows the created date in a form we can read without guessing. */
  createdDate?: string;
  /** The page shows a created date that cannot be read without guessing (no locale, or an unknown form). */
  createdDateUnreadable?: true;
}

/** How long to wait for a record page's title before falling back to the record id. */
export const TITLE_TIMEOUT_MS = 5_000;

/**
 * What the page shows about the opportunity once it shows it, or undefined when the page is not a record
 * page at all (Lightning's "record not found", an unknown Classic id): then there is no panel. `page` is
 * the run's page (the active Lightning page container, or a Classic body). If the record page is there but
 * its title cannot be read (a Salesforce markup change), the record id stands in, so the panel still works.
 */
export async function readPageFacts(
  page: HTMLElement,
  opportunityId: string,
  {
    signal,
    timeoutMs = TITLE_TIMEOUT_MS,
    objectApiName = 'Opportunity',
    locale,
  }: {
    signal: AbortSignal;
    timeoutMs?: number;
    objectApiName?: 'Opportunity' | 'Lead';
    /** The user's Salesforce locale (`User.LocaleSidKey`), when connected: how the page writes dates. */
    locale?: string | undefined;
  },
): Promise<PageFacts | undefined> {
  const withDate = (name: string, createdText: string | undefined): PageFacts => {
    const createdDate = createdText ? parseSalesforceDate(createdText, locale) : undefined;
    if (createdDate) return { name, createdDate };
    return createdText ? { name, createdDateUnreadable: true } : { name };
  };
  if (isClassicPage(page.ownerDocument)) {
    const name = readClassicRecordTitle(page);
    return name ? withDate(name, readClassicCreatedBy(page)) : undefined;
  }
  const title = await waitFor(() => readRecordTitle(page), { root: page, signal, timeoutMs });
  if (signal.aborted) return undefined;
  const created =
    readRecordField(page, objectApiName, 'CreatedDate') ?? readRecordField(page, objectApiName, 'CreatedById');
  if (title) return withDate(title, created);
  return hasRecordLayout(page) ? withDate(`${objectApiName} ${opportunityId}`, created) : undefined;
}
