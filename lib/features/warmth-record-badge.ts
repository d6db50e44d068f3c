import { isClassicPage } from '../crm/salesforce/dom';
import { getOrgKey } from '../crm/salesforce/hosts';
import { getOpportunityId, isClassicOpportunityPage, isOpportunityRecordPage } from '../crm/salesforce/url-detection';
import { requestOpenPanel } from './helpers/attribution-events';
import { defineFeature } from './helpers/define-feature';
import { readPageFacts } from './helpers/page-facts';
import { startBadgeController } from './helpers/warmth-badge-controller';
import { findRecordSpot } from './helpers/warmth-spots';

/**
 * The warmth badge next to the opportunity's name on its own page (Lightning header or Classic title).
 * "Open partner panel" opens the panel already on the page.
 */
export default defineFeature({
  id: 'warmth-record-badge',
  include: [isOpportunityRecordPage, isClassicOpportunityPage],
  async init({ url, page, signal, document: doc }) {
    const opportunityId = getOpportunityId(url);
    const orgKey = getOrgKey(url.hostname);
    if (!opportunityId || !orgKey) return;
    // Wait as the panel does: until the record's own title is there.
    if (!(await readPageFacts(page, opportunityId, { signal })) || signal.aborted) return;
    const classic = isClassicPage(doc);
    startBadgeController({
      doc,
      orgKey,
      signal,
      root: page,
      find: () => {
        const spot = findRecordSpot(page, opportunityId, classic);
        return spot ? [spot] : [];
      },
      wanted: (settings) => settings.recordBadge,
      openPanel: () => ({ onOpen: () => requestOpenPanel(doc) }),
    });
  },
});
