import { ConnectedPanel, type Subscribe } from '../../components/panel/connected-panel';
import panelCss from '../../components/panel/panel.css?inline';
import { getOrgKey } from '../crm/salesforce/hosts';
import { getOpportunityId, isClassicOpportunityPage, isOpportunityRecordPage } from '../crm/salesforce/url-detection';
import { request } from '../messaging/client';
import { onAttributionsChanged, onOpenPanelRequested } from './helpers/attribution-events';
import { defineFeature } from './helpers/define-feature';
import { readPageFacts } from './helpers/page-facts';
import { asksForOpenPanel } from './helpers/panel-url';
import { mountShadowUi } from './helpers/shadow-ui';

/** The collapsed state survives navigations within the tab without asking the background again. */
let knownCollapsed: boolean | undefined;
const rememberCollapsed = (collapsed: boolean) => {
  knownCollapsed = collapsed;
};

/**
 * The partner attribution panel on an opportunity's page (Lightning or Classic): tag partners as sourcing
 * or influencing the deal, log touches, settle disputes.
 */
export default defineFeature({
  id: 'opportunity-panel',
  include: [isOpportunityRecordPage, isClassicOpportunityPage],
  async init({ url, page, signal, document: doc }) {
    const opportunityId = getOpportunityId(url);
    const orgKey = getOrgKey(url.hostname);
    if (!opportunityId || !orgKey) return;
    // Ask for the stored attributions while the page is still rendering its header.
    const initialData = request('getPanelData', { orgKey, opportunityId });
    initialData.catch(() => {}); // shown by the panel once mounted
    // The user's Salesforce locale says how the page writes dates; without it a date is never guessed.
    const locale = (await initialData.catch(() => undefined))?.userLocale;
    const facts = await readPageFacts(page, opportunityId, { signal, locale });
    if (!facts || signal.aborted) return;
    // The answer was asked for while the page rendered, so it is usually here already. Without one (an
    // error), the panel still mounts and says what went wrong.
    const settings = (await initialData.catch(() => undefined))?.ui;
    if (signal.aborted || settings?.showPanel === false) return;
    // A badge's "Open partner panel" link opens it expanded; otherwise as the user last left it.
    if (asksForOpenPanel(url)) knownCollapsed = false;
    else knownCollapsed ??= settings?.panelCollapsed;
    const ui = mountShadowUi('partner-ledger-panel', panelCss, signal, doc);
    const focusPanel = () =>
      requestAnimationFrame(() => ui.shadow.querySelector<HTMLElement>('button[aria-expanded]')?.focus());
    const subscribeToOpenRequests: Subscribe = (listening, open) => onOpenPanelRequested(doc, listening, open);
    ui.render(
      <ConnectedPanel
        orgKey={orgKey}
        opportunityId={opportunityId}
        facts={facts}
        initialData={initialData}
        request={request}
        subscribeToChanges={onAttributionsChanged}
        subscribeToOpenRequests={subscribeToOpenRequests}
        collapsed={knownCollapsed}
        onCollapsedChange={rememberCollapsed}
        onOpened={focusPanel}
      />,
    );
  },
});
