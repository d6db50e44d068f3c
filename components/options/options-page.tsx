import type { ComponentChildren } from 'preact';
import type { AttributionCounts } from '../../lib/attribution/model';

interface Props {
  counts?: AttributionCounts;
  error?: string;
  /** The sections: Salesforce connection, Role and badges, Partners, Attribution rules, Weekly summary, Backup. */
  children?: ComponentChildren;
}

/** The options page frame: its sections, then what this browser holds. */
export function OptionsPage({ counts, error, children }: Props) {
  return (
    <main class="pl-options">
      <h1 class="pl-popup-title">Partner Ledger options</h1>
      {children}
      <section class="pl-card" aria-labelledby="pl-data-title">
        <h2 id="pl-data-title">Data in this browser</h2>
        {error ? (
          <p role="alert" class="pl-alert">
            {error}
          </p>
        ) : (
          <p>
            {counts
              ? `${counts.opportunities.toLocaleString()} ` +
                `${counts.opportunities === 1 ? 'opportunity carries' : 'opportunities carry'} partner attributions ` +
                `(${counts.sourced.toLocaleString()} partner-sourced, ${counts.influenced.toLocaleString()} ` +
                `partner-influenced).`
              : 'Loading…'}
          </p>
        )}
        <p class="pl-muted">
          Attributions are kept in this browser’s extension storage and, once connected, in your own Salesforce org
          (Partner Attribution records), using your Salesforce session. Nothing is sent anywhere else.
        </p>
      </section>
    </main>
  );
}
