/**
 * The ways real orgs render the same Lightning page, and which one the fake org renders. Each setting has a server
 * default (`startFakeOrg({ ui })`, CLI flags) and a per-tab override in the URL (`?fakeOrgLayout=dynamic-forms`),
 * kept for the tab across SPA and full navigations like `?fakeOrgDelay=`; an empty value (`?fakeOrgLayout=`)
 * drops the override. The defaults render the pages the fake org always rendered.
 *
 * Structure follows Salesforce's UTAM page objects (npm `salesforce-pageobjects`); client/lightning-variants.js
 * cites the page object beside each part.
 */
import { z } from 'zod';

/** The choices of each setting; the first one is the default (the browser-side app relies on it). */
export const PAGE_VARIANT_CHOICES = {
  /** Record details: page layout items (`records-record-layout-item`) or Dynamic Forms fields. */
  recordLayout: ['classic-layout', 'dynamic-forms'],
  /** Record header: `records-highlights2`, or the Dynamic Highlights Panel (`record_flexipage-dynamic-highlights2`). */
  highlights: ['standard', 'dynamic'],
  /**
   * The account's Opportunities related list: the fake org's plain table (`standard`), Lightning's related list
   * (`lst-related-list-single-container`) as a datatable or as tiles, or a Dynamic Related List – Single
   * (`lst-dynamic-related-list`), whose View All opens `/lightning/cmp/force__dynamicRelatedListViewAll`.
   */
  relatedLists: ['standard', 'grid', 'tiles', 'dynamic-grid', 'dynamic-tiles'],
  /** `native`: every Lightning web component renders inside its own open shadow root (mixed shadow mode). */
  shadow: ['synthetic', 'native'],
  /** `lightning-datatable`'s render mode: `<table>` rows, or `div`s with ARIA roles (`role-based`). */
  datatable: ['table', 'role-based'],
  /**
   * The opportunity's created date on its page: `shown` in System Information (Created By and Created Date), or
   * `hidden`, as on a page layout without those fields: the page then tells nothing of when it was created.
   */
  createdDate: ['shown', 'hidden'],
} as const;

export type PageVariantName = keyof typeof PAGE_VARIANT_CHOICES;

export const pageVariantsSchema = z.object({
  recordLayout: z.enum(PAGE_VARIANT_CHOICES.recordLayout),
  highlights: z.enum(PAGE_VARIANT_CHOICES.highlights),
  relatedLists: z.enum(PAGE_VARIANT_CHOICES.relatedLists),
  shadow: z.enum(PAGE_VARIANT_CHOICES.shadow),
  datatable: z.enum(PAGE_VARIANT_CHOICES.datatable),
  createdDate: z.enum(PAGE_VARIANT_CHOICES.createdDate),
});

export type PageVariants = z.infer<typeof pageVariantsSchema>;

export const DEFAULT_PAGE_VARIANTS: PageVariants = {
  recordLayout: PAGE_VARIANT_CHOICES.recordLayout[0],
  highlights: PAGE_VARIANT_CHOICES.highlights[0],
  relatedLists: PAGE_VARIANT_CHOICES.relatedLists[0],
  shadow: PAGE_VARIANT_CHOICES.shadow[0],
  datatable: PAGE_VARIANT_CHOICES.datatable[0],
  createdDate: PAGE_VARIANT_CHOICES.createdDate[0],
};

/** The URL parameter that overrides each setting for one tab. */
export const PAGE_VARIANT_URL_PARAMS: Record<PageVariantName, string> = {
  recordLayout: 'fakeOrgLayout',
  highlights: 'fakeOrgHighlights',
  relatedLists: 'fakeOrgRelated',
  shadow: 'fakeOrgShadow',
  datatable: 'fakeOrgDatatable',
  createdDate: 'fakeOrgCreatedDate',
};

/** Checks variant settings given by code or on the command line; the message names the setting and its choices. */
export function parsePageVariants(input: unknown): Partial<PageVariants> {
  const result = pageVariantsSchema.partial().safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]) as PageVariantName;
    const choices = PAGE_VARIANT_CHOICES[name]?.join(', ') ?? '';
    return `${name}: expected one of ${choices}`;
  });
  throw new Error(`Invalid fake org page variant (${problems.join('; ')})`);
}
