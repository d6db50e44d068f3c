import { getOrgKey } from '../crm/salesforce/hosts';
import {
  isDynamicRelatedListViewAll,
  isLightningRecordPage,
  isListView,
  isObjectHome,
  isRelatedListPage,
} from '../crm/salesforce/url-detection';
import { defineFeature } from './helpers/define-feature';
import { panelUrl } from './helpers/panel-url';
import { createWarmthCache, prefetchTagged, startBadgeController } from './helpers/warmth-badge-controller';
import { findListSpots } from './helpers/warmth-spots';

/**
 * Warmth badges on every opportunity row of Lightning list views and related lists (an Account's
 * Opportunities as a datatable or as tiles, "View All" of a related list or of a Dynamic Related List), and on
 * every card of the pipeline board. Rows loaded later by infinite
 * scroll, rows rendered anew after sorting and cards shown by switching to the board are badged as they
 * appear. Rows of other objects are left alone.
 */
export default defineFeature({
  id: 'warmth-list-badges',
  include: [isListView, isObjectHome, isRelatedListPage, isDynamicRelatedListViewAll, isLightningRecordPage],
  init({ url, page, signal, document: doc }) {
    const orgKey = getOrgKey(url.hostname);
    if (!orgKey) return;
    // Asked while Salesforce is still rendering the list, as the panel asks for its data.
    // Not on record pages: their related lists hold a handful of rows.
    const cache = createWarmthCache();
    const listPage = isListView(url) || isObjectHome(url) || isRelatedListPage(url) || isDynamicRelatedListViewAll(url);
    if (listPage) prefetchTagged(cache, orgKey);
    const openPanel = ({ opportunityId }: { opportunityId: string }) => ({ href: panelUrl(url.origin, opportunityId) });
    const common = { doc, orgKey, signal, root: page, fetchUnknown: true, prefetch: listPage, cache, openPanel };
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
