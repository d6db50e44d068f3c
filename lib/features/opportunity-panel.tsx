import { useCallback, useEffect, useState } from 'preact/hooks';
import { AttributionPanel } from '../../components/AttributionPanel';
import type { AttributionDraft } from '../../components/AttributionForm';
import panelCss from '../../components/panel.css?inline';
import type { AttributionView } from '../attribution/model';
import { getActivePage, isClassicPage, readClassicRecordTitle, readRecordTitle } from '../crm/salesforce/dom';
import { getOrgKey } from '../crm/salesforce/hosts';
import { getOpportunityId, isClassicOpportunityPage, isOpportunityRecordPage } from '../crm/salesforce/url-detection';
import { request as defaultRequest } from '../messaging/client';
import type { PanelData } from '../messaging/protocol';
import { defineFeature, type FeatureRun } from './define-feature';
import { mountShadowUi } from './shadow-ui';
import { waitFor } from './wait-for';

export type Requester = typeof defaultRequest;

/** The collapsed state survives navigations within the tab without asking the background again. */
let knownCollapsed: boolean | undefined;

export interface ConnectedPanelProps {
  orgKey: string;
  opportunityId: string;
  /** Resolves with the opportunity name once the page shows it. */
  opportunityName: Promise<string | undefined>;
  initial: PanelData;
  request?: Requester;
}

/** The panel wired to the background: loads, saves and removes through typed requests. */
export function ConnectedPanel({ orgKey, opportunityId, opportunityName, initial, request = defaultRequest }: ConnectedPanelProps) {
  const [data, setData] = useState<PanelData>(initial);
  const [name, setName] = useState<string>();
  const [collapsed, setCollapsed] = useState(initial.ui.panelCollapsed);
  const [formError, setFormError] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [removingId, setRemovingId] = useState<string>();

  useEffect(() => {
    let live = true;
    void opportunityName.then((value) => live && setName(value ?? `Opportunity ${opportunityId}`));
    return () => {
      live = false;
    };
  }, [opportunityName, opportunityId]);

  const reload = useCallback(async () => {
    try {
      setData(await request('getPanelData', { orgKey, opportunityId }));
      setLoadError(undefined);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, [orgKey, opportunityId, request]);

  async function toggle() {
    const next = !collapsed;
    setCollapsed(next);
    knownCollapsed = next;
    try {
      await request('setPanelCollapsed', { collapsed: next });
    } catch {
      // Remembering the state is a convenience: the panel itself still works.
    }
  }

  async function save(draft: AttributionDraft): Promise<boolean> {
    setStatus(undefined);
    try {
      const saved = await request('addAttribution', {
        orgKey,
        opportunityId,
        opportunityName: name,
        partnerName: draft.partnerName,
        kind: draft.kind,
        note: draft.note,
      });
      setFormError(undefined);
      setStatus(`Saved ${saved.partnerName}.`);
      await reload();
      return true;
    } catch (error) {
      setFormError(messageOf(error));
      return false;
    }
  }

  async function remove(attribution: AttributionView) {
    setRemovingId(attribution.id);
    setStatus(undefined);
    try {
      await request('removeAttribution', { id: attribution.id });
      setFormError(undefined);
      setStatus(`Removed ${attribution.partnerName}.`);
    } catch (error) {
      setFormError(messageOf(error));
    } finally {
      setRemovingId(undefined);
      await reload();
    }
  }

  return (
    <AttributionPanel
      opportunityName={name}
      attributions={data.attributions}
      partnerNames={data.partnerNames}
      collapsed={collapsed}
      onToggle={() => void toggle()}
      onSave={save}
      onRemove={(a) => void remove(a)}
      loadError={loadError}
      formError={formError}
      status={status}
      removingId={removingId}
    />
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Something went wrong. Please try again.';
}

/**
 * Reads the opportunity name once the page shows it. In Lightning only the active page counts, and after
 * a navigation to another record the page being left does not count either (Lightning keeps it in the DOM).
 */
function readOpportunityName({ document: doc, signal, previousPage, previousUrl, url }: FeatureRun) {
  if (isClassicPage(doc)) return Promise.resolve(readClassicRecordTitle(doc));
  const samePageAsBefore = previousUrl !== undefined && getOpportunityId(previousUrl) === getOpportunityId(url);
  const stale = samePageAsBefore ? undefined : previousPage;
  return waitFor(
    () => {
      const page = getActivePage(doc);
      return page && page !== stale ? readRecordTitle(page) : undefined;
    },
    { root: doc.body, signal },
  );
}

export default defineFeature({
  id: 'opportunity-panel',
  include: [isOpportunityRecordPage, isClassicOpportunityPage],
  async init(run) {
    const opportunityId = getOpportunityId(run.url);
    const orgKey = getOrgKey(run.url.hostname);
    if (!opportunityId || !orgKey) return;
    const opportunityName = readOpportunityName(run);
    const initial = await defaultRequest('getPanelData', { orgKey, opportunityId });
    if (run.signal.aborted) return;
    if (knownCollapsed !== undefined) initial.ui.panelCollapsed = knownCollapsed;
    const ui = mountShadowUi('partner-ledger-panel', panelCss, run.signal, run.document);
    ui.render(
      <ConnectedPanel
        orgKey={orgKey}
        opportunityId={opportunityId}
        opportunityName={opportunityName}
        initial={initial}
      />,
    );
  },
});
