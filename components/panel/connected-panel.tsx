import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AttributionView } from '../../lib/attribution/model';
import type { PageFacts } from '../../lib/features/helpers/page-facts';
import type { Requester } from '../../lib/messaging/client';
import type { PanelData } from '../../lib/messaging/protocol';
import { messageOf } from '../../lib/errors';
import { RequestError } from '../../lib/messaging/request-error';
import type { AttributionDraft, FormError } from './attribution-form';
import { AttributionPanel, type RecordKind } from './attribution-panel';
import type { TouchDraft } from './touch-fields';

/** Calls `callback` on each occurrence until `signal` aborts. */
export type Subscribe = (signal: AbortSignal, callback: () => void) => void;

export interface ConnectedPanelProps {
  orgKey: string;
  /** The opportunity's id, or the lead's on a lead page. */
  opportunityId: string;
  /** Defaults to an opportunity. */
  recordKind?: RecordKind;
  facts: PageFacts;
  /** The background's first answer, requested while the page was still rendering. */
  initialData: Promise<PanelData>;
  request: Requester;
  /** Attributions changed elsewhere (a teammate's change synced, a tag made in another tab). */
  subscribeToChanges: Subscribe;
  /** Something on the page (a badge's "Open partner panel") asks the panel to open. */
  subscribeToOpenRequests: Subscribe;
  /** Collapsed or not, when already known in this tab; otherwise the background's answer decides. */
  collapsed?: boolean;
  /** Told whenever the collapsed state is decided or changed, so the next page in the tab starts that way. */
  onCollapsedChange?: (collapsed: boolean) => void;
  /** Called after the panel opened on request, to move focus into it. */
  onOpened?: () => void;
}

/** The panel wired to the background: loads, saves and removes through typed requests. */
export function ConnectedPanel(props: ConnectedPanelProps) {
  const { orgKey, opportunityId, facts, initialData, request, subscribeToChanges, subscribeToOpenRequests } = props;
  const { onCollapsedChange, onOpened } = props;
  const [data, setData] = useState<PanelData>();
  const [collapsed, setCollapsed] = useState(props.collapsed ?? false);
  const collapsedKnown = useRef(props.collapsed !== undefined);
  const [formError, setFormError] = useState<FormError>();
  const [touchError, setTouchError] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [removingId, setRemovingId] = useState<string>();
  // The org's own created date wins; without API access the page's is used.
  const createdDate = data?.createdDateFromApi ? data.createdDate : (facts.createdDate ?? data?.createdDate);

  const decideCollapsed = useCallback(
    (next: boolean) => {
      collapsedKnown.current = true;
      setCollapsed(next);
      onCollapsedChange?.(next);
    },
    [onCollapsedChange],
  );

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
        if (!collapsedKnown.current) decideCollapsed(answer.ui.panelCollapsed);
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
  }, [initialData, orgKey, opportunityId, request, show, reload, decideCollapsed]);

  // A teammate's change synced, or a tag made in another tab: show it without a reload.
  useEffect(() => {
    const listening = new AbortController();
    subscribeToChanges(listening.signal, () => void reload());
    return () => listening.abort();
  }, [subscribeToChanges, reload]);

  useEffect(() => {
    const listening = new AbortController();
    subscribeToOpenRequests(listening.signal, () => {
      decideCollapsed(false);
      onOpened?.();
    });
    return () => listening.abort();
  }, [subscribeToOpenRequests, decideCollapsed, onOpened]);

  async function toggle() {
    const next = !collapsed;
    decideCollapsed(next);
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
      setStatus(
        competingClaim
          ? `Recorded ${saved.partnerName}’s competing claim: the opportunity is disputed.`
          : `Saved ${saved.partnerName}.`,
      );
      await reload();
      return true;
    } catch (error) {
      const canCompete = error instanceof RequestError && error.code === 'duplicate_sourced';
      const needsReason = error instanceof RequestError && error.code === 'reason_required';
      setFormError({ message: messageOf(error), canCompete, ...(needsReason ? { needsReason } : {}) });
      return false;
    }
  }

  async function remove(attribution: AttributionView, reason: string) {
    setRemovingId(attribution.id);
    setStatus(undefined);
    try {
      await request('removeAttribution', {
        id: attribution.id,
        ...(reason.trim() ? { reason } : {}),
        ...(createdDate ? { createdDate } : {}),
      });
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
      const { type, date, note, link } = draft;
      await request('addTouch', { attributionId: attribution.id, type, date, note, link });
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
      {...(props.recordKind ? { recordKind: props.recordKind } : {})}
      createdDate={createdDate}
      createdDateUnreadable={!createdDate && facts.createdDateUnreadable === true}
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
