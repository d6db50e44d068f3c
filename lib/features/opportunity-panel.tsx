import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AttributionDraft, FormError } from '../../components/panel/attribution-form';
import { AttributionPanel } from '../../components/panel/attribution-panel';
import panelCss from '../../components/panel/panel.css?inline';
import type { TouchDraft } from '../../components/panel/touch-fields';
import type { AttributionView } from '../attribution/model';
import { parseSalesforceDate } from '../crm/salesforce/dates';
import {
  getActivePage,
  hasRecordLayout,
  isClassicPage,
  readClassicField,
  readClassicRecordTitle,
  readRecordField,
  readRecordTitle,
} from '../crm/salesforce/dom';
import { getOrgKey } from '../crm/salesforce/hosts';
import { getOpportunityId, isClassicOpportunityPage, isOpportunityRecordPage } from '../crm/salesforce/url-detection';
import { request as defaultRequest } from '../messaging/client';
import { messageOf, RequestError } from '../messaging/request-error';
import type { PanelData } from '../messaging/protocol';
import { onAttributionsChanged, OPEN_PANEL_EVENT } from './attribution-events';
import { defineFeature, type FeatureRun } from './define-feature';
import { mountShadowUi } from './shadow-ui';
import { waitFor } from './wait-for';

export type Requester = typeof defaultRequest;

/** The collapsed state survives navigations within the tab without asking the background again. */
let knownCollapsed: boolean | undefined;

/** What the page itself shows about the opportunity. */
export interface PageFacts {
  name: string;
  /** `YYYY-MM-DD`, when the page shows the created date in a form we can read without guessing. */
  createdDate?: string;
}

export interface ConnectedPanelProps {
  orgKey: string;
  opportunityId: string;
  facts: PageFacts;
  /** The background's first answer, requested while the page was still rendering. */
  initialData: Promise<PanelData>;
  request?: Requester;
  /** Called after the panel opened on request (a badge's "Open partner panel"), to move focus into it. */
  onOpened?: () => void;
}

/** The panel wired to the background: loads, saves and removes through typed requests. */
export function ConnectedPanel({ orgKey, opportunityId, facts, initialData, request = defaultRequest, onOpened }: ConnectedPanelProps) {
  const [data, setData] = useState<PanelData>();
  const [collapsed, setCollapsed] = useState(knownCollapsed ?? false);
  const [formError, setFormError] = useState<FormError>();
  const [touchError, setTouchError] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [removingId, setRemovingId] = useState<string>();
  // The org's own created date wins; without API access the page's is used.
  const createdDate = data?.createdDateFromApi ? data.createdDate : (facts.createdDate ?? data?.createdDate);

  // Answers can arrive out of order (a slow fetch from the org, a quick reload after a save): only the
  // answer to the latest request is shown, so an older one never hides a change just made.
  const requested = useRef(0);
  const shown = useRef(0);
  const show = useCallback((ticket: number, answer: PanelData) => {
    if (ticket < shown.current) return false;
    shown.current = ticket;
    setData(answer);
    return true;
  }, []);

  const reload = useCallback(async () => {
    const ticket = ++requested.current;
    try {
      show(ticket, await request('getPanelData', { orgKey, opportunityId }));
      setLoadError(undefined);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, [orgKey, opportunityId, request, show]);

  useEffect(() => {
    let live = true;
    const first = ++requested.current;
    initialData.then(
      (answer) => {
        if (!live) return;
        show(first, answer);
        if (knownCollapsed === undefined) {
          knownCollapsed = answer.ui.panelCollapsed;
          setCollapsed(answer.ui.panelCollapsed);
        }
      },
      (error: unknown) => live && setLoadError(messageOf(error)),
    );
    // Teammates' tags: the background fetches this opportunity from the org when its copy is stale.
    const refresh = ++requested.current;
    request('refreshOpportunity', { orgKey, opportunityId }).then(
      // Overtaken by a later request: ask again rather than show older data or miss the org's.
      (fresh) => live && fresh && !show(refresh, fresh) && void reload(),
      () => {}, // offline or not connected: the local data stands, and options say why
    );
    return () => {
      live = false;
    };
  }, [initialData, orgKey, opportunityId, request, show, reload]);

  // A teammate's change synced, or a tag made in another tab: show it without a reload.
  useEffect(() => {
    const listening = new AbortController();
    onAttributionsChanged(listening.signal, () => void reload());
    return () => listening.abort();
  }, [reload]);

  // A warmth badge's "Open partner panel".
  useEffect(() => {
    const open = () => {
      knownCollapsed = false;
      setCollapsed(false);
      onOpened?.();
    };
    document.addEventListener(OPEN_PANEL_EVENT, open);
    return () => document.removeEventListener(OPEN_PANEL_EVENT, open);
  }, [onOpened]);

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

  async function save(draft: AttributionDraft, { competingClaim }: { competingClaim: boolean }): Promise<boolean> {
    setStatus(undefined);
    try {
      const saved = await request('addAttribution', {
        orgKey,
        opportunityId,
        opportunityName: facts.name,
        ...(createdDate ? { createdDate } : {}),
        partnerName: draft.partnerName,
        kind: draft.kind,
        note: draft.note,
        touch: { type: draft.touch.type, date: draft.touch.date, note: draft.touch.note, link: draft.touch.link },
        ...(draft.reason.trim() ? { reason: draft.reason } : {}),
        ...(competingClaim ? { competingClaim } : {}),
      });
      setFormError(undefined);
      setStatus(competingClaim ? `Recorded ${saved.partnerName}’s competing claim: the opportunity is disputed.` : `Saved ${saved.partnerName}.`);
      await reload();
      return true;
    } catch (error) {
      setFormError({ message: messageOf(error), canCompete: error instanceof RequestError && error.code === 'duplicate_sourced' });
      return false;
    }
  }

  async function remove(attribution: AttributionView, reason: string) {
    setRemovingId(attribution.id);
    setStatus(undefined);
    try {
      await request('removeAttribution', { id: attribution.id, ...(reason.trim() ? { reason } : {}), ...(createdDate ? { createdDate } : {}) });
      setFormError(undefined);
      setStatus(`Removed ${attribution.partnerName}.`);
    } catch (error) {
      setFormError({ message: messageOf(error) });
    } finally {
      setRemovingId(undefined);
      await reload();
    }
  }

  async function addTouch(attribution: AttributionView, draft: TouchDraft): Promise<boolean> {
    setStatus(undefined);
    try {
      await request('addTouch', { attributionId: attribution.id, type: draft.type, date: draft.date, note: draft.note, link: draft.link });
      setTouchError(undefined);
      setStatus(`Logged a touch for ${attribution.partnerName}.`);
      await reload();
      return true;
    } catch (error) {
      setTouchError(messageOf(error));
      return false;
    }
  }

  async function keep(claim: AttributionView, reason: string) {
    setStatus(undefined);
    try {
      await request('resolveDispute', {
        opportunityId,
        keepAttributionId: claim.id,
        ...(reason.trim() ? { reason } : {}),
        ...(createdDate ? { createdDate } : {}),
      });
      setFormError(undefined);
      setStatus(`Kept ${claim.partnerName} as the sourcing partner.`);
    } catch (error) {
      setFormError({ message: messageOf(error) });
    }
    await reload();
  }

  return (
    <AttributionPanel
      opportunityName={facts.name}
      createdDate={createdDate}
      data={data}
      collapsed={collapsed}
      onToggle={() => void toggle()}
      onSave={save}
      onRemove={(a, reason) => void remove(a, reason)}
      onAddTouch={addTouch}
      onKeep={(claim, reason) => void keep(claim, reason)}
      loadError={loadError}
      formError={formError}
      touchError={touchError}
      status={status}
      removingId={removingId}
    />
  );
}

/**
 * The URL parameter that opens the panel expanded (Lightning keeps only `c__`-prefixed parameters on its
 * URLs). Set by the warmth badges' "Open partner panel" links.
 */
export const PANEL_PARAM = 'c__plPanel';

/** Where "Open partner panel" leads from a list or board: the opportunity's page with the panel open. */
export function panelUrl(origin: string, opportunityId: string): string {
  return `${origin}/lightning/r/Opportunity/${opportunityId}/view?${PANEL_PARAM}=open`;
}

/** How long to wait for a record page's title before falling back to the record id. */
export const TITLE_TIMEOUT_MS = 5_000;

/**
 * What the page shows about the opportunity once it shows it, or undefined when the page is not a record
 * page at all (Lightning's "record not found", an unknown Classic id): then there is no panel. In Lightning
 * only the active page counts, and after a navigation to another record the page being left does not
 * count either (Lightning keeps it in the DOM, hidden). If the record page is there but its title cannot be
 * read (a Salesforce markup change), the record id stands in, so the panel still works.
 */
export async function readPageFacts(
  { document: doc, signal, previousPage, previousUrl, url }: FeatureRun,
  opportunityId: string,
  timeoutMs = TITLE_TIMEOUT_MS,
): Promise<PageFacts | undefined> {
  if (isClassicPage(doc)) {
    const name = readClassicRecordTitle(doc);
    return name ? withDate(name, readClassicField(doc, 'Created By')) : undefined;
  }
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
  const page = currentPage();
  if (signal.aborted || !page) return undefined;
  const created = readRecordField(page, 'Opportunity', 'CreatedDate') ?? readRecordField(page, 'Opportunity', 'CreatedById');
  if (title) return withDate(title, created);
  return hasRecordLayout(page) ? withDate(`Opportunity ${opportunityId}`, created) : undefined;
}

function withDate(name: string, createdText: string | undefined): PageFacts {
  const createdDate = createdText ? parseSalesforceDate(createdText) : undefined;
  return createdDate ? { name, createdDate } : { name };
}

export default defineFeature({
  id: 'opportunity-panel',
  include: [isOpportunityRecordPage, isClassicOpportunityPage],
  async init(run) {
    const opportunityId = getOpportunityId(run.url);
    const orgKey = getOrgKey(run.url.hostname);
    if (!opportunityId || !orgKey) return;
    // Ask for the stored attributions while the page is still rendering its header.
    const initialData = defaultRequest('getPanelData', { orgKey, opportunityId });
    initialData.catch(() => {}); // shown by the panel once mounted
    const facts = await readPageFacts(run, opportunityId);
    if (!facts || run.signal.aborted) return;
    // The answer was asked for while the page rendered, so it is usually here already. Without one (an
    // error), the panel still mounts and says what went wrong.
    const settings = (await initialData.catch(() => undefined))?.ui;
    if (run.signal.aborted || settings?.showPanel === false) return;
    // A badge's "Open partner panel" link opens it expanded; otherwise as the user last left it.
    if (run.url.searchParams.get(PANEL_PARAM) === 'open') knownCollapsed = false;
    else knownCollapsed ??= settings?.panelCollapsed;
    const ui = mountShadowUi('partner-ledger-panel', panelCss, run.signal, run.document);
    const focusPanel = () => requestAnimationFrame(() => ui.shadow.querySelector<HTMLElement>('button[aria-expanded]')?.focus());
    ui.render(
      <ConnectedPanel orgKey={orgKey} opportunityId={opportunityId} facts={facts} initialData={initialData} onOpened={focusPanel} />,
    );
  },
});
