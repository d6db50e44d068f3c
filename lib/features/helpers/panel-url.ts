/**
 * The URL parameter that opens the panel expanded (Lightning keeps only `c__`-prefixed parameters on its
 * URLs). Set by the warmth badges' "Open partner panel" links.
 */
export const PANEL_PARAM = 'c__plPanel';

/** Where "Open partner panel" leads from a list or board: the opportunity's page with the panel open. */
export function panelUrl(origin: string, opportunityId: string): string {
  return `${origin}/lightning/r/Opportunity/${opportunityId}/view?${PANEL_PARAM}=open`;
}

/** Whether the page was opened from such a link. */
export function asksForOpenPanel(url: URL): boolean {
  return url.searchParams.get(PANEL_PARAM) === 'open';
}
