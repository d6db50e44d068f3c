import { getActivePage, isClassicPage } from '../crm/salesforce/dom';
import { getOrgKey } from '../crm/salesforce/hosts';
import { getOpportunityId, isClassicOpportunityPage, isOpportunityRecordPage } from '../crm/salesforce/url-detection';
import { OPEN_PANEL_EVENT } from './attribution-events';
import { defineFeature } from './define-feature';
import { readPageFacts } from './opportunity-panel';
import { startBadgeController } from './warmth/badge-controller';
import { findRecordSpot } from './warmth/spots';

/**
 * The warmth badge next to the opportunity's name on its own page (Lightning header or Classic title).
 * "Open partner panel" opens the panel already on the page.
 */
export default defineFeature({
  id: 'warmth-record-badge',
  include: [isOpportunityRecordPage, isClassicOpportunityPage],
  async init(run) {
    const opportunityId = getOpportunityId(run.url);
    const orgKey = getOrgKey(run.url.hostname);
    if (!opportunityId || !orgKey) return;
    const { document: doc, signal } = run;
    // Wait as the panel does: the record's own title, never one on a page being left.
    if (!(await readPageFacts(run, opportunityId)) || signal.aborted) return;
    const classic = isClassicPage(doc);
    const root = classic ? doc.body : getActivePage(doc);
    if (!root) return;
    startBadgeController({
      doc,
      orgKey,
      signal,
      root,
      find: () => {
        const spot = findRecordSpot(root, opportunityId, classic);
        return spot ? [spot] : [];
      },
      wanted: (settings) => settings.recordBadge,
      openPanel: () => ({ onOpen: () => doc.dispatchEvent(new CustomEvent(OPEN_PANEL_EVENT)) }),
    });
  },
});
