import { ConnectedPanel, type Subscribe } from '../../components/panel/connected-panel';
import panelCss from '../../components/panel/panel.css?inline';
import { isClassicPage, readClassicField, readRecordField } from '../crm/salesforce/dom';
import { getOrgKey } from '../crm/salesforce/hosts';
import { getLeadId, isClassicLeadPage, isLeadRecordPage } from '../crm/salesforce/url-detection';
import { request } from '../messaging/client';
import { onAttributionsChanged, onOpenPanelRequested } from './helpers/attribution-events';
import { defineFeature } from './helpers/define-feature';
import { readPageFacts } from './helpers/page-facts';
import { asksForOpenPanel } from './helpers/panel-url';
import { mountShadowUi } from './helpers/shadow-ui';
import { waitFor } from './helpers/wait-for';

/** How long a lead page is watched for its conversion: as long as anyone keeps a page open (a day). */
const WATCH_CONVERSION_MS = 86_400_000;

/**
 * The lead's status as the page shows it. Converting sets a status whose LeadStatus has IsConverted = true
 * ("Closed - Converted" in a new org; convertLead(), https://developer.salesforce.com/docs/atlas.en-us.api.meta/
 * api/sforce_api_calls_convertlead.htm). Orgs name it themselves, so this only asks the sync to look now: the
 * sync confirms with `Lead.IsConverted`, so a status read wrongly costs one query, never a wrong carry.
 */
function readLeadStatus(page: HTMLElement): string | undefined {
  return isClassicPage(page.ownerDocument)
    ? readClassicField(page, 'Lead Status')
    : readRecordField(page, 'Lead', 'Status');
}

function looksConverted(status: string | undefined): boolean {
  return status !== undefined && /\bconverted\b/i.test(status) && !/\bnot converted\b/i.test(status);
}

/**
 * The partner attribution panel on a lead's page (Lightning or Classic): partners are recorded on the lead as
 * on an opportunity (docs/leads.md), and their claims move to the opportunity when the lead is converted.
 */
export default defineFeature({
  id: 'lead-panel',
  include: [isLeadRecordPage, isClassicLeadPage],
  async init({ url, page, signal, document: doc }) {
    const leadId = getLeadId(url);
    const orgKey = getOrgKey(url.hostname);
    if (!leadId || !orgKey) return;
    const initialData = request('getPanelData', { orgKey, opportunityId: leadId });
    initialData.catch(() => {}); // shown by the panel once mounted
    const facts = await readPageFacts(page, leadId, { signal, objectApiName: 'Lead' });
    if (!facts || signal.aborted) return;
    const settings = (await initialData.catch(() => undefined))?.ui;
    if (signal.aborted || settings?.showPanel === false) return;
    const collapsed = asksForOpenPanel(url) ? false : settings?.panelCollapsed;
    const ui = mountShadowUi('partner-ledger-panel', panelCss, signal, doc);
    const subscribeToOpenRequests: Subscribe = (listening, open) => onOpenPanelRequested(doc, listening, open);
    ui.render(
      <ConnectedPanel
        orgKey={orgKey}
        opportunityId={leadId}
        recordKind="lead"
        facts={facts}
        initialData={initialData}
        request={request}
        subscribeToChanges={onAttributionsChanged}
        subscribeToOpenRequests={subscribeToOpenRequests}
        {...(collapsed !== undefined ? { collapsed } : {})}
      />,
    );
    // Converted in this tab: the claims are carried at once rather than at the next sync.
    if (looksConverted(readLeadStatus(page))) return;
    const converted = await waitFor(() => (looksConverted(readLeadStatus(page)) ? true : undefined), {
      root: page,
      signal,
      timeoutMs: WATCH_CONVERSION_MS,
    });
    if (converted && !signal.aborted) void request('leadConverted', { orgKey, leadId }).catch(() => {});
  },
});
