import { KIND_LABELS, type AttributionView } from '../lib/attribution/model';

interface Props {
  attributions: AttributionView[];
  busyId?: string;
  onRemove: (attribution: AttributionView) => void;
}

/** The attributions recorded for one opportunity. Partner names and notes are rendered as text only. */
export function AttributionList({ attributions, busyId, onRemove }: Props) {
  if (attributions.length === 0) {
    return <p class="pl-empty">No partner attribution yet</p>;
  }
  return (
    <ul class="pl-list" aria-label="Attributions">
      {attributions.map((a) => (
        <li key={a.id} class="pl-item">
          <div class="pl-item-main">
            <span class="pl-partner">{a.partnerName}</span>
            <span class={`pl-kind pl-kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span>
          </div>
          {a.note && <p class="pl-note">{a.note}</p>}
          <p class="pl-meta">
            {a.createdBy} · <time dateTime={a.createdAt}>{formatDate(a.createdAt)}</time>
          </p>
          <button
            type="button"
            class="pl-button pl-button-text pl-remove"
            aria-label={`Remove ${a.partnerName}`}
            disabled={busyId === a.id}
            onClick={() => onRemove(a)}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}
