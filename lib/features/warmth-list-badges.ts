import { getActivePage } from '../crm/salesforce/dom';
import { getOrgKey } from '../crm/salesforce/hosts';
import { isLightningRecordPage, isListView, isObjectHome, isRelatedListPage } from '../crm/salesforce/url-detection';
import { defineFeature } from './define-feature';
import { panelUrl } from './opportunity-panel';
import { waitFor } from './wait-for';
import { createWarmthCache, prefetchTagged, startBadgeController } from './warmth/badge-controller';
import { findListSpots } from './warmth/spots';

/**
 * Warmth badges on every opportunity row of Lightning list views and related lists (an Account's
 * Opportunities, "View All"), and on every card of the pipeline board. Rows loaded later by infinite
 * scroll, rows rendered anew after sorting and cards shown by switching to the board are badged as they
 * appear. Rows of other objects are left alone.
 */
export default defineFeature({
  id: 'warmth-list-badges',
  include: [isListView, isObjectHome, isRelatedListPage, isLightningRecordPage],
  async init(run) {
    const orgKey = getOrgKey(run.url.hostname);
    if (!orgKey) return;
    const { document: doc, signal, previousPage } = run;
    // Asked while Salesforce is still rendering the list, as the panel asks for its data.
    // Not on record pages: their related lists hold a handful of rows.
    const cache = createWarmthCache();
    const listPage = isListView(run.url) || isObjectHome(run.url) || isRelatedListPage(run.url);
    if (listPage) prefetchTagged(cache, orgKey);
    // The page navigated to, not the one being left (Lightning keeps it in the DOM until it is hidden).
    const page = await waitFor(
      () => {
        const active = getActivePage(doc);
        return active && active !== previousPage ? active : undefined;
      },
      { root: doc.body, signal },
    );
    if (!page || signal.aborted) return;
    const origin = run.url.origin;
    const common = { doc, orgKey, signal, root: page, fetchUnknown: true, prefetch: listPage, cache, openPanel: ({ opportunityId }: { opportunityId: string }) => ({ href: panelUrl(origin, opportunityId) }) };
    startBadgeController({
      ...common,
      find: (root) => findListSpots(root, { rows: true, cards: false }),
      wanted: (settings) => settings.listBadges,
    });
    startBadgeController({
      ...common,
      find: (root) => findListSpots(root, { rows: false, cards: true }),
      wanted: (settings) => settings.boardBadges,
    });
  },
});
