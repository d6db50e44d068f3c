import type { AttributionCounts } from '../lib/attribution/model';

interface Props {
  counts?: AttributionCounts;
  error?: string;
  /** The options page's address, and how to open it (the popup closes itself when a tab opens). */
  optionsUrl: string;
  onOpenOptions: () => void;
}

/** The popup's figures: opportunities carrying partner attributions, sourced and influenced apart. */
export function AttributionSummary({ counts, error, optionsUrl, onOpenOptions }: Props) {
  return (
    <main class="pl-popup">
      <h1 class="pl-popup-title">Partner Ledger</h1>
      {error ? (
        <p role="alert" class="pl-alert">
          {error}
        </p>
      ) : !counts ? (
        <p class="pl-muted">Loading…</p>
      ) : (
        <>
          <dl class="pl-figures" aria-label="Opportunities with partner attributions">
            <Figure label="Opportunities with partner attributions" value={counts.opportunities} />
            <Figure label="Partner-sourced" value={counts.sourced} />
            <Figure label="Partner-influenced" value={counts.influenced} />
          </dl>
          {counts.opportunities === 0 && (
            <p class="pl-muted">Open an opportunity in Salesforce and use the Partner attribution panel to tag it.</p>
          )}
        </>
      )}
      <a
        class="pl-link"
        href={optionsUrl}
        target="_blank"
        rel="noreferrer"
        onClick={(event) => {
          event.preventDefault();
          onOpenOptions();
        }}
      >
        Options
      </a>
    </main>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div class="pl-figure">
      <dt>{label}</dt>
      <dd>{value.toLocaleString()}</dd>
    </div>
  );
}
