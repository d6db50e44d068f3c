import type { HistoryEntry } from '../../lib/messaging/protocol';

/** The opportunity's audit trail: who did what, when, and why. */
export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  return (
    <section class="pl-section" aria-labelledby="pl-history-title">
      <h3 id="pl-history-title" class="pl-section-title">
        History
      </h3>
      {entries.length === 0 ? (
        <p class="pl-empty">No changes recorded yet</p>
      ) : (
        <ol class="pl-history">
          {entries.map((entry) => (
            <li key={entry.seq} class="pl-history-entry">
              <span class="pl-history-what">{entry.what}</span>
              <span class="pl-meta">
                {' '}
                · {entry.who} · <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
              </span>
              {entry.reason && <p class="pl-history-reason">Why: {entry.reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function formatInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
}
