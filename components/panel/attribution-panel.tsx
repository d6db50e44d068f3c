import { hiddenFieldNotice } from '../../lib/crm/salesforce/field-access';
import { useEffect, useRef } from 'preact/hooks';
import { formatAmount, formatCalendarDate } from '../../lib/attribution/format';
import type { AttributionView } from '../../lib/attribution/model';
import { getLockState } from '../../lib/attribution/window';
import type { PanelData } from '../../lib/messaging/protocol';
import { AttributionForm, type AttributionDraft, type FormError } from './attribution-form';
import { AttributionList } from './attribution-list';
import { DisputeBanner } from './dispute-banner';
import { HistoryList } from './history-list';
import type { TouchDraft } from './touch-fields';

/** What the panel is on: an opportunity, or a lead whose claims move to its opportunity on conversion. */
export type RecordKind = 'opportunity' | 'lead';

export interface AttributionPanelProps {
  /** The opportunity name read from the page. */
  opportunityName: string;
  /** Defaults to an opportunity. */
  recordKind?: RecordKind;
  /** The created date for the window and lock: the org's when known, else the page's (or the stored one). */
  createdDate?: string;
  /** The page shows a created date that cannot be read without knowing the user's Salesforce locale. */
  createdDateUnreadable?: boolean;
  /** Undefined while the background's answer is on its way. */
  data?: PanelData;
  collapsed: boolean;
  onToggle: () => void;
  onSave: (draft: AttributionDraft, options: { competingClaim: boolean }) => Promise<boolean>;
  onRemove: (attribution: AttributionView, reason: string) => void;
  onAddTouch: (attribution: AttributionView, draft: TouchDraft) => Promise<boolean>;
  onKeep: (claim: AttributionView, reason: string) => void;
  /** A problem loading the panel (as opposed to a refused save). */
  loadError?: string;
  formError?: FormError;
  touchError?: string;
  /** A short confirmation such as "Saved", announced politely. */
  status?: string;
  removingId?: string;
}

const BODY_ID = 'pl-panel-body';

/**
 * The side panel on an opportunity: what is recorded, the evidence, disputes, history, and a form to add.
 * Collapses to a small tab on the right edge so it never stands in the way of the record.
 */
export function AttributionPanel(props: AttributionPanelProps) {
  const { collapsed, onToggle, status } = props;
  const body = useRef<HTMLDivElement>(null);
  // A confirmation (or a new dispute) shows at the top: bring it into view.
  useEffect(() => {
    if (status) body.current?.scrollTo?.({ top: 0 });
  }, [status]);
  return (
    <aside
      class={collapsed ? 'pl-panel pl-collapsed' : 'pl-panel'}
      aria-label="Partner attribution"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !collapsed) onToggle();
      }}
    >
      <button
        type="button"
        class="pl-toggle"
        aria-expanded={!collapsed}
        aria-controls={BODY_ID}
        title={collapsed ? 'Show partner attribution' : 'Hide partner attribution'}
        onClick={onToggle}
      >
        <span class="pl-toggle-icon" aria-hidden="true">
          {collapsed ? '‹' : '›'}
        </span>
        <span class="pl-toggle-label">Partner attribution</span>
      </button>
      <div id={BODY_ID} class="pl-body" hidden={collapsed} ref={body}>
        <PanelBody {...props} />
      </div>
    </aside>
  );
}

function PanelBody(props: AttributionPanelProps) {
  const { opportunityName, data, createdDate, loadError, status } = props;
  const kind = props.recordKind ?? 'opportunity';
  return (
    <>
      <header class="pl-header">
        <p class="pl-eyebrow">{kind === 'lead' ? 'Lead' : 'Opportunity'}</p>
        <h2 class="pl-title">{opportunityName}</h2>
        {data?.facts && <FactsLine facts={data.facts} />}
        {data && (
          <LockLine
            createdDate={createdDate}
            data={data}
            kind={kind}
            unreadable={props.createdDateUnreadable === true}
          />
        )}
        {kind === 'lead' && (
          <p class="pl-meta pl-carry-note">Carries to the opportunity when this lead is converted.</p>
        )}
      </header>
      <p class="pl-status" role="status">
        {status}
      </p>
      {loadError ? (
        <div role="alert" class="pl-alert">
          {loadError}
        </div>
      ) : data ? (
        <Loaded {...props} data={data} />
      ) : (
        <p class="pl-empty">Loading…</p>
      )}
    </>
  );
}

function FactsLine({ facts }: { facts: NonNullable<PanelData['facts']> }) {
  const hidden = facts.hiddenFields ?? [];
  const amountHidden = hidden.includes('Amount');
  return (
    <>
      <p class="pl-meta">
        {amountHidden
          ? hiddenFieldNotice('Amount')
          : facts.amount !== null
            ? formatAmount(facts.amount, facts.currency)
            : 'No amount'}
        {facts.stage ? ` · ${facts.stage}` : ''} · from Salesforce
      </p>
      {hidden
        .filter((field) => field !== 'Amount')
        .map((field) => (
          <p key={field} class="pl-meta pl-field-access">
            {hiddenFieldNotice(field)}
          </p>
        ))}
    </>
  );
}

function LockLine({
  createdDate,
  data,
  kind,
  unreadable,
}: {
  createdDate?: string;
  data: PanelData;
  kind: RecordKind;
  unreadable: boolean;
}) {
  const lock = getLockState(createdDate, data.today, data.rules);
  if (lock.status === 'unknown' && unreadable) {
    return (
      <p class="pl-meta">
        The created date on this page cannot be read: it could be day/month or month/day, and your Salesforce locale is
        known only once Partner Ledger connects to Salesforce. The attribution window and lock are not checked.
      </p>
    );
  }
  if (lock.status === 'unknown') {
    return (
      <p class="pl-meta">
        This page does not show when the {kind} was created, so the attribution window and lock are not checked.
      </p>
    );
  }
  const created = `Created ${formatCalendarDate(createdDate!)}`;
  return lock.status === 'locked' ? (
    <p class="pl-meta pl-locked">
      {created} · attribution locked on {formatCalendarDate(lock.lockedOn)}: changes need a reason
    </p>
  ) : (
    <p class="pl-meta">
      {created} · attribution locks on {formatCalendarDate(lock.locksOn)}
    </p>
  );
}

function Loaded(props: AttributionPanelProps & { data: PanelData }) {
  const { data, createdDate, formError, touchError, removingId, onSave, onRemove, onAddTouch, onKeep } = props;
  const lock = getLockState(createdDate, data.today, data.rules);
  const locked = lock.status === 'locked';
  const claims = data.attributions.filter((a) => a.kind === 'sourced');
  return (
    <>
      {data.disputed && <DisputeBanner claims={claims} locked={locked} onKeep={onKeep} />}
      <section class="pl-section" aria-labelledby="pl-attributions-title">
        <h3 id="pl-attributions-title" class="pl-section-title">
          Attributions
        </h3>
        <AttributionList
          attributions={data.attributions}
          credit={data.credit}
          amount={data.facts?.amount ?? null}
          currency={data.facts?.currency ?? null}
          disputed={data.disputed}
          today={data.today}
          locked={locked}
          busyId={removingId}
          onRemove={onRemove}
          onAddTouch={onAddTouch}
          touchError={touchError}
        />
      </section>
      <AttributionForm
        partners={data.partners}
        rules={data.rules}
        today={data.today}
        createdDate={createdDate}
        lockedOn={lock.status === 'locked' ? lock.lockedOn : undefined}
        onSave={onSave}
        error={formError}
        idPrefix="pl-add"
      />
      <HistoryList entries={data.history} />
    </>
  );
}
