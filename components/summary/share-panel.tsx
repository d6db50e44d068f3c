import { useState } from 'preact/hooks';
import { messageOf } from '../../lib/errors';

/**
 * What the share buttons do; the popup supplies them (clipboard, download, webhook). Each resolves to an
 * error message in words when it did not work, or to nothing when it did; a rejection counts as a failure.
 */
export interface ShareActions {
  copyText: () => Promise<string | void>;
  copyMarkdown: () => Promise<string | void>;
  exportCsv: () => Promise<string | void>;
  /** Only when a Slack webhook is configured in options. */
  postToSlack?: () => Promise<string | void>;
}

export interface SharePanelProps {
  actions: ShareActions;
  /** The exported file's name, for the status: `partner-attribution-2026-11-16.csv`. */
  csvFileName: string;
}

type Status = { tone: 'ok' | 'error'; text: string } | undefined;

/** Copy, export and post the week's summary, with a polite status of what happened. */
export function SharePanel({ actions, csvFileName }: SharePanelProps) {
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<string | void>, done: string, failed: string) => {
    setBusy(true);
    setStatus(undefined);
    let problem: string | void;
    try {
      problem = await action();
    } catch (error) {
      problem = messageOf(error);
    }
    setBusy(false);
    setStatus(problem ? { tone: 'error', text: `${failed}: ${problem}` } : { tone: 'ok', text: done });
  };

  const { postToSlack } = actions;
  return (
    <section class="pl-summary-section pl-share" aria-labelledby="pl-share-title">
      <h2 id="pl-share-title" class="pl-section-heading">
        Share
      </h2>
      <div class="pl-share-buttons">
        <button
          type="button"
          class="pl-button pl-button-small"
          disabled={busy}
          onClick={() => run(actions.copyText, 'Copied as text.', 'Not copied')}
        >
          Copy as text
        </button>
        <button
          type="button"
          class="pl-button pl-button-small"
          disabled={busy}
          onClick={() => run(actions.copyMarkdown, 'Copied as Markdown.', 'Not copied')}
        >
          Copy as Markdown
        </button>
        <button
          type="button"
          class="pl-button pl-button-small"
          disabled={busy}
          onClick={() => run(actions.exportCsv, `Exported ${csvFileName}.`, 'Not exported')}
        >
          Export CSV
        </button>
        {postToSlack && (
          <button
            type="button"
            class="pl-button pl-button-small pl-button-brand"
            disabled={busy}
            onClick={() => run(postToSlack, 'Posted to Slack.', 'Not posted to Slack')}
          >
            Post to Slack
          </button>
        )}
      </div>
      <p role="status" class={`pl-share-status${status?.tone === 'error' ? ' pl-alert-text' : ''}`}>
        {busy ? 'Working…' : status?.text}
      </p>
    </section>
  );
}
