import { useCallback, useEffect, useState } from 'preact/hooks';
import { AttributionPanel } from '../../components/AttributionPanel';
import type { AttributionDraft } from '../../components/AttributionForm';
import panelCss from '../../components/panel.css?inline';
import type { AttributionView } from '../attribution/model';
import { getActivePage, hasRecordLayout, isClassicPage, readClassicRecordTitle, readRecordTitle } from '../crm/salesforce/dom';
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
  /** The opportunity name as the page shows it. */
  opportunityName: string;
  /** What the background had when the page opened; undefined if it could not be reached. */
  initial?: PanelData;
  request?: Requester;
}

/** The panel wired to the background: loads, saves and removes through typed requests. */
export function ConnectedPanel({ orgKey, opportunityId, opportunityName, initial, request = defaultRequest }: ConnectedPanelProps) {
  const [data, setData] = useState<PanelData | undefined>(initial);
  const [collapsed, setCollapsed] = useState(knownCollapsed ?? initial?.ui.panelCollapsed ?? false);
  const [formError, setFormError] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [removingId, setRemovingId] = useState<string>();

  const reload = useCallback(async () => {
    try {
      setData(await request('getPanelData', { orgKey, opportunityId }));
      setLoadError(undefined);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, [orgKey, opportunityId, request]);

  useEffect(() => {
    // The background could not be asked when the page opened: ask again, and show why if it still fails.
    if (!initial) void reload();
  }, [initial, reload]);

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
        opportunityName,
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
      opportunityName={opportunityName}
      attributions={data?.attributions}
      partnerNames={data?.partnerNames ?? []}
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

/** How long to wait for a record page's title before falling back to the record id. */
export const TITLE_TIMEOUT_MS = 5_000;

/**
 * The opportunity's name once the page shows it, or undefined when the page is not a record page at all
 * (Lightning's "record not found", an unknown Classic id): then there is no panel. In Lightning only the
 * active page counts, and after a navigation to another record the page being left does not count either
 * (Lightning keeps it in the DOM, hidden). If the record page is there but its title cannot be read (a
 * Salesforce markup change), the record id stands in, so the panel still works.
 */
export async function readOpportunityName(
  { document: doc, signal, previousPage, previousUrl, url }: FeatureRun,
  opportunityId: string,
  timeoutMs = TITLE_TIMEOUT_MS,
): Promise<string | undefined> {
  if (isClassicPage(doc)) return readClassicRecordTitle(doc);
  const samePageAsBefore = previousUrl !== undefined && getOpportunityId(previousUrl) === getOpportunityId(url);
  const stale = samePageAsBefore ? undefined : previousPage;
  const currentPage = () => {
    const page = getActivePage(doc);
    return page && page !== stale ? page : undefined;
  };
  const title = await waitFor(
    () => {
      const page = currentPage();
      return page && readRecordTitle(page);
    },
    { root: doc.body, signal, timeoutMs },
  );
  if (title) return title;
  const page = currentPage();
  return !signal.aborted && page && hasRecordLayout(page) ? `Opportunity ${opportunityId}` : undefined;
}

export default defineFeature({
  id: 'opportunity-panel',
  include: [isOpportunityRecordPage, isClassicOpportunityPage],
  async init(run) {
    const opportunityId = getOpportunityId(run.url);
    const orgKey = getOrgKey(run.url.hostname);
    if (!opportunityId || !orgKey) return;
    // Ask for the stored attributions while the page is still rendering its header.
    const data = defaultRequest('getPanelData', { orgKey, opportunityId });
    data.catch(() => {}); // a failure is shown by the panel's own reload below
    const name = await readOpportunityName(run, opportunityId);
    if (!name || run.signal.aborted) return;
    const initial = await data.catch(() => undefined);
    if (run.signal.aborted) return;
    const ui = mountShadowUi('partner-ledger-panel', panelCss, run.signal, run.document);
    ui.render(<ConnectedPanel orgKey={orgKey} opportunityId={opportunityId} opportunityName={name} initial={initial} />);
  },
});
