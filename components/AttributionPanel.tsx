import type { AttributionView } from '../lib/attribution/model';
import { AttributionForm, type AttributionDraft } from './AttributionForm';
import { AttributionList } from './AttributionList';

export interface AttributionPanelProps {
  /** The opportunity name read from the page; undefined while the page is still loading it. */
  opportunityName?: string;
  attributions?: AttributionView[];
  partnerNames: string[];
  collapsed: boolean;
  onToggle: () => void;
  onSave: (draft: AttributionDraft) => Promise<boolean>;
  onRemove: (attribution: AttributionView) => void;
  /** A problem loading the panel (as opposed to a refused save). */
  loadError?: string;
  formError?: string;
  /** A short confirmation such as "Saved", announced politely. */
  status?: string;
  removingId?: string;
}

const BODY_ID = 'pl-panel-body';

/**
 * The side panel on an opportunity: what is recorded, and a form to add to it.
 * Collapses to a small tab on the right edge so it never stands in the way of the record.
 */
export function AttributionPanel(props: AttributionPanelProps) {
  const { collapsed, onToggle } = props;
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
      <div id={BODY_ID} class="pl-body" hidden={collapsed}>
        <PanelBody {...props} />
      </div>
    </aside>
  );
}

function PanelBody({
  opportunityName,
  attributions,
  partnerNames,
  onSave,
  onRemove,
  loadError,
  formError,
  status,
  removingId,
}: AttributionPanelProps) {
  return (
    <>
      <header class="pl-header">
        <p class="pl-eyebrow">Opportunity</p>
        <h2 class="pl-title">{opportunityName ?? 'Loading…'}</h2>
      </header>
      {loadError ? (
        <div role="alert" class="pl-alert">
          {loadError}
        </div>
      ) : (
        <>
          <section class="pl-section" aria-labelledby="pl-attributions-title">
            <h3 id="pl-attributions-title" class="pl-section-title">
              Attributions
            </h3>
            {attributions ? (
              <AttributionList attributions={attributions} busyId={removingId} onRemove={onRemove} />
            ) : (
              <p class="pl-empty">Loading…</p>
            )}
          </section>
          <AttributionForm partnerNames={partnerNames} onSave={onSave} error={formError} idPrefix="pl-add" />
        </>
      )}
      <p class="pl-status" role="status">
        {status}
      </p>
    </>
  );
}
